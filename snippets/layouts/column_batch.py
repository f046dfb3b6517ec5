"""CS231n's column batch D = W X, dW = dD X^T, is this site's dW = X^T dY transposed."""

import numpy as np
from gradcheck import check_gradient, vjp_from_jacobian


# --8<-- [start:forward]
def columns_forward(W, X):
    """CS231n's notes: D = W.dot(X), W (5, 10), X (10, 3): one example per column.

    Their W, X and D are this site's column-layout W_col, X_col and Y_col.
    """
    D = W.dot(X)
    return D


def linear_forward(X, W):
    """This site: Y = X W, X = X_col^T (3, 10), W = W_col^T (10, 5): rows."""
    Y = X @ W
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_columns_wrt_W(W, X):
    """J[m, n, j, k] = dD_mn / dW_jk = delta_mj X_kn: shape (5, 3) + (5, 10)."""
    delta = np.eye(W.shape[0])
    return np.einsum("mj,kn->mnjk", delta, X)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def columns_backward(dD, W, X):
    """CS231n's two lines, as they write them: dW = dD X^T, dX = W^T dD."""
    dW = dD.dot(X.T)
    dX = W.T.dot(dD)
    return dW, dX


def linear_backward(dY, X, W):
    """This site's linear layer: dX = dY W^T, dW = X^T dY."""
    dX = dY @ W.T
    dW = X.T @ dY
    return dX, dW


# --8<-- [end:backward]


# --8<-- [start:layouts]
def to_this_site(dW_col, dX_col):
    """X = X_col^T and W = W_col^T, so each gradient is transposed too.

    Returned in the order of linear_forward's inputs: dX, then dW.
    """
    return dX_col.T, dW_col.T


# --8<-- [end:layouts]


def main():
    rng = np.random.default_rng(4)
    W_col = rng.standard_normal((5, 10))  # CS231n's W
    X_col = rng.standard_normal((10, 3))  # CS231n's X
    dY_col = rng.standard_normal((5, 3))  # CS231n's dD, the upstream gradient
    # --8<-- [start:check]
    dW_col, dX_col = columns_backward(dY_col, W_col, X_col)
    check_gradient(dW_col, lambda V: np.sum(dY_col * columns_forward(V, X_col)), W_col)
    check_gradient(dX_col, lambda V: np.sum(dY_col * columns_forward(W_col, V)), X_col)
    J = jacobian_columns_wrt_W(W_col, X_col)
    print(f"dD/dW: shape {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> dD/dW: shape (5, 3, 5, 10), non-zero 150 of 750
    np.testing.assert_allclose(vjp_from_jacobian(dY_col, J), dW_col, rtol=1e-12)
    X, W, dY = X_col.T, W_col.T, dY_col.T  # the same layer, one example per row
    dX, dW = to_this_site(dW_col, dX_col)
    check_gradient(dX, lambda V: np.sum(dY * linear_forward(V, W)), X)
    check_gradient(dW, lambda V: np.sum(dY * linear_forward(X, V)), W)
    for ours, converted in zip(linear_backward(dY, X, W), (dX, dW), strict=True):
        np.testing.assert_allclose(ours, converted, rtol=1e-12)
    print(f"CS231n dW {dW_col.shape} -> {dW.shape}, dX {dX_col.shape} -> {dX.shape}")
    #> CS231n dW (5, 10) -> (10, 5), dX (10, 3) -> (3, 10)
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
