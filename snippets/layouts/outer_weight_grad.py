"""Clark's z = W x: dW = outer(upstream gradient, x); with a row batch, dW = X^T dY."""

import numpy as np
from gradcheck import check_gradient, vjp_from_jacobian


# --8<-- [start:forward]
def column_forward(W_col, x):
    """Clark's z = W x, here y_i = sum_k W_col[i, k] x_k: W_col (M, D), x (D,)."""
    y = W_col @ x
    return y


def linear_forward(X, W):
    """This site, a batch: Y = X W, X (N, D), W (D, M) = W_col^T."""
    Y = X @ W
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_W_col(W_col, x):
    """J[i, j, k] = dy_i / d(W_col)_jk = delta_ij x_k: shape (M, M, D)."""
    return np.einsum("ij,k->ijk", np.eye(W_col.shape[0]), x)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def column_backward(dy, W_col, x):
    """dW_col[j, k] = sum_i dy_i delta_ij x_k = dy_j x_k, an outer product.

    dx = W_col^T dy. dy = dL/dy is the upstream gradient that Clark calls delta.
    """
    dW_col = np.outer(dy, x)  # (M, D), the shape of Clark's W
    dx = W_col.T @ dy  # (D,)
    return dW_col, dx


def linear_backward(dY, X, W):
    """dX = dY W^T; dW[d, m] = sum_n X_nd dY_nm, the examples' outer products summed."""
    dX = dY @ W.T
    dW = X.T @ dY
    return dX, dW


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(7)
    M, D, N = 3, 4, 6
    W_col = rng.standard_normal((M, D))  # Clark's W
    x = rng.standard_normal(D)
    dy = rng.standard_normal(M)  # Clark's delta = dJ/dz: the upstream gradient
    # --8<-- [start:check]
    dW_col, dx = column_backward(dy, W_col, x)
    check_gradient(dW_col, lambda V: dy @ column_forward(V, x), W_col)
    check_gradient(dx, lambda x_: dy @ column_forward(W_col, x_), x)
    J = jacobian_wrt_W_col(W_col, x)
    np.testing.assert_allclose(dW_col, vjp_from_jacobian(dy, J), rtol=1e-12)
    X = rng.standard_normal((N, D))  # N examples, one per row
    dY = rng.standard_normal((N, M))  # one upstream gradient per row
    W = W_col.T  # (D, M): this site's weights are Clark's transposed
    dX, dW = linear_backward(dY, X, W)
    check_gradient(dW, lambda V: np.sum(dY * linear_forward(X, V)), W)
    check_gradient(dX, lambda X_: np.sum(dY * linear_forward(X_, W)), X)
    summed = sum(column_backward(dY[n], W_col, X[n])[0] for n in range(N))  # Clark's
    np.testing.assert_allclose(dW, summed.T, rtol=1e-12)
    print(
        f"outer(dy, x) {dW_col.shape}; X^T dY {dW.shape} = (sum of {N} outers)^T: True"
    )
    #> outer(dy, x) (3, 4); X^T dY (4, 3) = (sum of 6 outers)^T: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
