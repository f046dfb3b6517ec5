"""For Y = conv(X, W) + b: dY/dX, dY/dW, dY/db from deltas; the reference loops."""

import numpy as np
from gradcheck import check_jacobian, vjp_from_jacobian


# --8<-- [start:forward]
def conv2d_forward(X, W, b):
    """Y[n,m,i,j] = sum_(d,p,q) W[m,d,p,q] X[n,d,i+p,j+q] + b[m], indices from 0.

    X (N, D, I_h, I_w), W (M, D, R_h, R_w), b (M,) -> Y (N, M, O_h, O_w),
    O_h = I_h - R_h + 1 and O_w = I_w - R_w + 1: every window inside X ("valid").
    """
    N, _, I_h, I_w = X.shape
    M, _, R_h, R_w = W.shape
    O_h, O_w = I_h - R_h + 1, I_w - R_w + 1
    Y = np.zeros((N, M, O_h, O_w))
    for n, m, i, j in np.ndindex(N, M, O_h, O_w):
        window = X[n, :, i : i + R_h, j : j + R_w]  # (D, R_h, R_w), at (i, j)
        Y[n, m, i, j] = np.sum(W[m] * window) + b[m]
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_X(W, X_shape):
    """J[n,m,i,j, n',d,i',j'] = delta_nn' W[m, d, i'-i, j'-j] in the window, else 0."""
    N, _, I_h, I_w = X_shape
    M, _, R_h, R_w = W.shape
    O_h, O_w = I_h - R_h + 1, I_w - R_w + 1
    J = np.zeros((N, M, O_h, O_w, *X_shape))
    for n, m, i, j in np.ndindex(N, M, O_h, O_w):
        J[n, m, i, j, n, :, i : i + R_h, j : j + R_w] = W[m]  # n' = n only
    return J


def jacobian_wrt_W(X, W_shape):
    """J[n,m,i,j, m',d,p,q] = delta_mm' X[n, d, i+p, j+q]: channel m uses filter m."""
    N, _, I_h, I_w = X.shape
    M, _, R_h, R_w = W_shape
    O_h, O_w = I_h - R_h + 1, I_w - R_w + 1
    J = np.zeros((N, M, O_h, O_w, *W_shape))
    for n, m, i, j in np.ndindex(N, M, O_h, O_w):
        J[n, m, i, j, m] = X[n, :, i : i + R_h, j : j + R_w]  # m' = m only
    return J


def jacobian_wrt_b(Y_shape):
    """J[n,m,i,j, m'] = delta_mm': every position of channel m gets b[m]."""
    M = Y_shape[1]
    delta = np.eye(M)
    return np.broadcast_to(delta[None, :, None, None, :], (*Y_shape, M)).copy()


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def conv2d_backward(dY, X, W):
    """The reference: each output entry sends its dY back to the entries it read."""
    M, _, R_h, R_w = W.shape
    dX, dW, db = np.zeros_like(X), np.zeros_like(W), np.zeros(M)
    for n, m, i, j in np.ndindex(dY.shape):
        window = (n, slice(None), slice(i, i + R_h), slice(j, j + R_w))
        dX[window] += dY[n, m, i, j] * W[m]  # windows overlap: accumulate
        dW[m] += dY[n, m, i, j] * X[window]  # every position used filter m
        db[m] += dY[n, m, i, j]
    return dX, dW, db


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    N, D, M = 2, 3, 4  # batch, input channels, output channels
    (I_h, I_w), (R_h, R_w) = (5, 7), (2, 3)  # O_h, O_w = 4, 5
    X = rng.standard_normal((N, D, I_h, I_w))
    W = rng.standard_normal((M, D, R_h, R_w))
    b = rng.standard_normal(M)
    # --8<-- [start:check]
    Y = conv2d_forward(X, W, b)
    dY = rng.standard_normal(Y.shape)  # a random upstream gradient
    J_X = jacobian_wrt_X(W, X.shape)
    J_W = jacobian_wrt_W(X, W.shape)
    J_b = jacobian_wrt_b(Y.shape)
    for name, J in (("dY/dX", J_X), ("dY/dW", J_W), ("dY/db", J_b)):
        print(f"{name} {J.shape}: {np.count_nonzero(J)} of {J.size} non-zero")
    #> dY/dX (2, 4, 4, 5, 2, 3, 5, 7): 2880 of 33600 non-zero
    #> dY/dW (2, 4, 4, 5, 4, 3, 2, 3): 2880 of 11520 non-zero
    #> dY/db (2, 4, 4, 5, 4): 160 of 640 non-zero
    check_jacobian(J_X, lambda X_: conv2d_forward(X_, W, b), X)  # central differences
    check_jacobian(J_W, lambda W_: conv2d_forward(X, W_, b), W)
    check_jacobian(J_b, lambda b_: conv2d_forward(X, W, b_), b)
    dX, dW, db = conv2d_backward(dY, X, W)
    for dV, J in ((dX, J_X), (dW, J_W), (db, J_b)):
        np.testing.assert_allclose(dV, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-14)
    print("loops == dY contracted with each Jacobian == finite differences: True")
    #> loops == dY contracted with each Jacobian == finite differences: True
    # --8<-- [end:check]
    # --8<-- [start:mean_only]
    dX_flipped = conv2d_backward(dY, X, W[:, :, ::-1, ::-1])[0]  # one flip too many
    same_mean = np.isclose(dX_flipped.mean(), dX.mean())
    print(f"same mean: {same_mean}, same entries: {np.allclose(dX_flipped, dX)}")
    #> same mean: True, same entries: False
    # --8<-- [end:mean_only]


if __name__ == "__main__":
    main()
