"""The b = W a chapter's checks fail when its formulas are wrong."""

import pytest

from tests.wrong_formula import assert_wrong_formula_caught

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/matrix_vector/jacobian_wrt_w.py",
        '"ij,k->ijk", delta, a',
        '"ik,j->ijk", delta, a',
        "delta on the wrong index pair: db_i/dW_jk = delta_ik a_j",
    ),
]


@pytest.mark.parametrize(("snippet", "right", "wrong", "mistake"), CASES)
def test_wrong_formula_is_caught(snippet, right, wrong, mistake):
    assert_wrong_formula_caught(snippet, right, wrong)
