"""For D = W X with examples as columns, dW = dD X^T (a sum over the batch) and dX = W^T dD."""

import numpy as np

from gradcheck import check_gradient, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def forward(W, X):
    """D_in = sum_k W_ik X_kn: W (M, K), X (K, N) one example per column, D (M, N)."""
    return W @ X


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_W(W, X):
    """J[i, n, j, k] = dD_in / dW_jk = delta_ij X_kn: shape (M, N, M, K)."""
    M = W.shape[0]
    return np.einsum("ij,kn->injk", np.eye(M), X)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward(dD, W, X):
    """CS231n's two lines: dW = dD.dot(X.T), dX = W.T.dot(dD)."""
    dW = dD.dot(X.T)  # dW_jk = sum_n dD_jn X_kn: one outer product per example, summed
    dX = W.T.dot(dD)  # dX_kn = sum_i W_ik dD_in: column n is W^T g_n
    return dW, dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(4)
    M, K, N = 3, 3, 5
    W = rng.standard_normal((M, K))
    X = rng.standard_normal((K, N))
    dD = rng.standard_normal((M, N))  # upstream gradient dL/dD
    # --8<-- [start:check]
    J = jacobian_wrt_W(W, X)
    dW, dX = backward(dD, W, X)
    print(f"dD/dW: {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> dD/dW: (3, 5, 3, 3), non-zero 45 of 135
    assert np.allclose(vjp_from_jacobian(dD, J), dW)  # contract over (i, n)
    per_example = sum(np.outer(dD[:, n], X[:, n]) for n in range(N))
    print(
        f"dW == sum over the batch of outer(g_n, x_n): {np.allclose(dW, per_example)}"
    )
    #> dW == sum over the batch of outer(g_n, x_n): True
    check_gradient(dW, lambda W_: np.sum(dD * forward(W_, X)), W)
    check_gradient(dX, lambda X_: np.sum(dD * forward(W, X_)), X)
    check_vjp(lambda X_: forward(W, X_), lambda v: backward(v, W, X)[1], X, rng)
    print("dW = dD X^T and dX = W^T dD match finite differences: True")
    #> dW = dD X^T and dX = W^T dD match finite differences: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
