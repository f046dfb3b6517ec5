"""Johnson's Y = X W: the generalised Jacobian dY/dX (N, M, N, D) gives dY W^T."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, human_bytes, vjp_from_jacobian


# --8<-- [start:forward]
def linear_forward(X, W):
    """Y_nm = sum_d X_nd W_dm: X (N, D), W (D, M), Y (N, M)."""
    Y = X @ W
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_X(X, W):
    """J[n, m, p, d] = dY_nm / dX_pd = delta_np W_dm: shape Y.shape + X.shape."""
    delta = np.eye(X.shape[0])
    return np.einsum("np,dm->nmpd", delta, W)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def linear_backward(dY, X, W):
    """dX_pd = sum_nm dY_nm delta_np W_dm = sum_m dY_pm W_dm (dY W^T); dW = X^T dY."""
    dX = dY @ W.T
    dW = X.T @ dY
    return dX, dW


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(5)
    N, D, M = 2, 2, 3  # the sizes of Johnson's worked example
    X = rng.standard_normal((N, D))
    W = rng.standard_normal((D, M))
    dY = rng.standard_normal((N, M))
    # --8<-- [start:check]
    J = jacobian_wrt_X(X, W)
    print(f"dY/dX: shape {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> dY/dX: shape (2, 3, 2, 2), non-zero 12 of 24
    check_jacobian(J, lambda X_: linear_forward(X_, W), X)  # central differences
    dX, dW = linear_backward(dY, X, W)
    np.testing.assert_allclose(vjp_from_jacobian(dY, J), dX, rtol=1e-12)
    check_vjp(
        lambda X_: linear_forward(X_, W),
        lambda dY_: linear_backward(dY_, X, W)[0],
        X,
        rng,
    )
    check_vjp(
        lambda W_: linear_forward(X, W_),
        lambda dY_: linear_backward(dY_, X, W)[1],
        W,
        rng,
    )
    print(
        f"tensordot(dY, J) == dY @ W.T: True, dX shape {dX.shape}, dW shape {dW.shape}"
    )
    #> tensordot(dY, J) == dY @ W.T: True, dX shape (2, 2), dW shape (2, 3)
    # --8<-- [end:check]
    # --8<-- [start:cost]
    N, D, M = 64, 4096, 4096  # Johnson's example of a realistic layer
    entries = N * M * N * D  # dY/dX has shape (N, M, N, D)
    print(f"dY/dX: {entries:,} entries = {human_bytes(4 * entries)} in float32")
    #> dY/dX: 68,719,476,736 entries = 256 GiB in float32
    print(f"dX = dY @ W.T: {N * D:,} entries = {human_bytes(4 * N * D)} in float32")
    #> dX = dY @ W.T: 262,144 entries = 1 MiB in float32
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
