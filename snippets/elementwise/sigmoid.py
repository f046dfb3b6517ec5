"""Sigmoid: dY_nd/dX_pq = sigma'(X_nd) delta_np delta_dq, so dX = dY * Y * (1 - Y)."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def sigmoid_forward(X):
    """Y_nd = sigma(X_nd) = 1 / (1 + exp(-X_nd)), evaluated without overflow."""
    u = np.exp(-np.abs(X))  # e^-|x| lies in (0, 1]: it cannot overflow
    Y = np.where(X >= 0, 1.0 / (1.0 + u), u / (1.0 + u))  # x >= 0, x < 0
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def local_derivative(X):
    """sigma'(x) = e^-x / (1 + e^-x)^2 (quotient rule); sigma' is even: x -> |x|."""
    u = np.exp(-np.abs(X))  # np.exp(-X) would overflow for x < -709.78
    return u / (1.0 + u) ** 2


def jacobian(X):
    """J[n, d, p, q] = sigma'(X_nd) delta_np delta_dq: shape (N, D, N, D)."""
    N, D = X.shape
    return np.einsum("nd,np,dq->ndpq", local_derivative(X), np.eye(N), np.eye(D))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def sigmoid_backward(dY, Y):
    """dX = dY * sigma'(X) with sigma'(X) = Y (1 - Y), from the saved Y = sigma(X)."""
    dX = dY * Y * (1.0 - Y)
    return dX


# --8<-- [end:backward]


def fail_on_overflow(kind, flag):
    """For np.errstate(call=...): an overflow or an inf / inf fails the check."""
    raise AssertionError(f"floating-point {kind}: the formula overflows")


def show(values):
    return ", ".join(f"{value:.3g}" for value in values)


def main():
    rng = np.random.default_rng(2)
    N, D = 3, 4
    X = 2.0 * rng.standard_normal((N, D))
    dY = rng.standard_normal((N, D))  # the upstream gradient dL/dY

    # --8<-- [start:overflow]
    with np.errstate(over="ignore", invalid="ignore"):  # results, not warnings
        x = np.array([-800.0, 800.0])
        exp_minus_x = np.exp(-x)  # exp(800) = inf: an overflow
        textbook = 1.0 / (1.0 + np.exp(-x))
        other_form = np.exp(x) / (1.0 + np.exp(x))  # equal on paper
        quotient_rule = np.exp(-x) / (1.0 + np.exp(-x)) ** 2
    print(f"x = -800, 800: exp(-x) = {show(exp_minus_x)}")
    #> x = -800, 800: exp(-x) = inf, 0
    print(f"1 / (1 + exp(-x))          = {show(textbook)}")
    #> 1 / (1 + exp(-x))          = 0, 1
    print(f"exp(x) / (1 + exp(x))      = {show(other_form)}")
    #> exp(x) / (1 + exp(x))      = 0, nan
    print(f"exp(-x) / (1 + exp(-x))**2 = {show(quotient_rule)}")
    #> exp(-x) / (1 + exp(-x))**2 = nan, 0
    # --8<-- [end:overflow]

    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (3, 4, 3, 4), non-zero entries 12 of 144
    check_jacobian(J, sigmoid_forward, X)  # quotient rule vs central differences
    Y = sigmoid_forward(X)
    np.testing.assert_allclose(local_derivative(X), Y * (1.0 - Y), rtol=1e-12)
    dX = sigmoid_backward(dY, Y)  # reads Y only: X need not be kept for backward
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-15)
    check_vjp(sigmoid_forward, lambda v: sigmoid_backward(v, Y), X, rng)
    print("dY * Y * (1 - Y) == dY contracted with J == finite differences: True")
    #> dY * Y * (1 - Y) == dY contracted with J == finite differences: True
    print(f"largest slope: {local_derivative(np.array(0.0)):.2f} at x = 0")
    #> largest slope: 0.25 at x = 0

    # Far out, where exp(-x) or exp(x) overflows: any overflow fails the check.
    X_far = np.array([[-800.0, -30.0, 30.0, 800.0]])
    dY_far = rng.standard_normal(X_far.shape)
    with np.errstate(over="call", invalid="call", call=fail_on_overflow):
        Y_far = sigmoid_forward(X_far)
        slope_far = local_derivative(X_far)
        dX_far = sigmoid_backward(dY_far, Y_far)
    tail = np.exp(-np.abs(X_far))  # sigma(x) ~ e^x for x << 0, sigma' ~ e^-|x|
    np.testing.assert_allclose(Y_far, np.where(X_far < 0, tail, 1 - tail), rtol=1e-12)
    np.testing.assert_allclose(slope_far, tail, rtol=1e-12)
    np.testing.assert_allclose(dX_far, dY_far * tail, rtol=0.0, atol=1e-15)
    print(f"x = {show(X_far[0])}")
    #> x = -800, -30, 30, 800
    print(f"sigma(x)  = {show(Y_far[0])}")
    #> sigma(x)  = 0, 9.36e-14, 1, 1
    print(f"sigma'(x) = {show(slope_far[0])}, no overflow, no nan")
    #> sigma'(x) = 0, 9.36e-14, 9.36e-14, 0, no overflow, no nan
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
