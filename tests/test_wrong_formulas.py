"""Every chapter's checks fail on wrong formulas: the mistakes readers make.

The cases live in tests/wrong_formulas/<chapter>.py (see
tests/wrong_formula.py for how one is run). Each replaces one piece of a
snippet by a plausible mistake (a dropped or moved transpose, a missing batch
sum, a misplaced 1/N) and requires the snippet's own check to catch it.
"""

import importlib
import multiprocessing
import pkgutil
from concurrent.futures import ProcessPoolExecutor

import pytest

import tests.wrong_formulas as wrong_formulas
from tests.discover import FRAMEWORK_CHAPTERS, SNIPPETS
from tests.parallel import WORKERS
from tests.wrong_formula import assert_caught, outcome

MODULES = {
    info.name: importlib.import_module(f"tests.wrong_formulas.{info.name}")
    for info in pkgutil.iter_modules(wrong_formulas.__path__)
}
CASES = [
    pytest.param(chapter, *case, id=f"{chapter}: {case[3]}")
    for chapter, module in sorted(MODULES.items())
    for case in module.CASES
]
# The frameworks page's planted mistakes need PyTorch and JAX: they live in
# tests/test_frameworks.py, which skips without them.
CHAPTERS = sorted(
    p.name
    for p in SNIPPETS.iterdir()
    if (p / "__init__.py").is_file() and p.name not in FRAMEWORK_CHAPTERS
)


@pytest.fixture(scope="module")
def outcomes(request):
    """{(snippet, right, wrong): outcome} for the selected cases.

    Run in WORKERS fresh processes (spawned: nothing of this process's
    threads or imports, PyTorch's among them, carries over), each snippet's
    cases on one worker, so that its unmutated run happens once.
    """
    names = ("snippet", "right", "wrong")
    cases = sorted(
        {
            tuple(item.callspec.params[n] for n in names)
            for item in request.session.items
            if getattr(item, "originalname", None) == "test_wrong_formula_is_caught"
        }
    )
    snippets = sorted({case[0] for case in cases})
    shard = {s: k % WORKERS for k, s in enumerate(snippets)}
    batches = [[c for c in cases if shard[c[0]] == k] for k in range(WORKERS)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(WORKERS, mp_context=context) as pool:
        results = pool.map(run_batch, batches)
    return {
        case: report
        for batch, reports in zip(batches, results, strict=True)
        for case, report in zip(batch, reports, strict=True)
    }


def run_batch(cases):
    return [outcome(*case) for case in cases]


@pytest.mark.parametrize(("chapter", "snippet", "right", "wrong", "mistake"), CASES)
def test_wrong_formula_is_caught(chapter, snippet, right, wrong, mistake, outcomes):
    assert snippet.startswith(f"snippets/{chapter}/"), f"{snippet} is not in {chapter}"
    assert_caught(snippet, right, outcomes[snippet, right, wrong])


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_shows_its_checks_failing(chapter):
    assert chapter in MODULES, f"add tests/wrong_formulas/{chapter}.py with its CASES"
    assert len(MODULES[chapter].CASES) >= 2, f"{chapter}: at least two wrong formulas"
