"""For m = X.mean(axis=0, keepdims=True), dm_0d/dX_pe = delta_de / N: dX = g / N."""

import numpy as np

from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def forward(X):
    """m_0d = 1/N sum_n X_nd: the batch mean, kept 2-D, shape (1, D)."""
    return X.mean(axis=0, keepdims=True)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[0, d, p, e] = dm_0d / dX_pe = delta_de / N: shape (1, D) + (N, D)."""
    N, D = X.shape
    return np.einsum("de,p->dpe", np.eye(D), np.full(N, 1.0 / N))[None]


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward(g, X):
    """dX_pe = g_0e / N: g of shape (1, D) broadcasts back over the N rows as is."""
    return np.broadcast_to(g / X.shape[0], X.shape)


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(13)
    N, D = 4, 3
    X = rng.standard_normal((N, D))
    g = rng.standard_normal((1, D))  # the upstream gradient dL/dm, shape (1, D)
    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (1, 3, 4, 3), non-zero entries 12 of 36
    check_jacobian(J, forward, X)  # central differences
    dX = backward(g, X)
    np.testing.assert_allclose(dX, vjp_from_jacobian(g, J), rtol=1e-12)
    check_vjp(forward, lambda v: backward(v, X), X, rng)  # dot-product test
    print(f"g {g.shape} / N broadcast to {dX.shape} == g contracted with J: True")
    #> g (1, 3) / N broadcast to (4, 3) == g contracted with J: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
