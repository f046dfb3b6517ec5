"""The frameworks page: its PyTorch and JAX snippets run, and their checks can fail.

snippets/frameworks/ imports torch or jax, the optional frameworks group
(`make frameworks`); without them every test here skips with one line (and
fails under REQUIRE_FRAMEWORKS=1, tests/frameworks.py). Each snippet runs as
`python -m snippets.frameworks.<name>` and prints its `#>` lines, as
tests/test_snippets.py requires of the NumPy snippets. The backward a reader
copies is the linear layer page's, letter for letter. And the planted mistakes
below (what tests/wrong_formulas/ does for the NumPy chapters) show
torch.autograd.gradcheck and jax.test_util.check_grads failing on them.
"""

import ast
import contextlib
import importlib
import importlib.util
import io
import subprocess
import sys

import numpy as np
import pytest

from tests.discover import (
    ROOT,
    expected_output,
    framework_snippets,
    module_name,
    sections,
)
from tests.frameworks import require
from tests.parallel import run_all, selected_params

FRAMEWORK_SNIPPETS = framework_snippets()


def rel(path):
    return path.relative_to(ROOT).as_posix()


def frameworks_imported(path):
    """The frameworks a snippet imports, "torch" and/or "jax", in that order."""
    tops = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            tops |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            tops.add(node.module.split(".")[0])
    return [name for name in ("torch", "jax") if name in tops]


def require_for(path):
    for name in frameworks_imported(path):
        require(name)


def test_the_frameworks_page_has_snippets():
    assert len(FRAMEWORK_SNIPPETS) >= 4
    assert all(frameworks_imported(p) for p in FRAMEWORK_SNIPPETS), (
        "a NumPy-only snippet belongs in a NumPy chapter"
    )


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
    """The selected snippets whose frameworks are installed, run two at a time."""
    paths = selected_params(
        request, "test_framework_snippet_runs_and_prints_its_output_lines", "path"
    )
    runnable = [
        p
        for p in paths
        if all(importlib.util.find_spec(n) for n in frameworks_imported(p))
    ]
    return run_all({p: lambda p=p: run_module(p) for p in runnable})


@pytest.mark.parametrize("path", FRAMEWORK_SNIPPETS, ids=rel)
def test_framework_snippet_runs_and_prints_its_output_lines(path, module_runs):
    require_for(path)
    result = module_runs[path]
    assert result.returncode == 0, (
        f"`python -m {module_name(path)}` failed (exit {result.returncode}):\n"
        f"{result.stderr}"
    )
    printed = result.stdout.splitlines()
    assert printed == expected_output(path), (
        f"{rel(path)} printed something other than its #> lines "
        f"(run `python -m tools.update_output {rel(path)}` if intended)"
    )
    assert printed, f"{rel(path)} prints nothing"


@pytest.mark.parametrize("path", FRAMEWORK_SNIPPETS, ids=rel)
def test_framework_snippet_imports_without_side_effects(path):
    require_for(path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        importlib.import_module(module_name(path))
    assert out.getvalue() == "", f"importing {rel(path)} printed: {out.getvalue()!r}"


def section_text(path, name):
    first, last = sections(path)[name]
    return path.read_text(encoding="utf-8").splitlines()[first : last - 1]


@pytest.mark.parametrize("framework", ["torch", "jax"])
def test_the_linear_layer_is_the_sites_letter_for_letter(framework):
    # The page's claim: the framework API is an adapter around the very
    # functions of docs/linear_layer.md, unchanged.
    site = ROOT / "snippets/linear_layer/layer.py"
    here = ROOT / f"snippets/frameworks/{framework}_linear.py"
    for name in ("forward", "backward"):
        assert section_text(here, name) == section_text(site, name), (
            f"{rel(here)}: section {name} differs from {rel(site)}'s"
        )


# Planted mistakes: (snippet, right, wrong, what the mistake is). Each is
# replaced in the snippet's source, and the framework's own check must fail.
TORCH_CASES = [
    (
        "snippets/frameworks/torch_linear.py",
        "dW = X.T @ dY",
        "dW = dY.T @ X",
        "dW transposed: runs, right shape, because W is square",
    ),
    (
        "snippets/frameworks/torch_linear.py",
        "dX = dY @ W.T",
        "dX = dY @ W",
        "W where W^T belongs: runs, right shape, because W is square",
    ),
    (
        "snippets/frameworks/torch_linear.py",
        "db = dY.sum(axis=0)",
        "db = dY.mean(axis=0)",
        "a 1/N in db: the mean belongs in the loss",
    ),
    (
        "snippets/frameworks/torch_cross_entropy.py",
        "dZ *= dL / N",
        "dZ *= dL",
        "the 1/N of the mean loss dropped",
    ),
    (
        "snippets/frameworks/torch_needs_input_grad.py",
        "db = dY.sum(axis=0) if need_b",
        "db = dY[0] if need_b",
        "batch sum dropped, in the backward that skips dX",
    ),
]
JAX_CASES = [
    (
        "snippets/frameworks/jax_linear.py",
        "dW = X.T @ dY",
        "dW = dY.T @ X",
        "dW transposed: runs, right shape, because W is square",
    ),
    (
        "snippets/frameworks/jax_linear.py",
        "db = dY.sum(axis=0)",
        "db = dY[0]",
        "batch sum dropped: db from the first example only",
    ),
    (
        "snippets/frameworks/jax_cross_entropy.py",
        ".add(-1.0)",
        ".add(1.0)",
        "the one-hot added instead of subtracted",
    ),
]


def namespace_of(snippet, right, wrong):
    """The snippet's module namespace, with `right` replaced by `wrong` (once)."""
    path = ROOT / snippet
    source = path.read_text(encoding="utf-8")
    assert source.count(right) == 1, f"{snippet}: {right!r} must occur once"
    namespace = {"__name__": "planted", "__file__": str(path)}
    exec(compile(source.replace(right, wrong), str(path), "exec"), namespace)
    return namespace


def torch_check(namespace):
    """torch.autograd.gradcheck in float64 on the snippet's Function."""
    torch = require("torch")
    rng = np.random.default_rng(5)
    if "CrossEntropy" in namespace:
        Z = torch.tensor(rng.standard_normal((6, 4)), requires_grad=True)
        labels = torch.tensor(rng.integers(0, 4, size=6))
        return torch.autograd.gradcheck(namespace["CrossEntropy"].apply, (Z, labels))
    X, W, b = (
        torch.tensor(rng.standard_normal(s), requires_grad=True)
        for s in ((6, 4), (4, 4), (4,))  # a square W
    )
    return torch.autograd.gradcheck(namespace["Linear"].apply, (X, W, b))


@contextlib.contextmanager
def jax_float64(jax):
    """float64 for the duration of a check, then the process's setting again."""
    before = jax.config.read("jax_enable_x64")
    jax.config.update("jax_enable_x64", True)
    try:
        yield
    finally:
        jax.config.update("jax_enable_x64", before)


def jax_check(namespace):
    """jax.test_util.check_grads in float64, reverse mode, on the custom_vjp."""
    jax = require("jax")
    from jax.test_util import check_grads

    rng = np.random.default_rng(5)
    with jax_float64(jax):
        if "cross_entropy" in namespace:
            Z = jax.numpy.asarray(rng.standard_normal((6, 4)))
            labels = jax.numpy.asarray(rng.integers(0, 4, size=6))
            f = namespace["cross_entropy"]
            check_grads(lambda Z_: f(Z_, labels), (Z,), order=1, modes=["rev"])
        else:
            args = [
                jax.numpy.asarray(rng.standard_normal(s))
                for s in ((6, 4), (4, 4), (4,))
            ]
            check_grads(namespace["linear"], args, order=1, modes=["rev"])
    return True


@pytest.mark.parametrize(
    ("snippet", "right", "wrong", "mistake"),
    TORCH_CASES,
    ids=[c[3] for c in TORCH_CASES],
)
def test_gradcheck_fails_on_a_planted_mistake(snippet, right, wrong, mistake):
    gradcheck_module = require("torch.autograd.gradcheck", "torch")
    assert torch_check(namespace_of(snippet, right, right)) is True
    with pytest.raises(gradcheck_module.GradcheckError, match="Jacobian mismatch"):
        torch_check(namespace_of(snippet, right, wrong))


@pytest.mark.parametrize(
    ("snippet", "right", "wrong", "mistake"), JAX_CASES, ids=[c[3] for c in JAX_CASES]
)
def test_check_grads_fails_on_a_planted_mistake(snippet, right, wrong, mistake):
    require("jax")
    assert jax_check(namespace_of(snippet, right, right)) is True
    with pytest.raises(AssertionError, match="Not equal to tolerance"):
        jax_check(namespace_of(snippet, right, wrong))


def test_the_snippets_own_check_catches_a_wrong_backward_too():
    # The snippet as a reader runs it (its main()), with dW transposed.
    require("torch")
    namespace = namespace_of(
        "snippets/frameworks/torch_linear.py", "dW = X.T @ dY", "dW = dY.T @ X"
    )
    with contextlib.redirect_stdout(io.StringIO()), pytest.raises(AssertionError):
        namespace["main"]()


def test_gradgradcheck_fails_when_backward_is_not_differentiable():
    # The page: S is recomputed in backward from differentiable operations, so
    # double backward works. Cut S off the graph (what a backward that saved it
    # outside autograd's view, or computed it in NumPy, does): gradcheck still
    # passes, gradgradcheck fails.
    torch = require("torch")
    gradcheck_module = require("torch.autograd.gradcheck", "torch")
    right = "S = torch.softmax(Z, dim=1)  #"
    wrong = "S = torch.softmax(Z, dim=1).detach()  #"
    snippet = "snippets/frameworks/torch_cross_entropy.py"
    rng = np.random.default_rng(5)
    Z = torch.tensor(rng.standard_normal((6, 4)), requires_grad=True)
    labels = torch.tensor(rng.integers(0, 4, size=6))
    for text in (right, wrong):
        f = namespace_of(snippet, right, text)["CrossEntropy"].apply
        assert torch.autograd.gradcheck(f, (Z, labels)) is True
    assert torch.autograd.gradgradcheck(
        namespace_of(snippet, right, right)["CrossEntropy"].apply, (Z, labels)
    )
    with pytest.raises(gradcheck_module.GradcheckError, match="Jacobian mismatch"):
        torch.autograd.gradgradcheck(
            namespace_of(snippet, right, wrong)["CrossEntropy"].apply, (Z, labels)
        )


def function_lines(path, name):
    """The source lines of the top-level function `name` in `path`."""
    source = path.read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return source.splitlines()[node.lineno - 1 : node.end_lineno]
    raise AssertionError(f"{rel(path)} has no function {name}")


def test_the_cross_entropy_backward_differs_from_the_sites_as_the_page_says():
    # The page: besides np.arange -> torch.arange, PyTorch's backward differs
    # from the NumPy one only by clone() for copy().
    site = function_lines(
        ROOT / "snippets/softmax_cross_entropy/cross_entropy.py",
        "cross_entropy_backward",
    )
    here = function_lines(
        ROOT / "snippets/frameworks/torch_cross_entropy.py", "cross_entropy_backward"
    )
    as_numpy = [
        line.replace("torch.arange", "np.arange").replace(
            "S.clone()  # NumPy's S.copy()", "S.copy()"
        )
        for line in here
    ]
    assert as_numpy == site
    jax_here = function_lines(
        ROOT / "snippets/frameworks/jax_cross_entropy.py", "cross_entropy_backward"
    )
    assert jax_here[:3] == site[:3], "signature, docstring and N as on the site"
    assert jax_here[-1] == site[-1]
