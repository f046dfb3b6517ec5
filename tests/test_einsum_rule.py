"""Property-based tests of snippets/einsum_rule/einsum_vjp.py on specs drawn at random.

Hypothesis draws einsum specs (1 to 3 operands, letters repeated inside an
operand, letters only one operand has, outputs that are any subset of the
letters in any order, explicit and implicit mode) with lengths 1 to 4, and
requires einsum_vjp to agree with finite differences and with the dot-product
test of gradcheck. It then corrupts valid specs in each way parse_spec
refuses, and requires a ValueError naming the problem, never an array.
Derandomized: every run, on CI too, tests the same examples.
"""

import numpy as np
import pytest
from gradcheck import check_gradient, check_vjp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from snippets.einsum_rule.einsum_vjp import einsum_forward, einsum_vjp, parse_spec

POOL = "ijkXY"  # a few letters, upper case too, so that letters repeat often
SETTINGS = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def einsum_cases(draw):
    """(spec, operands): a valid spec and float64 operands of matching shapes."""
    n_ops = draw(st.integers(1, 3))
    inputs = [
        "".join(draw(st.lists(st.sampled_from(POOL), min_size=0, max_size=3)))
        for _ in range(n_ops)
    ]
    used = sorted(set("".join(inputs)))
    sizes = {a: draw(st.integers(1, 4)) for a in used}
    if draw(st.booleans()) or not used:  # explicit: any subset, any order
        output = "".join(draw(st.permutations(used))[: draw(st.integers(0, len(used)))])
        spec = ",".join(inputs) + "->" + output
    else:  # implicit mode: NumPy's output, the letters seen once, sorted
        spec = ",".join(inputs)
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    operands = [rng.standard_normal([sizes[a] for a in s]) for s in inputs]
    return spec, operands, rng


def one_operand(spec, operands, k):
    return lambda A_: np.einsum(spec, *operands[:k], A_, *operands[k + 1 :])


@SETTINGS
@given(einsum_cases())
def test_einsum_vjp_matches_finite_differences_and_the_dot_product_test(case):
    spec, operands, rng = case
    Y = einsum_forward(spec, *operands)
    np.testing.assert_allclose(Y, np.einsum(spec, *operands), rtol=1e-12, atol=1e-12)
    dY = rng.standard_normal(np.shape(Y))  # random, never all ones
    grads = einsum_vjp(spec, dY, *operands)
    assert len(grads) == len(operands)
    for k, (dA, A) in enumerate(zip(grads, operands, strict=True)):
        assert dA.shape == A.shape, (spec, k)
        f = one_operand(spec, operands, k)
        check_gradient(dA, lambda A_, f=f: np.sum(dY * f(A_)), A)
        check_vjp(f, lambda dY_, k=k: einsum_vjp(spec, dY_, *operands)[k], A, rng)


@st.composite
def bad_cases(draw):
    """(spec, operands, dY, words of the expected message): a corrupted valid case."""
    spec, operands, rng = draw(einsum_cases())
    inputs, output, sizes = parse_spec(spec, *operands)
    explicit = ",".join(inputs) + "->" + output
    dY = rng.standard_normal([sizes[a] for a in output])
    kinds = ["output-only", "ellipsis", "count", "ndim", "two arrows", "dY shape"]
    if output:
        kinds.append("repeated output")
    repeated = [a for a in sizes if ",".join(inputs).count(a) > 1]
    if repeated:
        kinds.append("sizes")
    kind = draw(st.sampled_from(kinds))
    if kind == "output-only":
        new = draw(st.sampled_from([a for a in "abcdefgh" if a not in sizes]))
        return explicit + new, operands, dY, "is in no operand"
    if kind == "repeated output":
        a = draw(st.sampled_from(output))
        return explicit + a, operands, dY, "repeated"
    if kind == "ellipsis":
        return "..." + explicit, operands, dY, "ellipsis"
    if kind == "count":
        extra = [*operands, np.ones(2)] if draw(st.booleans()) else operands[:-1]
        return explicit, extra, dY, "operand(s), got"
    if kind == "ndim":
        k = draw(st.integers(0, len(operands) - 1))
        changed = list(operands)
        changed[k] = operands[k][..., None]  # one axis more than its letters
        return explicit, changed, dY, "axes"
    if kind == "two arrows":
        return explicit + "->", operands, dY, "more than one '->'"
    if kind == "dY shape":
        return explicit, operands, np.ones((*np.shape(dY), 2)), "dY has shape"
    a = draw(st.sampled_from(repeated))  # "sizes": one occurrence of a gets n + 1
    k = next(j for j, s in enumerate(inputs) if a in s)
    axis = inputs[k].rindex(a)
    shape = list(operands[k].shape)
    shape[axis] += 1
    changed = list(operands)
    changed[k] = np.ones(shape)
    return explicit, changed, dY, f"index {a!r} has length"


@SETTINGS
@given(bad_cases())
def test_a_bad_spec_raises_a_value_error_naming_the_problem(case):
    spec, operands, dY, words = case
    with pytest.raises(ValueError) as error:
        einsum_vjp(spec, dY, *operands)
    assert words in str(error.value), (spec, str(error.value))


@pytest.mark.parametrize(
    ("spec", "shapes", "words"),
    [
        ("i->ij", [(2,)], "is in no operand"),
        ("ij->ii", [(2, 2)], "repeated"),
        ("...ij->...i", [(2, 3)], "ellipsis"),
        ("i,i->i", [(1,), (3,)], "has length"),  # NumPy broadcasts this; we refuse
        ("i2->i", [(2, 2)], "not index letters"),
    ],
)
def test_named_bad_specs(spec, shapes, words):
    operands = [np.ones(s) for s in shapes]
    with pytest.raises(ValueError, match=words):
        einsum_vjp(spec, np.ones(2), *operands)
