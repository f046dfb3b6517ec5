"""A 1x1 conv is Y = X W + b on the rows (n, i, j), and hides a missing kernel flip."""

import numpy as np
from gradcheck import check_vjp

windows = np.lib.stride_tricks.sliding_window_view


# --8<-- [start:forward]
def conv2d_forward(X, W, b):
    """The layer of conv2d.py: X (N, D, I_h, I_w), W (M, D, R_h, R_w), b (M,)."""
    X_win = windows(X, W.shape[2:], axis=(2, 3))
    Y = np.einsum("ndijpq,mdpq->nmij", X_win, W, optimize=True) + b[:, None, None]
    return Y


# --8<-- [end:forward]


# --8<-- [start:backward]
def conv2d_backward(dY, X, W):
    """The backward of conv2d.py."""
    R_h, R_w = W.shape[2:]
    X_win = windows(X, (R_h, R_w), axis=(2, 3))
    dW = np.einsum("ndijpq,nmij->mdpq", X_win, dY, optimize=True)
    db = dY.sum(axis=(0, 2, 3))
    dY_pad = np.pad(dY, ((0, 0), (0, 0), (R_h - 1, R_h - 1), (R_w - 1, R_w - 1)))
    dY_win = windows(dY_pad, (R_h, R_w), axis=(2, 3))
    dX = np.einsum("nmijpq,mdpq->ndij", dY_win, W[:, :, ::-1, ::-1], optimize=True)
    return dX, dW, db


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(9)
    N, D, M, I_h, I_w = 2, 3, 4, 5, 6
    X = rng.standard_normal((N, D, I_h, I_w))
    W, b = rng.standard_normal((M, D, 1, 1)), rng.standard_normal(M)  # a 1 x 1 kernel
    # --8<-- [start:check]
    Y = conv2d_forward(X, W, b)
    dY = rng.standard_normal(Y.shape)
    dX, dW, db = conv2d_backward(dY, X, W)
    rows = lambda A: A.transpose(0, 2, 3, 1).reshape(-1, A.shape[1])  # noqa: E731
    X_rows, dY_rows = rows(X), rows(dY)  # (N I_h I_w, D) and (N I_h I_w, M)
    W_lin = W[:, :, 0, 0].T  # (D, M): the linear layer's W
    np.testing.assert_allclose(rows(Y), X_rows @ W_lin + b, rtol=1e-12)  # Y = X W + b
    np.testing.assert_allclose(rows(dX), dY_rows @ W_lin.T, rtol=1e-12)  # dX = dY W^T
    np.testing.assert_allclose(dW[:, :, 0, 0].T, X_rows.T @ dY_rows, rtol=1e-12)
    np.testing.assert_allclose(db, dY_rows.sum(axis=0), rtol=1e-12)  # over all rows
    print(f"{X_rows.shape[0]} rows = N I_h I_w: Y = X W + b, dX, dW, db as on the page")
    #> 60 rows = N I_h I_w: Y = X W + b, dX, dW, db as on the page
    for R in (1, 3):  # drop the flip of dX: flipping W beforehand undoes it
        W = rng.standard_normal((M, D, R, R))
        dY = rng.standard_normal(conv2d_forward(X, W, b).shape)
        right = conv2d_backward(dY, X, W)[0]
        no_flip = conv2d_backward(dY, X, W[:, :, ::-1, ::-1])[0]
        same = np.allclose(no_flip, right)
        print(f"{R} x {R} kernel: dX without the flip is right: {same}")
    #> 1 x 1 kernel: dX without the flip is right: True
    #> 3 x 3 kernel: dX without the flip is right: False
    check_vjp(  # the 3 x 3 kernel: the dot-product test catches what 1 x 1 hides
        lambda X_: conv2d_forward(X_, W, b),
        lambda dY_: conv2d_backward(dY_, X, W)[0],
        X,
        rng,
    )
    check_vjp(
        lambda W_: conv2d_forward(X, W_, b),
        lambda dY_: conv2d_backward(dY_, X, W)[1],
        W,
        rng,
    )
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
