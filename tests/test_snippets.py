"""Every snippet runs as a module, passes its check, and prints its `#>` lines.

`make update-output` (tools/update_output.py) rewrites the `#>` lines from
what the snippets print.
"""

import ast
import contextlib
import importlib
import io
import subprocess
import sys

import pytest

from tests.discover import (
    ROOT,
    SNIPPETS,
    concept_snippets,
    expected_output,
    is_framework_snippet,
    module_name,
    snippet_files,
)
from tests.parallel import run_all, selected_params

CONCEPTS = concept_snippets()
ALLOWED_IMPORTS = ("numpy", "gradcheck", "math")
# The capstone assembles a network from the chapters' own functions: its
# snippets may import other chapters' snippet modules (`from attention.multi_head
# import ...`); tests/test_copy_and_run.py copies the files they need with them.
ASSEMBLES = ("transformer_by_hand",)
# The frameworks page's snippets import PyTorch or JAX as well (and `warnings`,
# to show gradcheck's float32 warning); they are run, and imported, by
# tests/test_frameworks.py, which skips without the frameworks.
FRAMEWORK_IMPORTS = ("torch", "jax", "warnings")


def rel(path):
    return path.relative_to(ROOT).as_posix()


def run_module(path):
    return subprocess.run(
        [sys.executable, "-m", module_name(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def module_runs(request):
    paths = selected_params(
        request, "test_snippet_runs_and_prints_its_output_lines", "path"
    )
    return run_all({path: lambda path=path: run_module(path) for path in paths})


@pytest.mark.parametrize("path", CONCEPTS, ids=rel)
def test_snippet_runs_and_prints_its_output_lines(path, module_runs):
    result = module_runs[path]
    assert result.returncode == 0, (
        f"`python -m {module_name(path)}` failed (exit {result.returncode}):\n"
        f"{result.stderr}"
    )
    printed = result.stdout.splitlines()
    expected = expected_output(path)
    assert printed == expected, (
        f"{rel(path)} printed something other than its #> lines "
        "(run `make update-output` if the change is intended)"
    )
    assert printed, f"{rel(path)} prints nothing: show the reader what the check found"


@pytest.mark.parametrize(
    "path", [p for p in snippet_files() if not is_framework_snippet(p)], ids=rel
)
def test_snippet_imports_without_side_effects(path):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        importlib.import_module(module_name(path))
    assert out.getvalue() == "", f"importing {rel(path)} printed: {out.getvalue()!r}"


@pytest.mark.parametrize("path", snippet_files(), ids=rel)
def test_snippet_follows_the_file_conventions(path):
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    doc = ast.get_docstring(tree)
    assert doc, f"{rel(path)}: the first line must be a docstring stating the identity"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if path.parent.name in ASSEMBLES and (SNIPPETS / top).is_dir():
                continue
            if is_framework_snippet(path) and top in FRAMEWORK_IMPORTS:
                continue
            assert top in ALLOWED_IMPORTS, (
                f"{rel(path)}:{node.lineno} imports {name!r}: "
                "snippets import NumPy and gradcheck only, so that a copied file runs"
            )
    if path.parent != SNIPPETS:
        assert 'if __name__ == "__main__":' in source, (
            f"{rel(path)}: run the demonstration under if __name__ == '__main__'"
        )
    assert "np.random.seed" not in source and "np.random.rand" not in source, (
        f"{rel(path)}: use np.random.default_rng(seed), not the global RNG"
    )
