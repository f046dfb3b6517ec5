"""Shared helper for the tests that prove a snippet's check can fail.

Each chapter has a ``tests/wrong_formulas/<chapter>.py`` whose cases replace one piece of
a snippet's formula by a plausible mistake (a dropped transpose, a missing batch
sum, a misplaced 1/N) and asserts that running the mutated snippet as
``__main__`` raises ``AssertionError``: the snippet's own check catches it.

``outcome`` runs one case and reports what happened as plain data, so that
tests/test_wrong_formulas.py can run the cases in two worker processes (the
machine's two cores); ``assert_caught`` turns that report into the test's
verdict. Each worker runs a snippet's unmutated source once, however many
cases mutate it.
"""

import contextlib
import functools
import io
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_snippet_source(source, path):
    """Run a snippet's source as ``__main__``, its printing swallowed."""
    code = compile(source, str(path), "exec")
    namespace = {"__name__": "__main__", "__file__": str(path)}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, namespace)


def _run(source, path):
    """(exception type name or None, traceback text or None, warnings raised)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            run_snippet_source(source, path)
        except Exception as exc:
            return type(exc).__name__, traceback.format_exc(), []
    return None, None, [str(w.message) for w in caught]


@functools.cache
def _right_run(path, source):
    return _run(source, path)


def outcome(snippet, right, wrong):
    """What one case does: how often ``right`` occurs, how the snippet's
    unmutated source runs, and how the mutated one does."""
    path = ROOT / snippet
    source = path.read_text(encoding="utf-8")
    report = {"count": source.count(right)}
    if report["count"] != 1:
        return report
    report["right"] = _right_run(path, source)
    if report["right"][0] is None:
        # A wrong formula may warn (a NaN, an overflow): that is its business.
        report["wrong"] = _run(source.replace(right, wrong), path)[:2]
    return report


def assert_caught(snippet, right, report):
    """The verdict on ``outcome``: ``right`` occurs exactly once (so the
    mutation is never a silent no-op), the unmutated snippet passes (so the
    failure is the mutation's doing), and the mutated one fails its check."""
    count = report["count"]
    assert count == 1, f"{snippet}: {right!r} occurs {count} times, expected once"
    error, trace, raised = report["right"]
    assert error is None, f"{snippet} fails without the mutation:\n{trace}"
    for message in raised:
        warnings.warn(f"{snippet}: {message}", RuntimeWarning, stacklevel=2)
    error, trace = report["wrong"]
    assert error is not None, (
        f"{snippet}: the wrong formula passed the snippet's checks"
    )
    assert error == "AssertionError", (
        f"{snippet}: the wrong formula raised {error}, not the check's AssertionError:\n"
        f"{trace}"
    )


def assert_wrong_formula_caught(snippet, right, wrong):
    """Replace ``right`` by ``wrong`` in ``snippet`` and require its check to fail."""
    assert_caught(snippet, right, outcome(snippet, right, wrong))
