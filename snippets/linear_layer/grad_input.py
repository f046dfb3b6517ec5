"""For Y = X W + b, dY_nm/dX_pd = delta_np W_dm (shape (N, M, N, D)), so dX = dY W^T."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, vjp_from_jacobian


def linear_forward(X, W, b):
    """Y_nm = sum_d X_nd W_dm + b_m: (N, D) @ (D, M) + (M,) -> (N, M)."""
    Y = X @ W + b
    return Y


# --8<-- [start:jacobian]
def jacobian_wrt_X(W, N):
    """J[n, m, p, d] = dY_nm / dX_pd = delta_np W_dm: shape (N, M) + (N, D)."""
    delta = np.eye(N)  # delta[n, p] = 1 if n == p else 0: examples do not mix
    return np.einsum("np,dm->nmpd", delta, W)


# --8<-- [end:jacobian]


def jacobian_wrt_X_loops(W, N):
    """The same tensor, one entry at a time, straight from the definition."""
    D, M = W.shape
    J = np.zeros((N, M, N, D))
    for n in range(N):
        for m in range(M):
            for p in range(N):
                for d in range(D):
                    J[n, m, p, d] = W[d, m] if n == p else 0.0
    return J


# --8<-- [start:backward]
def linear_backward(dY, X, W):
    """dY (N, M) -> dX (N, D), the shape of X; layer.py returns dW and db too."""
    dX = dY @ W.T  # dX_pd = sum_m dY_pm W_dm: (N, M) @ (M, D)
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    N, D, M = 2, 3, 4
    X = rng.standard_normal((N, D))
    W = rng.standard_normal((D, M))
    b = rng.standard_normal(M)
    dY = rng.standard_normal((N, M))  # the upstream gradient dL/dY
    # --8<-- [start:jacobian_check]
    J = jacobian_wrt_X(W, N)
    print(f"shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> shape (2, 4, 2, 3), non-zero entries 24 of 48
    np.testing.assert_array_equal(J, jacobian_wrt_X_loops(W, N))
    check_jacobian(J, lambda X_: linear_forward(X_, W, b), X)  # central differences
    rows = J.reshape(N * M, N, D) != 0  # one row per output entry Y_nm
    print("      p=0 p=1   (d = 0..2 inside each group)")
    for (n, m), row in zip(np.ndindex(N, M), rows, strict=True):
        cols = " ".join("".join("x" if e else "." for e in r) for r in row)
        print(f"Y_{n}{m}: {cols}")
    #>       p=0 p=1   (d = 0..2 inside each group)
    #> Y_00: xxx ...
    #> Y_01: xxx ...
    #> Y_02: xxx ...
    #> Y_03: xxx ...
    #> Y_10: ... xxx
    #> Y_11: ... xxx
    #> Y_12: ... xxx
    #> Y_13: ... xxx
    diagonal = all(np.array_equal(J[n, :, n, :], W.T) for n in range(N))
    off = not any(np.any(J[n, :, p, :]) for n in range(N) for p in range(N) if n != p)
    assert diagonal and off
    print(f"blocks J[n, :, n, :] equal W.T {W.T.shape}, all others zero: {diagonal}")
    #> blocks J[n, :, n, :] equal W.T (4, 3), all others zero: True
    # --8<-- [end:jacobian_check]
    # --8<-- [start:check]
    dX_full = vjp_from_jacobian(dY, J)  # tensordot over the output axes (n, m)
    dX = linear_backward(dY, X, W)
    print(f"dX from the full Jacobian {dX_full.shape}, from dY @ W.T {dX.shape}")
    #> dX from the full Jacobian (2, 3), from dY @ W.T (2, 3)
    np.testing.assert_allclose(dX, dX_full, rtol=1e-12, atol=1e-15)
    check_gradient(
        dX, lambda X_: np.sum(dY * linear_forward(X_, W, b)), X
    )  # L = <dY, Y>
    print("dX == full-Jacobian contraction == finite differences: True")
    #> dX == full-Jacobian contraction == finite differences: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
