"""Python fences written in the pages run under pytest-examples.

Their `#>` output is checked and they are linted with ruff. Fences that only
include a snippet (`--8<--`) are skipped by rule: the snippet itself is run by
tests/test_snippets.py.
"""

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

from tests.discover import DOCS, ROOT

EXAMPLES = [
    ex
    for ex in find_examples(str(DOCS), str(ROOT / "README.md"))
    if ex.prefix.split()[0:1] in (["py"], ["python"])
]


def is_include_only(example: CodeExample) -> bool:
    return "--8<--" in example.source


def example_id(example):
    return f"{example.path.relative_to(ROOT)}:{example.start_line}"


RUNNABLE = [ex for ex in EXAMPLES if not is_include_only(ex)]


def test_include_fences_are_recognised():
    """The skip rule matches real fences: there are include-only fences to skip."""
    assert any(is_include_only(ex) for ex in EXAMPLES)


@pytest.mark.parametrize("example", RUNNABLE, ids=example_id)
def test_page_example(example: CodeExample, eval_example: EvalExample):
    eval_example.set_config(ruff_ignore=["E501", "D"], line_length=88)
    eval_example.lint_ruff(example)
    eval_example.run_print_check(example)
