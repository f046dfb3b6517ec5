"""A reader who copies one snippet file and gradcheck.py can run it with only NumPy.

Each snippet is copied, with snippets/gradcheck.py beside it, into an empty
folder and run as ``python <file>.py`` with no site-packages (``-S``) and an
import path holding NumPy alone: the repository, this project's other
packages and the other snippets are out of reach. It must pass its check and
print its ``#>`` lines, as in the repository.
"""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import numpy
import pytest

from tests.discover import ROOT, SNIPPETS, concept_snippets, expected_output
from tests.parallel import run_all, selected_params

NUMPY = Path(numpy.__file__).parent


@pytest.fixture(scope="module")
def numpy_only(tmp_path_factory):
    """An import path that holds NumPy (and its bundled libraries) and nothing else."""
    site = tmp_path_factory.mktemp("numpy-only")
    for path in NUMPY.parent.iterdir():
        if path.name == "numpy" or path.name.startswith(("numpy.", "numpy-")):
            (site / path.name).symlink_to(path)
    return site


def snippet_imports(path):
    """Other snippet modules a file imports (`from attention.multi_head import ...`),
    and theirs: only the capstone's snippets import any (tests/test_snippets.py)."""
    found, todo = [], [path]
    while todo:
        tree = ast.parse(todo.pop().read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                target = SNIPPETS.joinpath(*node.module.split(".")).with_suffix(".py")
                if node.module != "gradcheck" and target.is_file():
                    if target not in found:
                        found.append(target)
                        todo.append(target)
    return found


def run_copied(snippet, numpy_only, folder):
    shutil.copy(snippet, folder / snippet.name)
    shutil.copy(SNIPPETS / "gradcheck.py", folder / "gradcheck.py")
    # The capstone's files need the chapters' files they import, in their folders.
    for needed in snippet_imports(snippet):
        rel = needed.relative_to(SNIPPETS)
        (folder / rel.parent).mkdir(parents=True, exist_ok=True)
        (folder / rel.parent / "__init__.py").touch()
        shutil.copy(needed, folder / rel)
    return subprocess.run(
        [sys.executable, "-S", snippet.name],
        cwd=folder,
        env={"PYTHONPATH": str(numpy_only), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def copied_runs(request, numpy_only, tmp_path_factory):
    test = "test_snippet_runs_from_a_folder_holding_it_and_gradcheck"
    snippets = selected_params(request, test, "snippet")
    folders = {s: tmp_path_factory.mktemp("copied") for s in snippets}
    return run_all(
        {s: lambda s=s: run_copied(s, numpy_only, folders[s]) for s in snippets}
    )


@pytest.mark.parametrize(
    "snippet", concept_snippets(), ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_snippet_runs_from_a_folder_holding_it_and_gradcheck(snippet, copied_runs):
    result = copied_runs[snippet]
    name = snippet.relative_to(ROOT).as_posix()
    assert result.returncode == 0, (
        f"{name}, copied with gradcheck.py alone into a fresh folder, fails "
        f"(it may import another snippet or a package besides NumPy):\n{result.stderr}"
    )
    assert result.stdout.splitlines() == expected_output(snippet), (
        f"{name} prints other lines when copied out of the repository"
    )


def test_the_folder_really_holds_only_numpy(numpy_only, tmp_path):
    # Planted violation: a snippet importing another snippet fails when copied.
    planted = tmp_path / "src" / "planted.py"
    planted.parent.mkdir()
    planted.write_text(
        "import numpy as np\n"
        "from gradcheck import check_gradient\n"
        "from snippets.matrix_vector.cost import jacobian_bytes\n"
        "print(np.zeros(2).shape)\n"
    )
    (tmp_path / "run").mkdir()
    result = run_copied(planted, numpy_only, tmp_path / "run")
    assert result.returncode != 0
    assert "No module named 'snippets'" in result.stderr
    # ... and so does one that needs a package other than NumPy.
    planted.write_text("import matplotlib\n")
    result = run_copied(planted, numpy_only, tmp_path / "run")
    assert "No module named 'matplotlib'" in result.stderr
