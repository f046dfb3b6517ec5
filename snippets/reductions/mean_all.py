"""For L = mean(X) over all N*D entries, dL/dX_pe = 1/(N D): dX = g / X.size."""

import numpy as np

from gradcheck import check_gradient, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def forward(X):
    """L = 1/(N D) sum_n sum_d X_nd: a scalar, shape ()."""
    return np.mean(X)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[p, e] = dL / dX_pe = 1 / (N D): shape (N, D)."""
    return np.full(X.shape, 1.0 / X.size)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward(g, X):
    """dX = g / (N D) in every entry: each entry moved the mean by 1/(N D) of itself."""
    return np.full(X.shape, g / X.size)


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(11)
    X = rng.standard_normal((3, 4))
    g = np.float64(rng.standard_normal())
    # --8<-- [start:check]
    J = jacobian(X)
    check_gradient(J, forward, X)
    dX = backward(g, X)
    np.testing.assert_allclose(dX, vjp_from_jacobian(g, J), rtol=1e-12)
    check_vjp(forward, lambda v: backward(v, X), X, rng)  # dot-product test
    print(f"every entry of J is 1/{X.size}; dX = g / {X.size}: True")
    #> every entry of J is 1/12; dX = g / 12: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
