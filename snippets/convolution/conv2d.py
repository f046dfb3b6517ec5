"""Conv layer: dX = dY fully correlated with W flipped, dW = X ⋆ dY, db = sum dY."""

import numpy as np
from gradcheck import check_vjp

windows = np.lib.stride_tricks.sliding_window_view


# --8<-- [start:forward]
def conv2d_forward(X, W, b):
    """X (N, D, I_h, I_w), W (M, D, R_h, R_w), b (M,) -> Y (N, M, O_h, O_w)."""
    R_h, R_w = W.shape[2:]
    X_win = windows(X, (R_h, R_w), axis=(2, 3))  # (N, D, O_h, O_w, R_h, R_w), a view
    Y = np.einsum("ndijpq,mdpq->nmij", X_win, W, optimize=True) + b[:, None, None]
    return Y


# --8<-- [end:forward]


# --8<-- [start:backward]
def conv2d_backward(dY, X, W):
    """dY (N, M, O_h, O_w) -> dX, dW, db: the shapes of X, W and b."""
    R_h, R_w = W.shape[2:]
    X_win = windows(X, (R_h, R_w), axis=(2, 3))
    dW = np.einsum("ndijpq,nmij->mdpq", X_win, dY, optimize=True)  # X ⋆ dY, over n
    db = dY.sum(axis=(0, 2, 3))  # over the batch and every position
    dY_pad = np.pad(dY, ((0, 0), (0, 0), (R_h - 1, R_h - 1), (R_w - 1, R_w - 1)))
    dY_win = windows(dY_pad, (R_h, R_w), axis=(2, 3))  # (N, M, I_h, I_w, R_h, R_w)
    W_flip = W[:, :, ::-1, ::-1]  # both spatial axes reversed, channels untouched
    dX = np.einsum("nmijpq,mdpq->ndij", dY_win, W_flip, optimize=True)  # sum over m
    return dX, dW, db


# --8<-- [end:backward]


def conv2d_loops(X, W, b):
    """The reference forward of conv2d_loops.py: one output entry at a time."""
    N, _, I_h, I_w = X.shape
    M, _, R_h, R_w = W.shape
    Y = np.zeros((N, M, I_h - R_h + 1, I_w - R_w + 1))
    for n, m, i, j in np.ndindex(Y.shape):
        Y[n, m, i, j] = np.sum(W[m] * X[n, :, i : i + R_h, j : j + R_w]) + b[m]
    return Y


def conv2d_backward_loops(dY, X, W):
    """The reference backward of conv2d_loops.py."""
    M, _, R_h, R_w = W.shape
    dX, dW, db = np.zeros_like(X), np.zeros_like(W), np.zeros(M)
    for n, m, i, j in np.ndindex(dY.shape):
        window = (n, slice(None), slice(i, i + R_h), slice(j, j + R_w))
        dX[window] += dY[n, m, i, j] * W[m]
        dW[m] += dY[n, m, i, j] * X[window]
        db[m] += dY[n, m, i, j]
    return dX, dW, db


def main():
    rng = np.random.default_rng(2)
    # --8<-- [start:check]
    X = rng.standard_normal((2, 3, 5, 7))  # small: the loops are the reference
    W, b = rng.standard_normal((4, 3, 2, 3)), rng.standard_normal(4)
    Y = conv2d_forward(X, W, b)
    dY = rng.standard_normal(Y.shape)
    np.testing.assert_allclose(Y, conv2d_loops(X, W, b), rtol=1e-12, atol=1e-12)
    for fast, slow in zip(
        conv2d_backward(dY, X, W), conv2d_backward_loops(dY, X, W), strict=True
    ):
        np.testing.assert_allclose(fast, slow, rtol=1e-12, atol=1e-12)
    print(f"Y {Y.shape}, dX, dW, db: vectorised == loops: True")
    #> Y (2, 4, 4, 5), dX, dW, db: vectorised == loops: True
    X = rng.standard_normal((8, 16, 32, 32))  # a realistic size: no Jacobian, no loops
    W, b = rng.standard_normal((32, 16, 3, 3)), rng.standard_normal(32)
    one_input = (
        lambda X_: conv2d_forward(X_, W, b),  # Y as a function of X alone
        lambda W_: conv2d_forward(X, W_, b),
        lambda b_: conv2d_forward(X, W, b_),
    )
    for i, (f, V) in enumerate(zip(one_input, (X, W, b), strict=True)):
        check_vjp(f, lambda dY_, i=i: conv2d_backward(dY_, X, W)[i], V, rng)
    print(f"dot-product test at X {X.shape}, W {W.shape}: passed for X, W, b")
    #> dot-product test at X (8, 16, 32, 32), W (32, 16, 3, 3): passed for X, W, b
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
