"""Sigmoid: dY_nd/dX_pe = s'(X_nd) delta_np delta_de, s' = s(1 - s): dX = dY*Y*(1-Y)."""

import numpy as np

from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def forward(X):
    """Y_nd = s(X_nd) = 1 / (1 + exp(-X_nd))."""
    return 1.0 / (1.0 + np.exp(-X))


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def local_derivative(X):
    """s'(x) = exp(-x) / (1 + exp(-x))^2, straight from the quotient rule."""
    e = np.exp(-X)
    return e / (1.0 + e) ** 2


def jacobian(X):
    """J[n, d, p, e] = s'(X_nd) delta_np delta_de: shape (N, D, N, D)."""
    N, D = X.shape
    return np.einsum("nd,np,de->ndpe", local_derivative(X), np.eye(N), np.eye(D))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward(dY, Y):
    """dX = dY * s'(X) with s'(X) = Y (1 - Y), from the saved output Y = s(X)."""
    return dY * Y * (1.0 - Y)


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(2)
    N, D = 3, 4
    X = 2.0 * rng.standard_normal((N, D))
    dY = rng.standard_normal((N, D))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (3, 4, 3, 4), non-zero entries 12 of 144
    check_jacobian(J, forward, X)  # the quotient-rule s' against central differences
    Y = forward(X)
    np.testing.assert_allclose(local_derivative(X), Y * (1.0 - Y), rtol=1e-12)
    dX = backward(dY, Y)  # reads Y only: X need not be kept for the backward pass
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-15)
    check_vjp(forward, lambda v: backward(v, Y), X, rng)  # dot-product test
    print("dY * Y * (1 - Y) == dY contracted with J == finite differences: True")
    #> dY * Y * (1 - Y) == dY contracted with J == finite differences: True
    print(f"largest slope: {local_derivative(np.array(0.0)):.2f} at x = 0")
    #> largest slope: 0.25 at x = 0
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
