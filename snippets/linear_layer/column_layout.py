"""Examples as columns: dW_col = dY_col X_col^T and dX_col = W_col^T dY_col."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, vjp_from_jacobian


# --8<-- [start:forward]
def linear_col_forward(W_col, X_col, b):
    """Y_col = W_col X_col + b: (M, D) @ (D, N) + (M, 1) -> (M, N)."""
    Y_col = W_col @ X_col + b[:, None]  # b as a column, added to every example
    return Y_col


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_W_col(X_col, M):
    """J[m, n, k, d] = dY_col_mn / dW_col_kd = delta_mk X_col_dn: (M, N) + (M, D)."""
    return np.einsum("mk,dn->mnkd", np.eye(M), X_col)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def linear_col_backward(dY_col, W_col, X_col):
    """dY_col (M, N) -> dW_col (M, D), dX_col (D, N), db (M,)."""
    dW_col = dY_col @ X_col.T  # (M, N) @ (N, D): CS231n's dW = dD.dot(X.T)
    dX_col = W_col.T @ dY_col  # (D, M) @ (M, N): CS231n's dX = W.T.dot(dD)
    db = dY_col.sum(axis=1)  # the batch is axis 1 now
    return dW_col, dX_col, db


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(4)
    N, D, M = 2, 3, 4
    X = rng.standard_normal((N, D))  # the row-batch arrays of the rest of the page
    W = rng.standard_normal((D, M))
    b = rng.standard_normal(M)
    dY = rng.standard_normal((N, M))
    # --8<-- [start:check]
    X_col, W_col, dY_col = X.T, W.T, dY.T  # the same numbers, examples as columns
    Y_col = linear_col_forward(W_col, X_col, b)
    np.testing.assert_allclose(Y_col, (X @ W + b).T, rtol=1e-12)  # (X W)^T = W^T X^T
    print(f"Y_col {Y_col.shape} == (X @ W + b).T: True")
    #> Y_col (4, 2) == (X @ W + b).T: True
    J_col = jacobian_wrt_W_col(X_col, M)
    check_jacobian(J_col, lambda W_: linear_col_forward(W_, X_col, b), W_col)
    J = np.einsum("nd,mk->nmdk", X, np.eye(M))  # the row-batch dY/dW
    swapped = np.array_equal(J_col, J.transpose(1, 0, 3, 2))  # [m,n,k,d] = [n,m,d,k]
    assert swapped
    print(f"dY_col/dW_col {J_col.shape} is dY/dW {J.shape}, axes swapped: {swapped}")
    #> dY_col/dW_col (4, 2, 4, 3) is dY/dW (2, 4, 3, 4), axes swapped: True
    dW_col, dX_col, db = linear_col_backward(dY_col, W_col, X_col)
    np.testing.assert_allclose(dW_col, vjp_from_jacobian(dY_col, J_col), rtol=1e-12)

    def loss(W_, X_, b_):  # L = <dY_col, Y_col>, so that dL/dY_col = dY_col
        return np.sum(dY_col * linear_col_forward(W_, X_, b_))

    check_gradient(dW_col, lambda W_: loss(W_, X_col, b), W_col)
    check_gradient(dX_col, lambda X_: loss(W_col, X_, b), X_col)
    check_gradient(db, lambda b_: loss(W_col, X_col, b_), b)
    print("dW_col, dX_col, db == finite differences in the column layout: True")
    #> dW_col, dX_col, db == finite differences in the column layout: True
    np.testing.assert_allclose(
        dW_col, (X.T @ dY).T, rtol=1e-12
    )  # the row dW, transposed
    np.testing.assert_allclose(
        dX_col, (dY @ W.T).T, rtol=1e-12
    )  # the row dX, transposed
    print("dW_col == (X.T @ dY).T and dX_col == (dY @ W.T).T: True")
    #> dW_col == (X.T @ dY).T and dX_col == (dY @ W.T).T: True
    x, dy = X_col[:, 0], dY_col[:, 0]  # one example: y = W_col x, as in Learned-Miller
    dW_one = linear_col_backward(dy[:, None], W_col, x[:, None])[0]  # N = 1
    np.testing.assert_allclose(dW_one, np.outer(dy, x), rtol=1e-12)
    print("one example (N = 1): dW_col == np.outer(dy, x): True")
    #> one example (N = 1): dW_col == np.outer(dy, x): True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
