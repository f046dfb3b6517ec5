"""For Y = A X B, J[i,j,k,l] = A_ik B_lj; reshaped column-major it is kron(B^T, A)."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def sandwich_forward(X, A, B):
    """Y = A X B: A (K, N), X (N, D), B (D, M) -> Y (K, M)."""
    Y = A @ X @ B
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(A, B):
    """J[i, j, k, l] = dY_ij / dX_kl = A_ik B_lj: shape (K, M) + (N, D)."""
    return np.einsum("ik,lj->ijkl", A, B)


def vec(V):
    """The Cookbook's vec: stack the columns of V (column-major, order="F")."""
    return V.T.reshape(-1)


def vec_jacobian(A, B):
    """The (K M, N D) matrix of vec(A X B) = (B^T kron A) vec(X)."""
    return np.kron(B.T, A)


def row_jacobian(A, B):
    """The same for NumPy's row-major ravel: ravel(A X B) = (A kron B^T) ravel(X)."""
    return np.kron(A, B.T)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def sandwich_backward(dY, A, B):
    """dY (K, M) -> dX = A^T dY B^T, (N, D): A and B are constants here."""
    dX = A.T @ dY @ B.T
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(9)
    K, N, D, M = 2, 3, 4, 5  # four different sizes: no transpose can hide
    A, B = rng.standard_normal((K, N)), rng.standard_normal((D, M))
    X = rng.standard_normal((N, D))
    dY = rng.standard_normal((K, M))
    # --8<-- [start:check]
    J = jacobian(A, B)
    check_jacobian(J, lambda X_: sandwich_forward(X_, A, B), X)
    J_vec = J.transpose(1, 0, 3, 2).reshape(K * M, N * D)  # (j, i) x (l, k)
    np.testing.assert_allclose(J_vec, vec_jacobian(A, B), rtol=1e-12)
    np.testing.assert_allclose(J_vec, J.reshape(K * M, N * D, order="F"), rtol=1e-12)
    Y = sandwich_forward(X, A, B)
    np.testing.assert_allclose(vec_jacobian(A, B) @ vec(X), vec(Y), rtol=1e-12)
    print(f"J {J.shape}, column-major as {J_vec.shape}: == kron(B.T, A): True")
    #> J (2, 5, 3, 4), column-major as (10, 12): == kron(B.T, A): True
    J_row = J.reshape(K * M, N * D)  # NumPy's reshape: row-major, (i, j) x (k, l)
    np.testing.assert_allclose(J_row, row_jacobian(A, B), rtol=1e-12)
    np.testing.assert_allclose(row_jacobian(A, B) @ X.ravel(), Y.ravel(), rtol=1e-12)
    swapped = np.allclose(J_row, vec_jacobian(A, B))
    print(f"row-major J.reshape == kron(A, B.T): True; == kron(B.T, A): {swapped}")
    #> row-major J.reshape == kron(A, B.T): True; == kron(B.T, A): False
    dX = sandwich_backward(dY, A, B)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12)
    from_kron = (vec_jacobian(A, B).T @ vec(dY)).reshape(D, N).T  # un-vec
    np.testing.assert_allclose(dX, from_kron, rtol=1e-12)
    print("dX == A^T dY B^T == tensordot(dY, J) == (B^T kron A)^T vec(dY), un-vec'd")
    #> dX == A^T dY B^T == tensordot(dY, J) == (B^T kron A)^T vec(dY), un-vec'd
    K, N, D, M = 200, 300, 250, 150
    A, B = rng.standard_normal((K, N)), rng.standard_normal((D, M))
    X = rng.standard_normal((N, D))
    check_vjp(
        lambda X_: sandwich_forward(X_, A, B),
        lambda dY_: sandwich_backward(dY_, A, B),
        X,
        rng,
    )
    print(f"dot-product test at X {X.shape}: True")
    #> dot-product test at X (300, 250): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
