"""delta_ij is np.eye: sum_j delta_ij x_j = x_i, and dx_i/dx_j = delta_ij."""

import numpy as np
from gradcheck import check_jacobian, vjp_from_jacobian


# --8<-- [start:delta]
def delta(size):
    """delta[i, j] = 1 if i == j else 0, for i, j < size."""
    return np.eye(size)


def sift(x):
    """sum_j delta_ij x_j = x_i: summing against delta keeps the one term j = i."""
    return np.einsum("ij,j->i", delta(x.shape[0]), x)


# --8<-- [end:delta]


# --8<-- [start:jacobian]
def jacobian_identity(X):
    """Y = X, X of shape (N, D): dY_ij/dX_kl = delta_ik delta_jl, shape (N, D, N, D)."""
    N, D = X.shape
    return np.einsum("ik,jl->ijkl", delta(N), delta(D))


def jacobian_transpose(X):
    """Y = X.T, shape (D, N): dY_ij/dX_kl = delta_il delta_jk, shape (D, N, N, D)."""
    N, D = X.shape
    return np.einsum("il,jk->ijkl", delta(D), delta(N))


# --8<-- [end:jacobian]


def main():
    rng = np.random.default_rng(0)
    x = rng.standard_normal(3)
    X = rng.standard_normal((2, 3))
    # --8<-- [start:check]
    np.testing.assert_array_equal(sift(x), x)  # exact: one term survives each sum
    check_jacobian(delta(3), lambda x_: x_.copy(), x)  # y = x: dy_i/dx_j = delta_ij
    print("sum_j delta_ij x_j == x_i and d(x)/dx == np.eye(3): True")
    #> sum_j delta_ij x_j == x_i and d(x)/dx == np.eye(3): True

    J_id = jacobian_identity(X)
    print(f"Y = X:   J {J_id.shape}, non-zero {np.count_nonzero(J_id)} of {J_id.size}")
    #> Y = X:   J (2, 3, 2, 3), non-zero 6 of 36
    check_jacobian(J_id, lambda X_: X_.copy(), X)

    J_T = jacobian_transpose(X)
    print(f"Y = X.T: J {J_T.shape}, non-zero {np.count_nonzero(J_T)} of {J_T.size}")
    #> Y = X.T: J (3, 2, 2, 3), non-zero 6 of 36
    check_jacobian(J_T, lambda X_: X_.T.copy(), X)

    dY = rng.standard_normal((3, 2))  # upstream gradient: the shape of Y = X.T
    dX = vjp_from_jacobian(dY, J_T)  # sum_ij dY_ij delta_il delta_jk = dY_lk
    np.testing.assert_array_equal(dX, dY.T)
    print(f"backward of the transpose: dX = dY.T, shape {dX.shape}: True")
    #> backward of the transpose: dX = dY.T, shape (2, 3): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
