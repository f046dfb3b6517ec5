"""For s = softmax(z): ds_c/dz_j = s_c (delta_cj - s_j), the (C, C) diag(s) - s s^T."""

import numpy as np
from gradcheck import check_jacobian


# --8<-- [start:forward]
def softmax_forward(z):
    """s_c = exp(z_c) / omega, omega = sum_k exp(z_k); the max is shifted out."""
    zhat = np.max(z)  # the largest logit
    e = np.exp(z - zhat)  # every exponent <= 0: no overflow
    s = e / np.sum(e)
    return s


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def softmax_jacobian(z):
    """J[c, j] = ds_c / dz_j = s_c (delta_cj - s_j), shape (C,) + (C,) = (C, C)."""
    s = softmax_forward(z)
    return np.diag(s) - np.outer(s, s)  # diag(s) - s s^T


# --8<-- [end:jacobian]


def softmax_jacobian_loops(z):
    """The same matrix, one entry at a time, straight from the index formula."""
    s = softmax_forward(z)
    C = s.shape[0]
    J = np.zeros((C, C))
    for c in range(C):
        for j in range(C):
            delta_cj = 1.0 if c == j else 0.0
            J[c, j] = s[c] * (delta_cj - s[j])
    return J


def main():
    rng = np.random.default_rng(0)
    z = rng.standard_normal(5)  # logits, C = 5
    # --8<-- [start:check]
    J = softmax_jacobian(z)
    print(f"shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> shape (5, 5), non-zero entries 25 of 25
    np.testing.assert_allclose(J, softmax_jacobian_loops(z), rtol=1e-12, atol=1e-15)
    check_jacobian(J, softmax_forward, z)  # central differences, rtol 1e-6, atol 1e-8
    np.testing.assert_allclose(J, J.T, rtol=0, atol=1e-15)
    print(f"symmetric: {np.allclose(J, J.T)}")
    #> symmetric: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
