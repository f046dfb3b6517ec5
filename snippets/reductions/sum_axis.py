"""For s = X.sum(axis=1), ds_n/dX_pd = delta_np (shape (N, N, D)): dX = g[:, None]."""

import numpy as np

from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def forward(X):
    """s_n = sum_d X_nd: one number per row, shape (N,)."""
    return X.sum(axis=1)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[n, p, d] = ds_n / dX_pd = delta_np: shape (N,) + (N, D)."""
    N, D = X.shape
    return np.einsum("np,d->npd", np.eye(N), np.ones(D))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward(g, X):
    """dX_pd = g_p: g of shape (N,) copied along the summed axis, back to (N, D)."""
    return np.broadcast_to(g[:, None], X.shape)  # a view: no copy of g is made


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(12)
    N, D = 2, 3
    X = rng.standard_normal((N, D))
    g = rng.standard_normal(N)  # the upstream gradient dL/ds, shape (N,)
    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (2, 2, 3), non-zero entries 6 of 12
    check_jacobian(J, forward, X)  # central differences
    # The dot-product test on a square X as well: when N == D, g broadcast along
    # the wrong axis raises no error, it returns wrong numbers (see the pitfall).
    X_sq = rng.standard_normal((4, 4))
    check_vjp(forward, lambda v: backward(v, X_sq), X_sq, rng)
    check_vjp(forward, lambda v: backward(v, X), X, rng)
    dX = backward(g, X)
    np.testing.assert_allclose(dX, vjp_from_jacobian(g, J), rtol=1e-12)
    print(f"g {g.shape} broadcast back to {dX.shape} == g contracted with J: True")
    #> g (2,) broadcast back to (2, 3) == g contracted with J: True
    # --8<-- [end:check]

    # --8<-- [start:pitfall]
    for shape in [(2, 3), (4, 4)]:
        X_ = rng.standard_normal(shape)
        g_ = rng.standard_normal(shape[0])
        try:  # NumPy aligns g with the LAST axis of X: the axis that was summed away
            naive = g_ * np.ones_like(X_)
        except ValueError:
            print(f"X {shape}: g * ones_like(X) raises ValueError")
            continue
        ok = np.allclose(naive, backward(g_, X_))
        print(f"X {shape}: g * ones_like(X) runs, equals the gradient: {ok}")
    #> X (2, 3): g * ones_like(X) raises ValueError
    #> X (4, 4): g * ones_like(X) runs, equals the gradient: False
    # --8<-- [end:pitfall]

    # --8<-- [start:cost]
    N, D = 256, 4096
    jacobian_bytes = N * N * D * 8  # shape (N, N, D), float64
    g_bytes = N * 8
    print(f"J of X.sum(axis=1), N={N}, D={D}: {jacobian_bytes / 1e9:.1f} GB")
    #> J of X.sum(axis=1), N=256, D=4096: 2.1 GB
    print(f"non-zero: {N * D:,} of {N * N * D:,} entries (a fraction 1/N)")
    #> non-zero: 1,048,576 of 268,435,456 entries (a fraction 1/N)
    view = np.broadcast_to(np.zeros(N)[:, None], (N, D))
    print(
        f"backward: g holds {g_bytes:,} bytes; broadcast_to view strides {view.strides}"
    )
    #> backward: g holds 2,048 bytes; broadcast_to view strides (8, 0)
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
