"""For mu = mean(X) over all N*D entries, dmu/dX_pq = 1/(N D): dX = dmu / X.size."""

import numpy as np
from gradcheck import check_gradient, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def mean_forward(X):
    """mu = 1/(N D) sum_n sum_d X_nd: a scalar, shape ()."""
    mu = np.mean(X)
    return mu


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[p, q] = dmu / dX_pq = 1 / (N D): shape (N, D)."""
    return np.full(X.shape, 1.0 / X.size)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def mean_backward(dmu, X):
    """dX = dmu / (N D) everywhere: each entry moves the mean by 1/(N D) of itself."""
    dX = np.full(X.shape, dmu / X.size)  # a new array, shape (N, D)
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(11)
    X = rng.standard_normal((3, 4))
    dmu = np.float64(rng.standard_normal())  # dL/dmu: a scalar, like mu
    # --8<-- [start:check]
    J = jacobian(X)
    check_gradient(J, mean_forward, X)  # mu is a scalar: its Jacobian is its gradient
    dX = mean_backward(dmu, X)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dmu, J), rtol=1e-12)
    check_vjp(mean_forward, lambda v: mean_backward(v, X), X, rng)  # dot-product test
    print(f"every entry of J is 1/{X.size}; dX = dmu / {X.size}: True")
    #> every entry of J is 1/12; dX = dmu / 12: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
