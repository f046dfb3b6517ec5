"""For Y = X W + b (rows are examples): dX = dY W^T, dW = X^T dY, db = sum_n dY_n."""

import numpy as np
from gradcheck import check_vjp


# --8<-- [start:forward]
def linear_forward(X, W, b):
    """X (N, D), W (D, M), b (M,) -> Y (N, M). Keep X and W: backward needs them."""
    Y = X @ W + b
    return Y


# --8<-- [end:forward]


# --8<-- [start:backward]
def linear_backward(dY, X, W):
    """dY = dL/dY (N, M) -> dX (N, D), dW (D, M), db (M,): the shapes of X, W, b."""
    dX = dY @ W.T  # (N, M) @ (M, D): sums over the output index m
    dW = X.T @ dY  # (D, N) @ (N, M): sums over the batch index n
    db = dY.sum(axis=0)  # (N, M) -> (M,): sums over the batch index n
    return dX, dW, db


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(3)
    N, D, M = 8, 5, 5  # a square W on purpose: dY @ W would run too
    X = rng.standard_normal((N, D))
    W = rng.standard_normal((D, M))
    b = rng.standard_normal(M)
    # --8<-- [start:check]
    Y = linear_forward(X, W, b)
    dY = rng.standard_normal(Y.shape)  # any upstream gradient will do
    dX, dW, db = linear_backward(dY, X, W)
    same = [dV.shape == V.shape for dV, V in ((dX, X), (dW, W), (db, b))]
    print(f"dX {dX.shape}, dW {dW.shape}, db {db.shape}: those of X, W, b: {all(same)}")
    #> dX (8, 5), dW (5, 5), db (5,): those of X, W, b: True
    # dot-product test <eta, J xi> == <J^T eta, xi>, one input at a time, no Jacobian
    one_input = (
        lambda X_: linear_forward(X_, W, b),  # Y as a function of X alone
        lambda W_: linear_forward(X, W_, b),
        lambda b_: linear_forward(X, W, b_),
    )
    for i, (f, V) in enumerate(zip(one_input, (X, W, b), strict=True)):
        check_vjp(f, lambda dY_, i=i: linear_backward(dY_, X, W)[i], V, rng)
    print("dot-product test passed for X, W and b: True")
    #> dot-product test passed for X, W and b: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
