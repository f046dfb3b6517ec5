"""Shared helper for the tests that prove a snippet's check can fail.

Each chapter has a ``tests/wrong_formulas/<chapter>.py`` whose cases replace one piece of
a snippet's formula by a plausible mistake (a dropped transpose, a missing batch
sum, a misplaced 1/N) and asserts that running the mutated snippet as
``__main__`` raises ``AssertionError``: the snippet's own check catches it.
"""

import contextlib
import io
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_snippet_source(source, path):
    """Run a snippet's source as ``__main__``, its printing swallowed."""
    code = compile(source, str(path), "exec")
    namespace = {"__name__": "__main__", "__file__": str(path)}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, namespace)


def assert_wrong_formula_caught(snippet, right, wrong):
    """Replace ``right`` by ``wrong`` in ``snippet`` and require its check to fail.

    ``right`` must occur exactly once, so the mutation is never a silent no-op,
    and the unmutated snippet must pass, so the failure is the mutation's doing.
    """
    path = ROOT / snippet
    source = path.read_text(encoding="utf-8")
    count = source.count(right)
    assert count == 1, f"{snippet}: {right!r} occurs {count} times, expected once"
    run_snippet_source(source, path)  # the right formula passes its check
    with pytest.raises(AssertionError):
        run_snippet_source(source.replace(right, wrong), path)
