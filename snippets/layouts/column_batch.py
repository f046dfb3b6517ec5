"""CS231n's column batch D = W X, dW = dD X^T, is this site's dW = X^T dY transposed."""

import numpy as np

from gradcheck import check_gradient, vjp_from_jacobian


# --8<-- [start:forward]
def forward_columns(W, X):
    """CS231n notes: D = W X, W (5, 10), X (10, 3): one example per column."""
    return W @ X


def forward_rows(X_rows, W_rows):
    """This site: Y = X W, X (3, 10), W (10, 5): one example per row."""
    return X_rows @ W_rows


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_columns_wrt_W(W, X):
    """J[i, n, j, k] = dD_in / dW_jk = delta_ij X_kn: shape (5, 3) + (5, 10)."""
    delta = np.eye(W.shape[0])
    return np.einsum("ij,kn->injk", delta, X)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward_columns(W, X, dD):
    """CS231n's formulas: dW = dD.dot(X.T), dX = W.T.dot(dD)."""
    return dD @ X.T, W.T @ dD


def backward_rows(X_rows, W_rows, dY):
    """This site's linear layer: dW = X^T dY, dX = dY W^T."""
    return X_rows.T @ dY, dY @ W_rows.T


# --8<-- [end:backward]


# --8<-- [start:layouts]
def columns_to_rows(dW, dX):
    """X_rows = X.T and W_rows = W.T, so each gradient is transposed too."""
    return dW.T, dX.T


# --8<-- [end:layouts]


def main():
    rng = np.random.default_rng(4)
    W = rng.standard_normal((5, 10))
    X = rng.standard_normal((10, 3))
    dD = rng.standard_normal((5, 3))  # upstream gradient dL/dD
    # --8<-- [start:check]
    dW, dX = backward_columns(W, X, dD)
    check_gradient(dW, lambda W_: np.sum(dD * forward_columns(W_, X)), W)
    check_gradient(dX, lambda X_: np.sum(dD * forward_columns(W, X_)), X)
    J = jacobian_columns_wrt_W(W, X)
    print(f"dD/dW: shape {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> dD/dW: shape (5, 3, 5, 10), non-zero 150 of 750
    np.testing.assert_allclose(vjp_from_jacobian(dD, J), dW, rtol=1e-12)
    X_rows, W_rows, dY = X.T, W.T, dD.T  # the same layer, one example per row
    dW_rows, dX_rows = columns_to_rows(dW, dX)
    check_gradient(dW_rows, lambda W_: np.sum(dY * forward_rows(X_rows, W_)), W_rows)
    check_gradient(dX_rows, lambda X_: np.sum(dY * forward_rows(X_, W_rows)), X_rows)
    for ours, theirs in zip(
        backward_rows(X_rows, W_rows, dY), (dW_rows, dX_rows), strict=True
    ):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12)
    print(f"CS231n dW {dW.shape} -> {dW_rows.shape}, dX {dX.shape} -> {dX_rows.shape}")
    #> CS231n dW (5, 10) -> (10, 5), dX (10, 3) -> (3, 10)
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
