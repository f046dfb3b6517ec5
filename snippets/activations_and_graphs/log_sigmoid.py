"""Log-sigmoid: Y = log sigma(X) = min(X, 0) - log(1 + e^-|X|), dX = dY * sigma(-X)."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian


def sigmoid(X):
    """sigma(x) with the exponent shifted to -|x|: no overflow (elementwise page)."""
    u = np.exp(-np.abs(X))
    return np.where(X >= 0, 1.0 / (1.0 + u), u / (1.0 + u))


# --8<-- [start:forward]
def log_sigmoid_forward(X):
    """Y = log sigma(X) = -log(1 + e^-x), written with no positive exponent."""
    Y = np.minimum(X, 0.0) - np.log1p(np.exp(-np.abs(X)))
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(X):
    """J[n, d, p, q] = sigma(-X_nd) delta_np delta_dq: (log sigma)' = 1 - sigma."""
    N, D = X.shape
    return np.einsum("nd,np,dq->ndpq", sigmoid(-X), np.eye(N), np.eye(D))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def log_sigmoid_backward(dY, X):
    """dX = dY * sigma(-X): 1 - sigma(X) without the cancellation of 1 - 1.0."""
    dX = dY * sigmoid(-X)
    return dX


# --8<-- [end:backward]


def fail_on_overflow(kind, flag):
    """For np.errstate(call=...): an overflow or an invalid operation fails."""
    raise AssertionError(f"floating-point {kind}: the formula overflows")


def show(values):
    return ", ".join(f"{value:.3g}" for value in values)


def main():
    rng = np.random.default_rng(2)
    X = 2.0 * rng.standard_normal((2, 3))
    dY = rng.standard_normal((2, 3))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    J = jacobian(X)
    check_jacobian(J, log_sigmoid_forward, X)  # central differences
    np.testing.assert_allclose(
        log_sigmoid_forward(X), np.log(1.0 / (1.0 + np.exp(-X))), rtol=1e-12
    )  # the textbook form, where it works
    dX = log_sigmoid_backward(dY, X)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12)
    X_big = 3.0 * rng.standard_normal((64, 768))
    check_vjp(log_sigmoid_forward, lambda v: log_sigmoid_backward(v, X_big), X_big, rng)
    print("dY * sigma(-X) == dY contracted with J == finite differences: True")
    #> dY * sigma(-X) == dY contracted with J == finite differences: True

    # Far out: an overflow fails the check, and the tails are known exactly.
    X_far = np.array([[-800.0, -40.0, 40.0, 800.0]])
    dY_far = rng.standard_normal(X_far.shape)
    with np.errstate(over="call", invalid="call", divide="call", call=fail_on_overflow):
        Y_far = log_sigmoid_forward(X_far)
        dX_far = log_sigmoid_backward(dY_far, X_far)
    tail = np.exp(-np.abs(X_far))  # log sigma(x) ~ x for x << 0, ~ -e^-x for x >> 0
    np.testing.assert_allclose(Y_far, np.where(X_far < 0, X_far, -tail), rtol=1e-12)
    np.testing.assert_allclose(
        dX_far, dY_far * np.where(X_far < 0, 1.0, tail), rtol=1e-12
    )
    print(f"x            = {show(X_far[0])}")
    #> x            = -800, -40, 40, 800
    print(f"log sigma(x) = {show(Y_far[0])}")
    #> log sigma(x) = -800, -40, -4.25e-18, 0
    print(f"sigma(-x)    = {show(dX_far[0] / dY_far[0])}, no overflow, no -inf")
    #> sigma(-x)    = 1, 1, 4.25e-18, 0, no overflow, no -inf
    # --8<-- [end:check]
    # --8<-- [start:pitfall]
    with np.errstate(over="ignore", divide="ignore"):
        naive = np.log(1.0 / (1.0 + np.exp(-X_far)))  # sigma first, then the log
        naive_slope = 1.0 - 1.0 / (1.0 + np.exp(-X_far))  # 1 - sigma(x)
    print(f"log(sigma(x)) = {show(naive[0])}")
    #> log(sigma(x)) = -inf, -40, 0, 0
    print(f"1 - sigma(x)  = {show(naive_slope[0])}")
    #> 1 - sigma(x)  = 1, 1, 0, 0
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
