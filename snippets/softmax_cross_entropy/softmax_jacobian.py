"""For s = softmax(z): ds_i/dz_j = s_i (delta_ij - s_j), the (C, C) diag(s) - s s^T."""

import numpy as np

from gradcheck import check_jacobian


# --8<-- [start:forward]
def softmax(z):
    """s_i = exp(z_i) / sum_k exp(z_k), computed with the max shifted out."""
    e = np.exp(z - np.max(z))  # every exponent <= 0: no overflow
    return e / np.sum(e)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def softmax_jacobian(z):
    """J[i, j] = ds_i / dz_j = s_i (delta_ij - s_j), shape (C,) + (C,) = (C, C)."""
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)  # diag(s) - s s^T


# --8<-- [end:jacobian]


def softmax_jacobian_loops(z):
    """The same matrix, one entry at a time, straight from the index formula."""
    s = softmax(z)
    C = s.shape[0]
    J = np.zeros((C, C))
    for i in range(C):
        for j in range(C):
            delta_ij = 1.0 if i == j else 0.0
            J[i, j] = s[i] * (delta_ij - s[j])
    return J


def main():
    rng = np.random.default_rng(0)
    z = rng.standard_normal(5)
    # --8<-- [start:check]
    J = softmax_jacobian(z)
    print(f"shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> shape (5, 5), non-zero entries 25 of 25
    np.testing.assert_allclose(J, softmax_jacobian_loops(z), rtol=1e-12, atol=1e-15)
    check_jacobian(J, softmax, z)  # central differences, rtol 1e-6, atol 1e-8
    print(f"symmetric: {np.allclose(J, J.T)}")
    #> symmetric: True
    print(f"every column sums to 0: {np.allclose(J.sum(axis=0), 0.0)}")
    #> every column sums to 0: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
