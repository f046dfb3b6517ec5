"""tanh: dY_nd/dX_pq = (1 - tanh(X_nd)^2) delta_np delta_dq, so dX = dY * (1 - Y^2)."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def tanh_forward(X):
    """Y_nd = tanh(X_nd): np.tanh returns -1 or 1 far out, it never overflows."""
    Y = np.tanh(X)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def local_derivative(X):
    """tanh'(x) = 1 / cosh(x)^2 = 4 e^-2|x| / (1 + e^-2|x|)^2, without overflow."""
    u = np.exp(-2.0 * np.abs(X))  # np.cosh(x) ** 2 overflows for |x| > 355.6
    return 4.0 * u / (1.0 + u) ** 2


def jacobian(X):
    """J[n, d, p, q] = tanh'(X_nd) delta_np delta_dq: shape (N, D, N, D)."""
    N, D = X.shape
    return np.einsum("nd,np,dq->ndpq", local_derivative(X), np.eye(N), np.eye(D))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def tanh_backward(dY, Y):
    """dX = dY * (1 - Y^2), from the saved output Y = tanh(X)."""
    dX = dY * (1.0 - Y**2)
    return dX


# --8<-- [end:backward]


def fail_on_overflow(kind, flag):
    """For np.errstate(call=...): an overflow or an inf / inf fails the check."""
    raise AssertionError(f"floating-point {kind}: the formula overflows")


def show(values):
    return ", ".join(f"{value:.3g}" for value in values)


def main():
    rng = np.random.default_rng(3)
    N, D = 3, 4
    X = rng.standard_normal((N, D))
    dY = rng.standard_normal((N, D))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (3, 4, 3, 4), non-zero entries 12 of 144
    check_jacobian(J, tanh_forward, X)  # 1 / cosh^2 against central differences
    np.testing.assert_allclose(local_derivative(X), 1 / np.cosh(X) ** 2, rtol=1e-12)
    Y = tanh_forward(X)
    dX = tanh_backward(dY, Y)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-15)
    check_vjp(tanh_forward, lambda v: tanh_backward(v, Y), X, rng)  # dot-product test
    print("dY * (1 - Y**2) == dY contracted with J == finite differences: True")
    #> dY * (1 - Y**2) == dY contracted with J == finite differences: True

    # Far out, where np.cosh(x) ** 2 overflows: any overflow fails the check.
    X_far = np.array([[-800.0, -20.0, 20.0, 800.0]])
    dY_far = rng.standard_normal(X_far.shape)
    with np.errstate(over="call", invalid="call", call=fail_on_overflow):
        Y_far = tanh_forward(X_far)
        slope_far = local_derivative(X_far)
        dX_far = tanh_backward(dY_far, Y_far)
    tail = 4.0 * np.exp(-2.0 * np.abs(X_far))  # tanh'(x) ~ 4 e^-2|x| far out
    np.testing.assert_allclose(Y_far, np.sign(X_far), rtol=1e-12)
    np.testing.assert_allclose(slope_far, tail, rtol=1e-12)
    np.testing.assert_allclose(dX_far, dY_far * tail, rtol=0.0, atol=1e-15)
    print(f"x = {show(X_far[0])}")
    #> x = -800, -20, 20, 800
    print(f"tanh(x)  = {show(Y_far[0])}")
    #> tanh(x)  = -1, -1, 1, 1
    print(f"tanh'(x) = {show(slope_far[0])}, no overflow, no nan")
    #> tanh'(x) = 0, 1.7e-17, 1.7e-17, 0, no overflow, no nan
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
