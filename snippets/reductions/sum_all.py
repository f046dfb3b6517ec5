"""For L = sum_nd X_nd, dL/dX_pe = 1 for every entry, so dX = g * ones_like(X)."""

import numpy as np

from gradcheck import check_gradient, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def forward(X):
    """L = sum_n sum_d X_nd: a scalar, shape ()."""
    return np.sum(X)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[p, e] = dL / dX_pe = 1: shape () + (N, D) = (N, D), every entry 1."""
    return np.ones(X.shape)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward(g, X):
    """dX = g * ones: the scalar upstream gradient g copied to every entry of X."""
    return g * np.ones_like(X)


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(10)
    X = rng.standard_normal((3, 4))
    g = np.float64(rng.standard_normal())  # dLoss/dL: a scalar, like L
    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (3, 4), non-zero entries 12 of 12
    check_gradient(J, forward, X)  # with g = 1 the Jacobian is the gradient
    dX = backward(g, X)
    np.testing.assert_allclose(dX, vjp_from_jacobian(g, J), rtol=1e-12)
    check_vjp(forward, lambda v: backward(v, X), X, rng)  # dot-product test
    print(f"dX = g * ones: shape {dX.shape}, == g contracted with J: True")
    #> dX = g * ones: shape (3, 4), == g contracted with J: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
