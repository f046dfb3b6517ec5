"""Softplus (the exercise): f(x) = log(1 + e^x), f' = sigma(x): dX = dY * sigma(X)."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def softplus_forward(X):
    """Y_nd = log(1 + exp(X_nd)): np.logaddexp(0, x) never overflows."""
    Y = np.logaddexp(0.0, X)
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[n, d, p, q] = sigma(X_nd) delta_np delta_dq: shape (N, D, N, D), diagonal."""
    N, D = X.shape
    u = np.exp(-np.abs(X))  # f'(x) = e^x / (1 + e^x) = sigma(x), no overflow
    slope = np.where(X >= 0, 1.0 / (1.0 + u), u / (1.0 + u))
    return np.einsum("nd,np,dq->ndpq", slope, np.eye(N), np.eye(D))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def softplus_backward(dY, Y):
    """dX = dY * sigma(X), and sigma(X) = 1 - exp(-Y) comes from the saved output Y."""
    dX = dY * -np.expm1(-Y)  # 1 - exp(-Y), accurate when Y is tiny; Y >= 0
    return dX


# --8<-- [end:backward]


def fail_on_overflow(kind, flag):
    """For np.errstate(call=...): an overflow or an inf / inf fails the check."""
    raise AssertionError(f"floating-point {kind}: the formula overflows")


def show(values):
    return ", ".join(f"{value:.3g}" for value in values)


def main():
    rng = np.random.default_rng(4)
    X = rng.standard_normal((2, 3))
    dY = rng.standard_normal((2, 3))
    # --8<-- [start:check]
    J = jacobian(X)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (2, 3, 2, 3), non-zero entries 6 of 36
    check_jacobian(J, softplus_forward, X)
    Y = softplus_forward(X)
    dX = softplus_backward(dY, Y)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-15)
    check_vjp(softplus_forward, lambda v: softplus_backward(v, Y), X, rng)
    print("dY * (1 - exp(-Y)) == dY contracted with J == finite differences: True")
    #> dY * (1 - exp(-Y)) == dY contracted with J == finite differences: True

    # Far out, where exp(x) or exp(-x) overflows: any overflow fails the check.
    X_far = np.array([[-800.0, -30.0, 30.0, 800.0]])
    dY_far = rng.standard_normal((1, 4))
    with np.errstate(over="call", invalid="call", call=fail_on_overflow):
        Y_far = softplus_forward(X_far)
        slope_far = np.einsum("ndnd->nd", jacobian(X_far))  # the diagonal, sigma(x)
        dX_far = softplus_backward(dY_far, Y_far)
    tail = np.exp(-np.abs(X_far))  # log(1 + e^x) ~ e^x for x << 0, x + e^-x for x >> 0
    np.testing.assert_allclose(Y_far, np.maximum(X_far, 0.0) + tail, rtol=1e-12)
    np.testing.assert_allclose(
        slope_far, np.where(X_far < 0, tail, 1 - tail), rtol=1e-12
    )
    np.testing.assert_allclose(dX_far, dY_far * slope_far, rtol=1e-12)
    print(f"x = {show(X_far[0])}")
    #> x = -800, -30, 30, 800
    print(f"softplus(x) = {show(Y_far[0])}")
    #> softplus(x) = 0, 9.36e-14, 30, 800
    print(f"sigma(x)    = {show(slope_far[0])}, no overflow, no nan")
    #> sigma(x)    = 0, 9.36e-14, 1, 1, no overflow, no nan
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
