"""For y = sum_nd X_nd, dy/dX_pq = 1 for every entry, so dX = dy * ones_like(X)."""

import numpy as np
from gradcheck import check_gradient, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def sum_forward(X):
    """y = sum_n sum_d X_nd: a scalar, shape ()."""
    y = np.sum(X)
    return y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[p, q] = dy / dX_pq = 1: shape () + (N, D) = (N, D), every entry 1."""
    return np.ones(X.shape)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def sum_backward(dy, X):
    """dX = dy * ones: the scalar upstream gradient dy copied to every entry of X."""
    dX = dy * np.ones_like(X)  # a new array, shape (N, D)
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(10)
    X = rng.standard_normal((3, 4))
    dy = np.float64(rng.standard_normal())  # dL/dy: a scalar, like y
    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (3, 4), non-zero entries 12 of 12
    check_gradient(J, sum_forward, X)  # y is a scalar: its Jacobian is its gradient
    dX = sum_backward(dy, X)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dy, J), rtol=1e-12)
    check_vjp(sum_forward, lambda v: sum_backward(v, X), X, rng)  # dot-product test
    print(f"dX = dy * ones: shape {dX.shape}, == dy contracted with J: True")
    #> dX = dy * ones: shape (3, 4), == dy contracted with J: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
