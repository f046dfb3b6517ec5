"""For Y = X W + b, dY_nm/dW_dk = X_nd delta_mk (shape (N, M, D, M)), so dW = X^T dY."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, vjp_from_jacobian


# --8<-- [start:forward]
def linear_forward(X, W, b):
    """Y_nm = sum_d X_nd W_dm + b_m: (N, D) @ (D, M) + (M,) -> (N, M)."""
    Y = X @ W + b
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_W(X, M):
    """J[n, m, d, k] = dY_nm / dW_dk = X_nd delta_mk: shape (N, M) + (D, M)."""
    delta = np.eye(M)  # delta[m, k] = 1 if m == k else 0
    return np.einsum("nd,mk->nmdk", X, delta)


# --8<-- [end:jacobian]


def jacobian_wrt_W_loops(X, M):
    """The same tensor, one entry at a time, straight from the definition."""
    N, D = X.shape
    J = np.zeros((N, M, D, M))
    for n in range(N):
        for m in range(M):
            for d in range(D):
                for k in range(M):
                    J[n, m, d, k] = X[n, d] if m == k else 0.0
    return J


# --8<-- [start:backward]
def linear_backward(dY, X, W):
    """dY (N, M) -> dW (D, M), the shape of W; layer.py returns dX and db too."""
    dW = X.T @ dY  # dW_dk = sum_n X_nd dY_nk: (D, N) @ (N, M)
    return dW


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    N, D, M = 2, 3, 4  # three different sizes: a misplaced axis cannot hide
    X = rng.standard_normal((N, D))
    W = rng.standard_normal((D, M))
    b = rng.standard_normal(M)
    dY = rng.standard_normal((N, M))  # the upstream gradient dL/dY
    # --8<-- [start:jacobian_check]
    J = jacobian_wrt_W(X, M)
    print(f"shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> shape (2, 4, 3, 4), non-zero entries 24 of 96
    np.testing.assert_array_equal(J, jacobian_wrt_W_loops(X, M))
    check_jacobian(J, lambda W_: linear_forward(X, W_, b), W)  # central differences
    rows = J.reshape(N * M, D, M) != 0  # one row per output entry Y_nm
    print("      d=0  d=1  d=2   (k = 0..3 inside each group)")
    for (n, m), row in zip(np.ndindex(N, M), rows, strict=True):
        cols = " ".join("".join("x" if e else "." for e in r) for r in row)
        print(f"Y_{n}{m}: {cols}")
    #>       d=0  d=1  d=2   (k = 0..3 inside each group)
    #> Y_00: x... x... x...
    #> Y_01: .x.. .x.. .x..
    #> Y_02: ..x. ..x. ..x.
    #> Y_03: ...x ...x ...x
    #> Y_10: x... x... x...
    #> Y_11: .x.. .x.. .x..
    #> Y_12: ..x. ..x. ..x.
    #> Y_13: ...x ...x ...x
    # --8<-- [end:jacobian_check]
    # --8<-- [start:check]
    dW_full = vjp_from_jacobian(dY, J)  # tensordot over the output axes (n, m)
    dW = linear_backward(dY, X, W)
    print(f"dW from the full Jacobian {dW_full.shape}, from X.T @ dY {dW.shape}")
    #> dW from the full Jacobian (3, 4), from X.T @ dY (3, 4)
    np.testing.assert_allclose(dW, dW_full, rtol=1e-12, atol=1e-15)
    check_gradient(
        dW, lambda W_: np.sum(dY * linear_forward(X, W_, b)), W
    )  # L = <dY, Y>
    print("dW == full-Jacobian contraction == finite differences: True")
    #> dW == full-Jacobian contraction == finite differences: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
