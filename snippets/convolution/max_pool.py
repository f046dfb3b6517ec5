"""Max-pool: dY/dX has one 1 per row, at the window's argmax; dX adds dY there."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian

windows = np.lib.stride_tricks.sliding_window_view


# --8<-- [start:forward]
def maxpool_forward(X, R, stride):
    """X (N, D, I_h, I_w) -> Y (N, D, O_h, O_w): the max of each R x R window."""
    X_win = windows(X, (R, R), axis=(2, 3))[:, :, ::stride, ::stride]
    Y = X_win.max(axis=(4, 5))
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_X(X, R, stride):
    """J[n,d,i,j, n,d,row,col] = 1 where (row, col) is window (i, j)'s first maximum."""
    N, D, I_h, I_w = X.shape
    O_h, O_w = (I_h - R) // stride + 1, (I_w - R) // stride + 1
    J = np.zeros((N, D, O_h, O_w, *X.shape))
    for n, d, i, j in np.ndindex(N, D, O_h, O_w):
        window = X[n, d, stride * i : stride * i + R, stride * j : stride * j + R]
        p, q = np.unravel_index(np.argmax(window), (R, R))  # first in row-major order
        J[n, d, i, j, n, d, stride * i + p, stride * j + q] = 1.0
    return J


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def maxpool_backward(dY, X, R, stride):
    """dY (N, D, O_h, O_w) -> dX (N, D, I_h, I_w): dY goes to each window's argmax."""
    N, D, O_h, O_w = dY.shape
    X_win = windows(X, (R, R), axis=(2, 3))[:, :, ::stride, ::stride]
    first = X_win.reshape(N, D, O_h, O_w, R * R).argmax(axis=-1)  # ties: the first
    p, q = np.divmod(first, R)  # row and column of the maximum inside its window
    n, d, i, j = np.ogrid[:N, :D, :O_h, :O_w]
    dX = np.zeros_like(X)
    np.add.at(dX, (n, d, stride * i + p, stride * j + q), dY)  # overlaps add up
    return dX


# --8<-- [end:backward]


def distinct(rng, shape):
    """Entries 0.001 apart in random order: every window is 0.001 away from a tie."""
    size = np.prod(shape)
    return (rng.permutation(size) - size / 2).reshape(shape) * 0.001


def main():
    rng = np.random.default_rng(6)
    # --8<-- [start:check]
    X = distinct(rng, (2, 3, 7, 7))  # away from ties: a step of 1e-6 changes no argmax
    for R, stride in [(2, 2), (3, 2), (2, 1)]:  # the last two overlap
        Y = maxpool_forward(X, R, stride)
        J = jacobian_wrt_X(X, R, stride)
        check_jacobian(J, lambda X_, R=R, s=stride: maxpool_forward(X_, R, s), X)
        dY = rng.standard_normal(Y.shape)
        dX = maxpool_backward(dY, X, R, stride)
        np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), atol=1e-14)
        print(f"R {R}, stride {stride}: Y {Y.shape}, {np.count_nonzero(J)} ones in J")
    #> R 2, stride 2: Y (2, 3, 3, 3), 54 ones in J
    #> R 3, stride 2: Y (2, 3, 3, 3), 54 ones in J
    #> R 2, stride 1: Y (2, 3, 6, 6), 216 ones in J
    X = distinct(rng, (8, 16, 32, 32))  # realistic, overlapping windows
    check_vjp(
        lambda X_: maxpool_forward(X_, 3, 2),
        lambda dY_: maxpool_backward(dY_, X, 3, 2),
        X,
        rng,
    )
    print(f"dot-product test at X {X.shape}, R 3, stride 2: passed")
    #> dot-product test at X (8, 16, 32, 32), R 3, stride 2: passed
    # --8<-- [end:check]
    # --8<-- [start:ties]
    X = np.array([[[[1.0, 3.0, 0.0], [3.0, 2.0, 3.0], [0.0, 1.0, 0.0]]]])
    X_win = windows(X, (2, 2), axis=(2, 3))  # 2 x 2 windows, stride 1
    tied = (X_win == X_win.max(axis=(4, 5), keepdims=True)).sum(axis=(4, 5))
    print(f"maximal entries in the four windows: {tied.ravel().tolist()}")
    #> maximal entries in the four windows: [2, 2, 1, 1]
    dY = np.array([[[[1.0, 10.0], [100.0, 1000.0]]]])  # one power of ten per window
    dX = maxpool_backward(dY, X, 2, 1)
    for row in dX[0, 0]:
        print(" ".join(f"{v:6.0f}" for v in row))
    #>      0     11      0
    #>    100      0   1000
    #>      0      0      0
    # --8<-- [end:ties]


if __name__ == "__main__":
    main()
