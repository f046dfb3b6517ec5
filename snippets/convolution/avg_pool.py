"""Average-pool: dY_ij/dX_kl = 1/R² inside window (i, j), so dX spreads dY/R² back."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian

windows = np.lib.stride_tricks.sliding_window_view


# --8<-- [start:forward]
def avgpool_forward(X, R, stride):
    """X (N, D, I_h, I_w) -> Y (N, D, O_h, O_w): the mean of each R x R window."""
    X_win = windows(X, (R, R), axis=(2, 3))[:, :, ::stride, ::stride]
    Y = X_win.mean(axis=(4, 5))
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_X(X_shape, R, stride):
    """J[n,d,i,j, n,d,k,l] = 1/R² for (k, l) in window (i, j), else 0."""
    N, D, I_h, I_w = X_shape
    O_h, O_w = (I_h - R) // stride + 1, (I_w - R) // stride + 1
    J = np.zeros((N, D, O_h, O_w, *X_shape))
    for n, d, i, j in np.ndindex(N, D, O_h, O_w):
        rows = slice(stride * i, stride * i + R)
        cols = slice(stride * j, stride * j + R)
        J[n, d, i, j, n, d, rows, cols] = 1.0 / R**2
    return J


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def avgpool_backward(dY, X, R, stride):
    """dY (N, D, O_h, O_w) -> dX: each window adds dY / R² to each of its entries."""
    O_h, O_w = dY.shape[2:]
    dX = np.zeros_like(X)
    for p, q in np.ndindex(R, R):  # tap (p, q) of every window: a strided slice
        rows = slice(p, p + stride * (O_h - 1) + 1, stride)
        cols = slice(q, q + stride * (O_w - 1) + 1, stride)
        dX[:, :, rows, cols] += dY / R**2  # no repeats in one slice: += is safe
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(7)
    # --8<-- [start:check]
    X = rng.standard_normal((2, 3, 7, 7))
    for R, stride in [(2, 2), (3, 2), (2, 1)]:  # the last two overlap
        Y = avgpool_forward(X, R, stride)
        J = jacobian_wrt_X(X.shape, R, stride)
        check_jacobian(J, lambda X_, R=R, s=stride: avgpool_forward(X_, R, s), X)
        dY = rng.standard_normal(Y.shape)
        dX = avgpool_backward(dY, X, R, stride)
        np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), atol=1e-14)
        print(
            f"R {R}, stride {stride}: Y {Y.shape}, {np.count_nonzero(J)} entries 1/R²"
        )
    #> R 2, stride 2: Y (2, 3, 3, 3), 216 entries 1/R²
    #> R 3, stride 2: Y (2, 3, 3, 3), 486 entries 1/R²
    #> R 2, stride 1: Y (2, 3, 6, 6), 864 entries 1/R²
    X = rng.standard_normal((8, 16, 32, 32))  # realistic, overlapping windows
    check_vjp(
        lambda X_: avgpool_forward(X_, 3, 2),
        lambda dY_: avgpool_backward(dY_, X, 3, 2),
        X,
        rng,
    )
    print(f"dot-product test at X {X.shape}, R 3, stride 2: passed")
    #> dot-product test at X (8, 16, 32, 32), R 3, stride 2: passed
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
