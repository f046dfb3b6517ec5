"""lse(z) = zhat + log sum_c exp(z_c - zhat), zhat = max(z): exact, no overflow."""

import numpy as np
from gradcheck import check_gradient, numerical_gradient


# --8<-- [start:forward]
def softmax_naive(z):
    """The textbook formula, as written: exp of large logits overflows."""
    e = np.exp(z)
    s = e / np.sum(e)
    return s


def softmax_forward(z):
    """The same with the max shifted out: every exponent is <= 0."""
    zhat = np.max(z)
    e = np.exp(z - zhat)
    s = e / np.sum(e)
    return s


def logsumexp_forward(z):
    """lse(z) = log sum_c exp(z_c), computed as zhat + log sum_c exp(z_c - zhat)."""
    zhat = np.max(z)
    lse = zhat + np.log(np.sum(np.exp(z - zhat)))
    return lse


# --8<-- [end:forward]


# --8<-- [start:backward]
def logsumexp_backward(dlse, z):
    """dz_j = dlse exp(z_j) / sum_c exp(z_c) = dlse s_j: the gradient is softmax(z)."""
    dz = dlse * softmax_forward(z)
    return dz


# --8<-- [end:backward]


# --8<-- [start:forgot_max]
def lse_minus_max(z):
    """The bug: the max subtracted and never added back, lse(z) - max(z)."""
    zhat = np.max(z)
    return np.log(np.sum(np.exp(z - zhat)))


# --8<-- [end:forgot_max]


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
    print(f"shifted softmax: {', '.join(f'{v:.4f}' for v in softmax_forward(z_big))}")
    #> shifted softmax: 0.6652, 0.2447, 0.0900
    # --8<-- [end:pitfall]

    # --8<-- [start:check]
    z = rng.standard_normal(6)  # small logits: the naive formulas are exact enough
    for kappa in (-3.0, 0.0, 7.5, np.max(z)):  # the shift changes nothing
        np.testing.assert_allclose(
            softmax_naive(z - kappa), softmax_naive(z), rtol=1e-12
        )
        lse_kappa = kappa + np.log(np.sum(np.exp(z - kappa)))
        np.testing.assert_allclose(lse_kappa, np.log(np.sum(np.exp(z))), rtol=1e-12)
    lse = logsumexp_forward(z)
    np.testing.assert_allclose(lse, np.log(np.sum(np.exp(z))), rtol=1e-12)
    s_big = softmax_forward(z_big)  # shifted inside: exp(0), exp(-1), exp(-2)
    np.testing.assert_allclose(s_big, softmax_naive(z_big - 998.0), rtol=1e-12)
    np.testing.assert_allclose(np.sum(s_big), 1.0, rtol=1e-15)
    lse_big = 1000.0 + np.log(1.0 + np.exp(-1.0) + np.exp(-2.0))  # by hand
    np.testing.assert_allclose(logsumexp_forward(z_big), lse_big, rtol=1e-15)
    print(f"logsumexp([1000, 999, 998]) = {logsumexp_forward(z_big):.4f}")
    #> logsumexp([1000, 999, 998]) = 1000.4076
    dlse = rng.standard_normal()  # a random upstream gradient (a scalar)
    dz = logsumexp_backward(dlse, z)
    check_gradient(dz, lambda z_: dlse * logsumexp_forward(z_), z)  # dz == dlse * s
    print("shift-invariant, finite at z = 1000, gradient is dlse * softmax(z): True")
    #> shift-invariant, finite at z = 1000, gradient is dlse * softmax(z): True
    # --8<-- [end:check]

    # --8<-- [start:forgot_max_check]
    s, zhat = softmax_forward(z), np.max(z)
    np.testing.assert_allclose(lse_minus_max(z), lse - zhat, rtol=1e-12)  # off by zhat
    e_star = np.eye(z.size)[np.argmax(z)]  # e_{c*}, the one-hot of the largest logit
    # (a) through np.max: zhat moves with z (what finite differences of the code see)
    d_through = numerical_gradient(lse_minus_max, z)
    np.testing.assert_allclose(d_through, s - e_star, rtol=1e-6, atol=1e-8)
    # (b) the max held constant (a stop-gradient): the shift cancels
    d_frozen = numerical_gradient(lambda z_: np.log(np.sum(np.exp(z_ - zhat))), z)
    np.testing.assert_allclose(d_frozen, s, rtol=1e-6, atol=1e-8)
    # a hand-written backward computes (b), whatever its forward did
    np.testing.assert_allclose(logsumexp_backward(dlse, z), dlse * d_frozen, rtol=1e-6)
    print(f"through np.max: s - e_c*, {np.allclose(d_through, s - e_star)}")
    #> through np.max: s - e_c*, True
    print(f"max held constant: s, {np.allclose(d_frozen, s)}")
    #> max held constant: s, True
    # --8<-- [end:forgot_max_check]


if __name__ == "__main__":
    main()
