"""logsumexp(z) = m + log sum_k exp(z_k - m) for any m; m = max(z) never overflows."""

import numpy as np

from gradcheck import check_gradient
from snippets.softmax_cross_entropy.softmax_jacobian import softmax


# --8<-- [start:forward]
def softmax_naive(z):
    """The textbook formula, as written: exp of large logits overflows."""
    e = np.exp(z)
    return e / np.sum(e)


def logsumexp(z):
    """log sum_k exp(z_k), computed as m + log sum_k exp(z_k - m) with m = max(z)."""
    m = np.max(z)
    return m + np.log(np.sum(np.exp(z - m)))


# --8<-- [end:forward]


# --8<-- [start:backward]
def logsumexp_backward(g, z):
    """d logsumexp / dz_j = exp(z_j) / sum_k exp(z_k) = s_j: the gradient is softmax."""
    return g * softmax(z)


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(2)
    # --8<-- [start:pitfall]
    z_big = np.array([1000.0, 999.0, 998.0])
    with np.errstate(over="ignore", invalid="ignore"):  # silence the warnings
        print(f"np.exp(1000) = {np.exp(1000.0)}")
        #> np.exp(1000) = inf
        s_naive = softmax_naive(z_big)  # inf / inf
    assert np.all(np.isnan(s_naive))
    print(f"naive softmax: {', '.join(f'{v:.4f}' for v in s_naive)}")
    #> naive softmax: nan, nan, nan
    print(f"shifted softmax: {', '.join(f'{v:.4f}' for v in softmax(z_big))}")
    #> shifted softmax: 0.6652, 0.2447, 0.0900
    # --8<-- [end:pitfall]

    # --8<-- [start:check]
    z = rng.standard_normal(6)  # small logits: the naive formulas are exact enough
    for c in (-3.0, 0.0, 7.5, np.max(z)):  # the shift changes nothing
        np.testing.assert_allclose(softmax_naive(z - c), softmax_naive(z), rtol=1e-12)
        lse_c = c + np.log(np.sum(np.exp(z - c)))
        np.testing.assert_allclose(lse_c, np.log(np.sum(np.exp(z))), rtol=1e-12)
    np.testing.assert_allclose(logsumexp(z), np.log(np.sum(np.exp(z))), rtol=1e-12)
    s_big = softmax(z_big)  # shifted inside: exp(0), exp(-1), exp(-2)
    np.testing.assert_allclose(s_big, softmax_naive(z_big - 998.0), rtol=1e-12)
    np.testing.assert_allclose(np.sum(s_big), 1.0, rtol=1e-15)
    lse_big = 1000.0 + np.log(1.0 + np.exp(-1.0) + np.exp(-2.0))  # by hand
    np.testing.assert_allclose(logsumexp(z_big), lse_big, rtol=1e-15)
    print(f"logsumexp([1000, 999, 998]) = {logsumexp(z_big):.4f}")
    #> logsumexp([1000, 999, 998]) = 1000.4076
    check_gradient(logsumexp_backward(1.0, z), logsumexp, z)  # gradient == softmax
    print("shift-invariant, finite at z = 1000, gradient is softmax(z): True")
    #> shift-invariant, finite at z = 1000, gradient is softmax(z): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
