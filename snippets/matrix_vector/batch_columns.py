"""For Y = X W^T (Y_n = W x_n per row), dW = dY^T X (a sum over the batch), dX = dY W."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def batch_matvec_forward(W, X):
    """Y_ni = sum_k W_ik X_nk, row n is W x_n: W (M, D), X (N, D), Y (N, M)."""
    Y = X @ W.T
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_W(W, X):
    """J[n, i, j, k] = dY_ni / dW_jk = delta_ij X_nk: shape (N, M, M, D)."""
    M = W.shape[0]
    return np.einsum("ij,nk->nijk", np.eye(M), X)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def batch_matvec_backward(dY, W, X):
    """dY = dL/dY (N, M) -> dW = dL/dW (M, D), dX = dL/dX (N, D)."""
    dW = dY.T @ X  # dW_jk = sum_n dY_nj X_nk: one outer product per example, summed
    dX = dY @ W  # dX_nk = sum_i dY_ni W_ik: row n is W^T dY[n]
    return dW, dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(4)
    M, D, N = 3, 3, 5
    W = rng.standard_normal((M, D))
    X = rng.standard_normal((N, D))
    dY = rng.standard_normal((N, M))  # upstream gradient dL/dY
    # --8<-- [start:check]
    J = jacobian_wrt_W(W, X)
    dW, dX = batch_matvec_backward(dY, W, X)
    print(f"dY/dW: {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> dY/dW: (5, 3, 3, 3), non-zero 45 of 135
    check_jacobian(J, lambda W_: batch_matvec_forward(W_, X), W)  # central differences
    assert np.allclose(vjp_from_jacobian(dY, J), dW)  # contract over (n, i)
    per_example = sum(np.outer(dY[n], X[n]) for n in range(N))
    print(f"dW == sum over n of np.outer(dY[n], X[n]): {np.allclose(dW, per_example)}")
    #> dW == sum over n of np.outer(dY[n], X[n]): True
    XT, dYT = X.T, dY.T  # one example per column, as the CS231n notes store them
    same = np.allclose(dW, dYT @ XT.T) and np.allclose(dX.T, W.T @ dYT)
    print(f"in columns: dW == dYT @ XT.T and dX.T == W.T @ dYT: {same}")
    #> in columns: dW == dYT @ XT.T and dX.T == W.T @ dYT: True
    check_gradient(dW, lambda W_: np.sum(dY * batch_matvec_forward(W_, X)), W)
    check_gradient(dX, lambda X_: np.sum(dY * batch_matvec_forward(W, X_)), X)
    check_vjp(
        lambda X_: batch_matvec_forward(W, X_),
        lambda dY_: batch_matvec_backward(dY_, W, X)[1],  # dX for an upstream dY_
        X,
        rng,
    )
    print("dW = dY.T @ X and dX = dY @ W match finite differences: True")
    #> dW = dY.T @ X and dX = dY @ W match finite differences: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
