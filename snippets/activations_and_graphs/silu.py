"""SiLU (Swish): Y = X sigma(X), dX = dY * sigma(X) (1 + X (1 - sigma(X)))."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


def sigmoid(X):
    """sigma(x) with the exponent shifted to -|x|: no overflow (elementwise page)."""
    u = np.exp(-np.abs(X))
    return np.where(X >= 0, 1.0 / (1.0 + u), u / (1.0 + u))


# --8<-- [start:forward]
def silu_forward(X):
    """Y = X * sigma(X): X is used twice, as a factor and inside the sigmoid."""
    Y = X * sigmoid(X)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[n, d, p, q] = (sigma + x sigma (1 - sigma))(X_nd) delta_np delta_dq."""
    N, D = X.shape
    s = sigmoid(X)
    through_factor = s  # d(x * s)/dx with s held fixed
    through_sigmoid = X * s * (1.0 - s)  # with the factor x held fixed
    slope = through_factor + through_sigmoid  # the two uses of x add up
    return np.einsum("nd,np,dq->ndpq", slope, np.eye(N), np.eye(D))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def silu_backward(dY, X):
    """dX = dY * sigma(X) * (1 + X * (1 - sigma(X))), from the saved input X."""
    s = sigmoid(X)
    dX = dY * s * (1.0 + X * (1.0 - s))
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    X = 2.0 * rng.standard_normal((2, 3))
    dY = rng.standard_normal((2, 3))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (2, 3, 2, 3), non-zero entries 6 of 36
    check_jacobian(J, silu_forward, X)  # central differences
    dX = silu_backward(dY, X)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12)
    X_big = 3.0 * rng.standard_normal((64, 768))
    check_vjp(silu_forward, lambda v: silu_backward(v, X_big), X_big, rng)
    x = np.linspace(-6.0, 0.0, 60_001)
    low = x[np.argmin(silu_forward(x))]  # where 1 + x (1 - sigma(x)) = 0
    np.testing.assert_allclose(silu_backward(1.0, low), 0.0, atol=1e-4)  # SiLU' = 0
    np.testing.assert_allclose(silu_forward(low), low + 1.0, atol=1e-4)  # x s = x + 1
    print(f"smallest SiLU: {silu_forward(low):.4f} at x = {low:.4f}, i.e. x + 1")
    #> smallest SiLU: -0.2785 at x = -1.2785, i.e. x + 1
    print("dY * s * (1 + X (1 - s)) == dY contracted with J == differences: True")
    #> dY * s * (1 + X (1 - s)) == dY contracted with J == differences: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
