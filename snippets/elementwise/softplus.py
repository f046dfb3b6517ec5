"""Softplus (the exercise): f(x) = log(1 + e^x) has f' = s(x), so dX = dY * s(X)."""

import numpy as np

from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


def forward(X):
    """Y_nd = log(1 + exp(X_nd)), computed without overflow for large X_nd."""
    return np.logaddexp(0.0, X)


# --8<-- [start:solution]
def jacobian(X):
    """J[n, d, p, e] = s(X_nd) delta_np delta_de: shape (N, D, N, D), diagonal."""
    N, D = X.shape
    slope = 1.0 / (1.0 + np.exp(-X))  # f'(x) = e^x / (1 + e^x) = s(x)
    return np.einsum("nd,np,de->ndpe", slope, np.eye(N), np.eye(D))


def backward(dY, Y):
    """dX = dY * s(X), and s(X) = 1 - exp(-Y) comes from the saved output Y."""
    return dY * -np.expm1(-Y)  # 1 - exp(-Y), accurate when Y is tiny


# --8<-- [end:solution]


def main():
    rng = np.random.default_rng(4)
    X = rng.standard_normal((2, 3))
    dY = rng.standard_normal((2, 3))
    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (2, 3, 2, 3), non-zero entries 6 of 36
    check_jacobian(J, forward, X)
    Y = forward(X)
    np.testing.assert_allclose(
        backward(dY, Y), vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-15
    )
    check_vjp(forward, lambda v: backward(v, Y), X, rng)
    print("dY * (1 - exp(-Y)) == dY contracted with J == finite differences: True")
    #> dY * (1 - exp(-Y)) == dY contracted with J == finite differences: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
