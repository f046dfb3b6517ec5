"""im2col makes the conv a linear layer on patches; col2im, its backward, must add."""

import numpy as np
from gradcheck import check_vjp, human_bytes


# --8<-- [start:forward]
def patch_indices(I_h, I_w, R_h, R_w):
    """Row and column of X read by patch (i, j) at tap (p, q): i + p and j + q."""
    O_h, O_w = I_h - R_h + 1, I_w - R_w + 1
    i, j, p, q = np.ogrid[:O_h, :O_w, :R_h, :R_w]  # broadcastable index grids
    return i + p, j + q  # shapes (O_h, 1, R_h, 1) and (1, O_w, 1, R_w)


def im2col(X, R_h, R_w):
    """X (N, D, I_h, I_w) -> one row per output position: (N O_h O_w, D R_h R_w)."""
    _, D, I_h, I_w = X.shape
    rows, cols = patch_indices(I_h, I_w, R_h, R_w)
    patches = X[:, :, rows, cols]  # (N, D, O_h, O_w, R_h, R_w): a copy, not a view
    return patches.transpose(0, 2, 3, 1, 4, 5).reshape(-1, D * R_h * R_w)


def conv2d_forward(X, W, b):
    """The convolution as one matrix product: Y_rows = X_im2col W_mat^T + b."""
    N, _, I_h, I_w = X.shape
    M, _, R_h, R_w = W.shape
    O_h, O_w = I_h - R_h + 1, I_w - R_w + 1
    Y_rows = im2col(X, R_h, R_w) @ W.reshape(M, -1).T + b  # (N O_h O_w, M)
    Y = Y_rows.reshape(N, O_h, O_w, M).transpose(0, 3, 1, 2)
    return Y


# --8<-- [end:forward]


# --8<-- [start:col2im]
def col2im(d_patches, X_shape, R_h, R_w):
    """The transpose of im2col: every entry goes back to where it was read, and adds."""
    N, D, I_h, I_w = X_shape
    O_h, O_w = I_h - R_h + 1, I_w - R_w + 1
    rows, cols = patch_indices(I_h, I_w, R_h, R_w)
    d_win = d_patches.reshape(N, O_h, O_w, D, R_h, R_w).transpose(0, 3, 1, 2, 4, 5)
    dX = np.zeros(X_shape)
    np.add.at(dX, (slice(None), slice(None), rows, cols), d_win)  # repeats add up
    return dX


# --8<-- [end:col2im]


# --8<-- [start:backward]
def conv2d_backward(dY, X, W):
    """The linear layer's three formulas on the patch matrix, then col2im for dX."""
    M, _, R_h, R_w = W.shape
    dY_rows = dY.transpose(0, 2, 3, 1).reshape(-1, M)  # (N O_h O_w, M), like Y_rows
    dW = (dY_rows.T @ im2col(X, R_h, R_w)).reshape(W.shape)  # (M, D R_h R_w)
    db = dY_rows.sum(axis=0)
    dX = col2im(dY_rows @ W.reshape(M, -1), X.shape, R_h, R_w)
    return dX, dW, db


# --8<-- [end:backward]


def conv2d_loops(X, W, b):
    """The reference forward of conv2d_loops.py."""
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
    rng = np.random.default_rng(5)
    # --8<-- [start:check]
    X = rng.standard_normal((2, 3, 5, 7))
    W, b = rng.standard_normal((4, 3, 2, 3)), rng.standard_normal(4)
    Y = conv2d_forward(X, W, b)
    print(f"X_im2col {im2col(X, 2, 3).shape}: one row per output position")
    #> X_im2col (40, 18): one row per output position
    np.testing.assert_allclose(Y, conv2d_loops(X, W, b), rtol=1e-12, atol=1e-12)
    dY = rng.standard_normal(Y.shape)
    for fast, slow in zip(
        conv2d_backward(dY, X, W), conv2d_backward_loops(dY, X, W), strict=True
    ):
        np.testing.assert_allclose(fast, slow, rtol=1e-12, atol=1e-12)
    X = rng.standard_normal((8, 16, 32, 32))  # realistic: the dot-product test
    W, b = rng.standard_normal((32, 16, 3, 3)), rng.standard_normal(32)
    one_input = (
        lambda X_: conv2d_forward(X_, W, b),
        lambda W_: conv2d_forward(X, W_, b),
        lambda b_: conv2d_forward(X, W, b_),
    )
    for i, (f, V) in enumerate(zip(one_input, (X, W, b), strict=True)):
        check_vjp(f, lambda dY_, i=i: conv2d_backward(dY_, X, W)[i], V, rng)
    print("im2col == loops at (2, 3, 5, 7); dot-product test at (8, 16, 32, 32): True")
    #> im2col == loops at (2, 3, 5, 7); dot-product test at (8, 16, 32, 32): True
    # --8<-- [end:check]
    # --8<-- [start:buffered]
    d_patches = rng.standard_normal((8 * 30 * 30, 16 * 3 * 3))
    rows, cols = patch_indices(32, 32, 3, 3)
    d_win = d_patches.reshape(8, 30, 30, 16, 3, 3).transpose(0, 3, 1, 2, 4, 5)
    buffered = np.zeros(X.shape)
    buffered[:, :, rows, cols] += d_win  # each entry of dX keeps ONE of its terms
    right = col2im(d_patches, X.shape, 3, 3)
    wrong = np.mean(~np.isclose(buffered, right))
    print(f"+= with repeated indices: {wrong:.1%} of dX wrong, no error raised")
    #> += with repeated indices: 99.6% of dX wrong, no error raised
    size, size_X = human_bytes(d_patches.nbytes), human_bytes(X.nbytes)
    print(f"X_im2col for X (8, 16, 32, 32), 3x3: {size}; X itself: {size_X}")
    #> X_im2col for X (8, 16, 32, 32), 3x3: 7.91 MiB; X itself: 1 MiB
    # --8<-- [end:buffered]


if __name__ == "__main__":
    main()
