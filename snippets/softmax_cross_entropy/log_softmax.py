"""For l = z - logsumexp(z): dl_i/dz_j = delta_ij - s_j, and dz = g - s * sum(g)."""

import numpy as np

from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian
from snippets.softmax_cross_entropy.logsumexp_shift import logsumexp
from snippets.softmax_cross_entropy.softmax_jacobian import softmax


# --8<-- [start:forward]
def log_softmax(z):
    """l_i = z_i - logsumexp(z) = log s_i, without ever forming s."""
    return z - logsumexp(z)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def log_softmax_jacobian(z):
    """J[i, j] = dl_i / dz_j = delta_ij - s_j: the (C, C) matrix I - 1 s^T."""
    s = softmax(z)
    C = s.shape[0]
    return np.eye(C) - np.outer(np.ones(C), s)  # every row is e_i - s


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def log_softmax_backward(g, s):
    """dz_j = sum_i g_i (delta_ij - s_j) = g_j - s_j sum_i g_i, shape (C,)."""
    return g - s * np.sum(g)


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(3)
    # --8<-- [start:check]
    z, g = rng.standard_normal(5), rng.standard_normal(5)
    J = log_softmax_jacobian(z)
    symmetric = np.allclose(J, J.T)
    print(f"shape {J.shape}, non-zero {np.count_nonzero(J)}, symmetric {symmetric}")
    #> shape (5, 5), non-zero 25, symmetric False
    check_jacobian(J, log_softmax, z)  # central differences
    dz = log_softmax_backward(g, softmax(z))
    np.testing.assert_allclose(dz, vjp_from_jacobian(g, J), rtol=1e-12, atol=1e-15)
    check_vjp(log_softmax, lambda v: log_softmax_backward(v, softmax(z)), z, rng)
    print(f"g - s * sum(g) == g contracted with J, dot-product test: {dz.shape}")
    #> g - s * sum(g) == g contracted with J, dot-product test: (5,)
    # --8<-- [end:check]

    # --8<-- [start:pitfall]
    z_far = np.array([0.0, -800.0])  # exp(-800) underflows to 0.0
    with np.errstate(divide="ignore"):
        naive = np.log(softmax(z_far))
    print(f"log(softmax(z)): {naive[1]}, log_softmax(z): {log_softmax(z_far)[1]}")
    #> log(softmax(z)): -inf, log_softmax(z): -800.0
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
