"""Johnson's Y = X W: the generalised Jacobian dY/dX (N, M, N, D) gives dY W^T."""

import numpy as np

from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def forward(X, W):
    """Y_nm = sum_d X_nd W_dm: X (N, D), W (D, M), Y (N, M)."""
    return X @ W


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_X(X, W):
    """J[n, m, k, d] = dY_nm / dX_kd = delta_nk W_dm: shape Y.shape + X.shape."""
    delta = np.eye(X.shape[0])
    return np.einsum("nk,dm->nmkd", delta, W)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward_X(W, dY):
    """dX_kd = sum_nm dY_nm delta_nk W_dm = sum_m dY_km W_dm: dX = dY W^T."""
    return dY @ W.T


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
    check_jacobian(J, lambda X_: forward(X_, W), X)  # central differences
    dX = backward_X(W, dY)
    np.testing.assert_allclose(vjp_from_jacobian(dY, J), dX, rtol=1e-12)
    check_vjp(lambda X_: forward(X_, W), lambda g: backward_X(W, g), X, rng)
    print(f"tensordot(dY, J) == dY @ W.T: True, dX shape {dX.shape}")
    #> tensordot(dY, J) == dY @ W.T: True, dX shape (2, 2)
    # --8<-- [end:check]
    # --8<-- [start:cost]
    N, D, M = 64, 4096, 4096  # Johnson's example of a realistic layer
    entries = N * M * N * D  # dY/dX has shape (N, M, N, D)
    print(f"dY/dX: {entries:,} entries = {entries * 4 / 2**30:.0f} GiB in float32")
    #> dY/dX: 68,719,476,736 entries = 256 GiB in float32
    print(f"dX = dY @ W.T: {N * D:,} entries = {N * D * 4 / 2**20:.0f} MiB in float32")
    #> dX = dY @ W.T: 262,144 entries = 1 MiB in float32
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
