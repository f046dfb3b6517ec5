"""Stride, padding, dilation: the backward spreads dY out, crops, reads the taps."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, check_vjp, vjp_from_jacobian

windows = np.lib.stride_tricks.sliding_window_view


# --8<-- [start:forward]
def conv2d_valid_forward(X, W, b):
    """Stride 1, no padding, no dilation: the layer of conv2d.py."""
    X_win = windows(X, W.shape[2:], axis=(2, 3))  # (N, D, O_h, O_w, R_h, R_w)
    Y = np.einsum("ndijpq,mdpq->nmij", X_win, W, optimize=True) + b[:, None, None]
    return Y


def pad(X, padding):
    """padding zeros on each side of both spatial axes: X (N, D, I_h, I_w) -> X_pad."""
    return np.pad(X, ((0, 0), (0, 0), (padding, padding), (padding, padding)))


def dilate(W, dilation):
    """The kernel with dilation - 1 zeros between its taps, (M, D, R_h, R_w) ->
    (M, D, dilation (R_h - 1) + 1, dilation (R_w - 1) + 1)."""
    M, D, R_h, R_w = W.shape
    W_dil = np.zeros((M, D, dilation * (R_h - 1) + 1, dilation * (R_w - 1) + 1))
    W_dil[:, :, ::dilation, ::dilation] = W
    return W_dil


def conv2d_forward(X, W, b, stride=1, padding=0, dilation=1):
    """PyTorch's Conv2d: pad X, dilate W, convolve, keep every stride-th position."""
    Y_all = conv2d_valid_forward(pad(X, padding), dilate(W, dilation), b)
    Y = Y_all[:, :, ::stride, ::stride]  # (N, M, O_h, O_w)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_X(W, X_shape, stride, padding, dilation):
    """J[n,m,i,j, n,d,row,col] = W[m,d,p,q] where row = stride i + dilation p - padding
    and col = stride j + dilation q - padding (from 0) fall inside X; all else 0."""
    N, D, I_h, I_w = X_shape
    M, _, R_h, R_w = W.shape
    O_h = (I_h + 2 * padding - dilation * (R_h - 1) - 1) // stride + 1
    O_w = (I_w + 2 * padding - dilation * (R_w - 1) - 1) // stride + 1
    J = np.zeros((N, M, O_h, O_w, *X_shape))
    for n, m, i, j, d, p, q in np.ndindex(N, M, O_h, O_w, D, R_h, R_w):
        row = stride * i + dilation * p - padding  # in X, not in X_pad
        col = stride * j + dilation * q - padding
        if 0 <= row < I_h and 0 <= col < I_w:  # a tap on the padding reads a zero
            J[n, m, i, j, n, d, row, col] = W[m, d, p, q]
    return J


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def conv2d_valid_backward(dY, X, W):
    """The backward of conv2d.py: stride 1, no padding, no dilation."""
    R_h, R_w = W.shape[2:]
    X_win = windows(X, (R_h, R_w), axis=(2, 3))
    dW = np.einsum("ndijpq,nmij->mdpq", X_win, dY, optimize=True)
    db = dY.sum(axis=(0, 2, 3))
    dY_pad = np.pad(dY, ((0, 0), (0, 0), (R_h - 1, R_h - 1), (R_w - 1, R_w - 1)))
    dY_win = windows(dY_pad, (R_h, R_w), axis=(2, 3))
    dX = np.einsum("nmijpq,mdpq->ndij", dY_win, W[:, :, ::-1, ::-1], optimize=True)
    return dX, dW, db


def conv2d_backward(dY, X, W, stride=1, padding=0, dilation=1):
    """Each step of the forward, undone by its transpose, in reverse order."""
    N, M = dY.shape[:2]
    I_h, I_w = X.shape[2:]
    X_pad, W_dil = pad(X, padding), dilate(W, dilation)
    O_h_all = X_pad.shape[2] - W_dil.shape[2] + 1  # the stride-1 output size
    O_w_all = X_pad.shape[3] - W_dil.shape[3] + 1
    dY_all = np.zeros((N, M, O_h_all, O_w_all))  # stride: dY's entries stride apart,
    dY_all[:, :, ::stride, ::stride] = dY  # zeros at the positions never computed
    dX_pad, dW_dil, db = conv2d_valid_backward(dY_all, X_pad, W_dil)
    dX = dX_pad[:, :, padding : padding + I_h, padding : padding + I_w]  # padding: crop
    dW = dW_dil[:, :, ::dilation, ::dilation]  # dilation: the taps, not the zeros
    return dX, dW, db


# --8<-- [end:backward]


# --8<-- [start:scatter]
def conv2d_backward_scatter(dY, X, W, stride=1, padding=0, dilation=1):
    """The reference loops of conv2d_loops.py with the three arguments: no flip."""
    M, _, R_h, R_w = W.shape
    I_h, I_w = X.shape[2:]
    X_pad = pad(X, padding)
    dX_pad, dW, db = np.zeros_like(X_pad), np.zeros_like(W), np.zeros(M)
    for n, m, i, j in np.ndindex(dY.shape):
        # the taps of X_pad that Y[n, m, i, j] read: stride i + dilation p, from 0
        rows = slice(stride * i, stride * i + dilation * (R_h - 1) + 1, dilation)
        cols = slice(stride * j, stride * j + dilation * (R_w - 1) + 1, dilation)
        window = (n, slice(None), rows, cols)  # (D, R_h, R_w) entries
        dX_pad[window] += dY[n, m, i, j] * W[m]  # windows may overlap: accumulate
        dW[m] += dY[n, m, i, j] * X_pad[window]
        db[m] += dY[n, m, i, j]
    dX = dX_pad[:, :, padding : padding + I_h, padding : padding + I_w]  # crop
    return dX, dW, db


# --8<-- [end:scatter]


def main():
    rng = np.random.default_rng(4)
    # --8<-- [start:check]
    X = rng.standard_normal((2, 3, 9, 10))  # small: the Jacobian is built by loops
    W, b = rng.standard_normal((4, 3, 3, 2)), rng.standard_normal(4)
    settings = [(1, 0, 1), (3, 0, 1), (1, 2, 1), (1, 0, 2), (2, 1, 2)]
    for s in settings:  # s = (stride, padding, dilation)
        J_X = jacobian_wrt_X(W, X.shape, *s)  # from the definition, by loops
        Y = conv2d_forward(X, W, b, *s)
        np.testing.assert_allclose(Y, np.tensordot(J_X, X, axes=4) + b[:, None, None])
        dY = rng.standard_normal(Y.shape)
        dX, dW, db = conv2d_backward(dY, X, W, *s)
        np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J_X), atol=1e-12)
        check_gradient(  # L = <dY, Y> as a function of W
            dW, lambda W_, s=s, dY=dY: np.sum(dY * conv2d_forward(X, W_, b, *s)), W
        )
        np.testing.assert_allclose(db, dY.sum(axis=(0, 2, 3)))
        print(f"stride {s[0]}, padding {s[1]}, dilation {s[2]}: Y {Y.shape}, checked")
    #> stride 1, padding 0, dilation 1: Y (2, 4, 7, 9), checked
    #> stride 3, padding 0, dilation 1: Y (2, 4, 3, 3), checked
    #> stride 1, padding 2, dilation 1: Y (2, 4, 11, 13), checked
    #> stride 1, padding 0, dilation 2: Y (2, 4, 5, 8), checked
    #> stride 2, padding 1, dilation 2: Y (2, 4, 4, 5), checked
    check_jacobian(J_X, lambda X_: conv2d_forward(X_, W, b, 2, 1, 2), X)  # the last s
    # a realistic size, stride 2, padding 1, dilation 2: the dot-product test
    X = rng.standard_normal((8, 16, 32, 32))
    W, b = rng.standard_normal((32, 16, 3, 3)), rng.standard_normal(32)
    one_input = (
        lambda X_: conv2d_forward(X_, W, b, 2, 1, 2),
        lambda W_: conv2d_forward(X, W_, b, 2, 1, 2),
        lambda b_: conv2d_forward(X, W, b_, 2, 1, 2),
    )
    for i, (f, V) in enumerate(zip(one_input, (X, W, b), strict=True)):
        check_vjp(f, lambda dY_, i=i: conv2d_backward(dY_, X, W, 2, 1, 2)[i], V, rng)
    print(f"dot-product test, stride 2, padding 1, dilation 2, X {X.shape}: passed")
    #> dot-product test, stride 2, padding 1, dilation 2, X (8, 16, 32, 32): passed
    # --8<-- [end:check]
    # --8<-- [start:never_read]
    X = rng.standard_normal((2, 3, 9, 10))
    W, b = rng.standard_normal((4, 3, 3, 2)), rng.standard_normal(4)
    Y = conv2d_forward(X, W, b, stride=3)  # windows of width 2 at columns 0, 3, 6
    dX = conv2d_backward(rng.standard_normal(Y.shape), X, W, stride=3)[0]
    read = np.zeros(X.shape[3], dtype=bool)
    for j in range(Y.shape[3]):
        read[3 * j : 3 * j + W.shape[3]] = True  # the columns window j reads
    unread = np.flatnonzero(~read).tolist()
    zero = np.all(dX[..., ~read] == 0) and np.all(dX[..., read] != 0)
    assert zero
    print(f"Y {Y.shape}: no window reads columns {unread} of X; dX is 0 there: {zero}")
    #> Y (2, 4, 3, 3): no window reads columns [2, 5, 8, 9] of X; dX is 0 there: True
    for width in (8, 9):
        Y_narrow = conv2d_forward(X[..., :width], W, b, stride=3)
        print(f"X of width {width} gives Y {Y_narrow.shape} too")
    #> X of width 8 gives Y (2, 4, 3, 3) too
    #> X of width 9 gives Y (2, 4, 3, 3) too
    # --8<-- [end:never_read]
    # --8<-- [start:roles]
    stride, padding, dilation = 2, 1, 3
    Y = conv2d_forward(X, W, b, stride, padding, dilation)
    dY = rng.standard_normal(Y.shape)
    dW = conv2d_backward(dY, X, W, stride, padding, dilation)[1]
    # dW[m,d,p,q] = sum_(n,i,j) X_pad[n, d, stride i + dilation p, ...] dY[n, m, i, j]:
    # a convolution of X_pad with dY as the kernel (the batch axis n as its channels),
    # whose dilation is the forward's stride and whose stride is the forward's dilation
    X_T, dY_T = pad(X, padding).transpose(1, 0, 2, 3), dY.transpose(1, 0, 2, 3)
    as_conv = conv2d_forward(X_T, dY_T, np.zeros(4), stride=dilation, dilation=stride)
    R_h, R_w = W.shape[2:]
    same = np.allclose(as_conv[:, :, :R_h, :R_w].transpose(1, 0, 2, 3), dW)
    assert same
    print(f"dW == conv(X_pad, dY, stride={dilation}, dilation={stride}): {same}")
    #> dW == conv(X_pad, dY, stride=3, dilation=2): True
    # --8<-- [end:roles]
    # --8<-- [start:scatter_check]
    for s in settings:  # the five (stride, padding, dilation) of the check
        dY = rng.standard_normal(conv2d_forward(X, W, b, *s).shape)
        for gather, scatter in zip(
            conv2d_backward(dY, X, W, *s),
            conv2d_backward_scatter(dY, X, W, *s),
            strict=True,
        ):
            np.testing.assert_allclose(scatter, gather, rtol=1e-12, atol=1e-12)
    print(f"scatter loops == the steps above, in all {len(settings)} settings: True")
    #> scatter loops == the steps above, in all 5 settings: True
    # --8<-- [end:scatter_check]


if __name__ == "__main__":
    main()
