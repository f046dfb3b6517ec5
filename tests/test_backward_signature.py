"""One backward signature on every page: ``<op>_backward(dOut, <what forward saved>)``.

Every function in a snippet's ``backward`` section:

* is named ``<op>_backward``, and the same file defines ``<op>_forward``;
* takes the upstream gradient first, named ``d`` + the name of what the
  forward returns (``dY`` when ``<op>_forward`` ends in ``return Y``); a loss's
  upstream gradient is the scalar ``dL`` with default 1.0;
* returns gradients named ``d`` + the forward's inputs, in the order of those
  inputs (inputs that get no gradient, such as labels, are left out): a bare
  name for one, a tuple of names for several.

Upstream gradients are never called ``g``, ``G``, ``dout`` or ``dD`` in code
(only snippets/layouts/ quotes other books' letters, beside their translation).
"""

import ast
import re

import pytest

from tests.discover import ROOT, sections, snippet_files

UPSTREAM = re.compile(r"^d[A-Za-z]\w*$")
QUOTED_LETTERS = {"g", "G", "dout", "dD"}
QUOTING = ("snippets/layouts/",)


def rel(path):
    return path.relative_to(ROOT).as_posix()


def functions(tree):
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def returned(fn):
    """The return statements of fn itself (not of nested functions)."""
    out, stack = [], list(fn.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            out.append(node)
        elif not isinstance(node, ast.FunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))
    return out


def signature_errors(source, backward_lines):
    """What breaks the rule in the functions defined inside backward_lines."""
    tree = ast.parse(source)
    defs = functions(tree)
    first, last = backward_lines
    errors = []
    for fn in defs.values():
        if not first < fn.lineno < last:
            continue
        where = f"{fn.name} (line {fn.lineno})"
        if not fn.name.endswith("_backward"):
            errors.append(f"{where}: a backward function is named <op>_backward")
            continue
        forward = defs.get(fn.name.removesuffix("_backward") + "_forward")
        if forward is None:
            errors.append(f"{where}: no {fn.name[:-9]}_forward in the same file")
            continue
        params = [a.arg for a in fn.args.args]
        if not params or not UPSTREAM.match(params[0]):
            errors.append(f"{where}: the upstream gradient comes first, named dOut")
            continue
        outs = [r.value for r in returned(forward)]
        if outs and all(isinstance(v, ast.Name) for v in outs):
            names = {v.id for v in outs}
            if len(names) == 1 and params[0] != "d" + next(iter(names)):
                errors.append(
                    f"{where}: {forward.name} returns {next(iter(names))}, "
                    f"so the upstream gradient is d{next(iter(names))}, not {params[0]}"
                )
        if params[0] == "dL":
            defaults = dict(zip(params[::-1], fn.args.defaults[::-1], strict=False))
            default = defaults.get("dL")
            if not (isinstance(default, ast.Constant) and default.value == 1.0):
                errors.append(f"{where}: a loss's upstream gradient is dL=1.0")
        inputs = ["d" + a.arg for a in forward.args.args]
        for ret in returned(fn):
            value = ret.value
            elts = value.elts if isinstance(value, ast.Tuple) else [value]
            if not all(isinstance(e, ast.Name) for e in elts):
                errors.append(
                    f"{where}: return gradients by name (dX or dW, dX), line {ret.lineno}"
                )
                continue
            got = [e.id for e in elts]
            order = [inputs.index(n) for n in got if n in inputs]
            if len(order) != len(got) or order != sorted(order):
                errors.append(
                    f"{where}: returns {', '.join(got)}; the gradients of "
                    f"{forward.name}'s inputs in their order are {', '.join(inputs)}"
                )
    return errors


BACKWARDS = [p for p in snippet_files() if "backward" in sections(p)]


@pytest.mark.parametrize("path", BACKWARDS, ids=rel)
def test_backward_follows_the_signature(path):
    errors = signature_errors(
        path.read_text(encoding="utf-8"), sections(path)["backward"]
    )
    assert not errors, f"{rel(path)}:\n" + "\n".join(errors)


@pytest.mark.parametrize("path", snippet_files(), ids=rel)
def test_upstream_gradients_are_named_dV(path):
    if rel(path).startswith(QUOTING):
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    used |= {a.arg for n in ast.walk(tree) if isinstance(n, ast.arg) for a in [n]}
    bad = sorted(used & QUOTED_LETTERS)
    assert not bad, f"{rel(path)} names an upstream gradient {bad}: write dY, dL, ..."


GOOD = """
def linear_forward(X, W, b):
    Y = X @ W + b
    return Y
# --8<-- [start:backward]
def linear_backward(dY, X, W):
    dX = dY @ W.T
    dW = X.T @ dY
    db = dY.sum(axis=0)
    return dX, dW, db
# --8<-- [end:backward]
"""


@pytest.mark.parametrize(
    ("right", "wrong", "message"),
    [
        ("return dX, dW, db", "return dW, dX, db", "in their order"),
        (
            "def linear_backward(dY, X, W)",
            "def linear_backward(X, W, dY)",
            "comes first",
        ),
        ("def linear_backward(dY,", "def linear_backward(dOut,", "so the upstream"),
        ("def linear_backward(", "def backward(", "named <op>_backward"),
        ("return dX, dW, db", "return dX, X.T @ dY, db", "by name"),
        ("return dX, dW, db", "return dX, dW, db, dY", "in their order"),
    ],
)
def test_the_signature_rule_catches_a_planted_violation(right, wrong, message):
    lines = (3, 10)  # where GOOD's backward section starts and ends
    assert signature_errors(GOOD, lines) == []
    errors = signature_errors(GOOD.replace(right, wrong), lines)
    assert any(message in e for e in errors), errors


def test_a_loss_backward_defaults_its_upstream_gradient_to_one():
    loss = (
        "def mse_forward(Y, T):\n    L = ((Y - T) ** 2).mean()\n    return L\n"
        "def mse_backward(dL, Y, T):\n    dY = dL * 2 * (Y - T) / Y.size\n    return dY\n"
    )
    assert any("dL=1.0" in e for e in signature_errors(loss, (3, 7)))
    fixed = loss.replace("(dL, Y, T)", "(dL=1.0, Y=None, T=None)")
    assert signature_errors(fixed, (3, 7)) == []
