"""The transposed convolution Y -> J_X^T Y: the conv's input gradient as a layer."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, check_vjp, vjp_from_jacobian

windows = np.lib.stride_tricks.sliding_window_view


# --8<-- [start:forward]
def conv_transpose2d_forward(Y, W):
    """Y (N, M, O_h, O_w), W (M, D, R_h, R_w) -> X (N, D, O_h+R_h-1, O_w+R_w-1).

    Entry Y[n, m, i, j] adds itself times the filter W[m] into the window at
    (i, j): X[n, :, i+p, j+q] += Y[n, m, i, j] W[m, :, p, q]. No flip.
    """
    N, _, O_h, O_w = Y.shape
    _, D, R_h, R_w = W.shape
    X = np.zeros((N, D, O_h + R_h - 1, O_w + R_w - 1))
    for p, q in np.ndindex(R_h, R_w):  # one shifted, channel-mixed copy of Y per tap
        copy = np.einsum("nmij,md->ndij", Y, W[:, :, p, q], optimize=True)
        X[:, :, p : p + O_h, q : q + O_w] += copy
    return X


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_Y(W, Y_shape):
    """J[n,d,i',j', n',m,i,j] = delta_nn' W[m, d, i'-i, j'-j] in the window, else 0."""
    N, _, O_h, O_w = Y_shape
    _, D, R_h, R_w = W.shape
    J = np.zeros((N, D, O_h + R_h - 1, O_w + R_w - 1, *Y_shape))
    for n, m, i, j in np.ndindex(Y_shape):
        J[n, :, i : i + R_h, j : j + R_w, n, m, i, j] = W[m]
    return J


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def conv_transpose2d_backward(dX, Y, W):
    """dX (N, D, I_h, I_w) -> dY, dW: dY is the convolution of dX with W."""
    R_h, R_w = W.shape[2:]
    dX_win = windows(dX, (R_h, R_w), axis=(2, 3))  # (N, D, O_h, O_w, R_h, R_w)
    dY = np.einsum("ndijpq,mdpq->nmij", dX_win, W, optimize=True)  # conv2d(dX, W)
    dW = np.einsum("ndijpq,nmij->mdpq", dX_win, Y, optimize=True)  # sum over n, i, j
    return dY, dW


# --8<-- [end:backward]


def conv2d_forward(X, W, b):
    """The convolution of conv2d.py: X (N, D, I_h, I_w) -> Y (N, M, O_h, O_w)."""
    X_win = windows(X, W.shape[2:], axis=(2, 3))
    return np.einsum("ndijpq,mdpq->nmij", X_win, W, optimize=True) + b[:, None, None]


def conv2d_input_gradient(dY, W):
    """conv2d.py's dX: the full correlation of dY with the flipped W."""
    R_h, R_w = W.shape[2:]
    dY_pad = np.pad(dY, ((0, 0), (0, 0), (R_h - 1, R_h - 1), (R_w - 1, R_w - 1)))
    dY_win = windows(dY_pad, (R_h, R_w), axis=(2, 3))
    return np.einsum("nmijpq,mdpq->ndij", dY_win, W[:, :, ::-1, ::-1], optimize=True)


def main():
    rng = np.random.default_rng(3)
    N, D, M, (I_h, I_w), (R_h, R_w) = 2, 3, 4, (5, 7), (2, 3)
    X = rng.standard_normal((N, D, I_h, I_w))
    W, b = rng.standard_normal((M, D, R_h, R_w)), rng.standard_normal(M)
    # --8<-- [start:is_the_transpose]
    Y = conv2d_forward(X, W, b)  # the convolution, (N, M, O_h, O_w)
    J_X = np.zeros(Y.shape + X.shape)  # its Jacobian, column by column: it is linear
    for k in np.ndindex(X.shape):
        unit = np.zeros(X.shape)
        unit[k] = 1.0
        J_X[(..., *k)] = conv2d_forward(unit, W, np.zeros(M))
    J_T = jacobian_wrt_Y(W, Y.shape)  # the transposed convolution's Jacobian
    swap = (*range(4, 8), *range(4))  # output axes <-> input axes
    same = np.allclose(J_T, J_X.transpose(swap))
    print(f"J_T {J_T.shape} == J_X {J_X.shape} transposed: {same}")
    #> J_T (2, 3, 5, 7, 2, 4, 4, 5) == J_X (2, 4, 4, 5, 2, 3, 5, 7) transposed: True
    dY = rng.standard_normal(Y.shape)  # an upstream gradient of the convolution
    dX = conv2d_input_gradient(dY, W)
    same = np.allclose(dX, conv_transpose2d_forward(dY, W))
    print(f"conv's dX == conv_transpose2d_forward(dY, W): {same}")
    #> conv's dX == conv_transpose2d_forward(dY, W): True
    # --8<-- [end:is_the_transpose]
    # --8<-- [start:check]
    Y = rng.standard_normal(Y.shape)  # the transposed convolution's input
    check_jacobian(J_T, lambda Y_: conv_transpose2d_forward(Y_, W), Y)
    dX = rng.standard_normal(X.shape)  # its upstream gradient
    dY, dW = conv_transpose2d_backward(dX, Y, W)
    np.testing.assert_allclose(dY, vjp_from_jacobian(dX, J_T), rtol=1e-12, atol=1e-14)
    check_gradient(dW, lambda W_: np.sum(dX * conv_transpose2d_forward(Y, W_)), W)
    same = np.allclose(dY, conv2d_forward(dX, W, np.zeros(M)))
    print(f"dY {dY.shape} is the convolution of dX with W, no flip: {same}")
    #> dY (2, 4, 4, 5) is the convolution of dX with W, no flip: True
    Y = rng.standard_normal((8, 32, 30, 30))  # realistic: 32 -> 16 channels, 3 x 3
    W = rng.standard_normal((32, 16, 3, 3))
    check_vjp(
        lambda Y_: conv_transpose2d_forward(Y_, W),
        lambda dX_: conv_transpose2d_backward(dX_, Y, W)[0],
        Y,
        rng,
    )
    check_vjp(
        lambda W_: conv_transpose2d_forward(Y, W_),
        lambda dX_: conv_transpose2d_backward(dX_, Y, W)[1],
        W,
        rng,
    )
    print(f"dot-product test at Y {Y.shape}, W {W.shape}: passed for Y and W")
    #> dot-product test at Y (8, 32, 30, 30), W (32, 16, 3, 3): passed for Y and W
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
