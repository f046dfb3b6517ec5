"""tanh: dY_nd/dX_pe = (1 - tanh(X_nd)^2) delta_np delta_de, so dX = dY * (1 - Y^2)."""

import numpy as np

from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def forward(X):
    """Y_nd = tanh(X_nd)."""
    return np.tanh(X)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def local_derivative(X):
    """tanh'(x) = 1 / cosh(x)^2, the textbook derivative."""
    return 1.0 / np.cosh(X) ** 2


def jacobian(X):
    """J[n, d, p, e] = tanh'(X_nd) delta_np delta_de: shape (N, D, N, D)."""
    N, D = X.shape
    return np.einsum("nd,np,de->ndpe", local_derivative(X), np.eye(N), np.eye(D))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def backward(dY, Y):
    """dX = dY * (1 - Y^2), from the saved output Y = tanh(X)."""
    return dY * (1.0 - Y**2)


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(3)
    N, D = 3, 4
    X = rng.standard_normal((N, D))
    dY = rng.standard_normal((N, D))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (3, 4, 3, 4), non-zero entries 12 of 144
    check_jacobian(J, forward, X)  # 1 / cosh^2 against central differences
    Y = forward(X)
    dX = backward(dY, Y)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-15)
    check_vjp(forward, lambda v: backward(v, Y), X, rng)  # dot-product test
    print("dY * (1 - Y**2) == dY contracted with J == finite differences: True")
    #> dY * (1 - Y**2) == dY contracted with J == finite differences: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
