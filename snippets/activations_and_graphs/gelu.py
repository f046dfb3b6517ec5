"""GELU: Y = X Phi(X), dX = dY * (Phi(X) + X phi(X)); its tanh approximation differs."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, vjp_from_jacobian

SQRT_2_OVER_PI = np.sqrt(2.0 / np.pi)  # 0.7978845608...: the tanh form's constant


# --8<-- [start:forward]
def erf(x):
    """erf(x) = 2/sqrt(pi) e^(-x^2) sum_k (2 x^2)^k x / (1 3 5 ... (2k+1)).

    Every term of the series has the sign of x, so nothing cancels: the error is
    below 3e-15 on the whole line (measured against Python's math.erf).
    For |x| >= 6, erf(x) rounds to +-1 in float64, so x is clipped there.
    """
    x = np.clip(x, -6.0, 6.0)
    x2 = x * x
    term = x.copy()
    total = x.copy()
    for k in range(1, 100):  # 100 terms reach float64 accuracy at |x| = 6
        term = term * (2.0 * x2) / (2 * k + 1)
        total = total + term
    return 2.0 / np.sqrt(np.pi) * np.exp(-x2) * total


def gelu_forward(X):
    """The exact GELU, PyTorch's default: Y = X Phi(X), Phi the normal CDF."""
    Y = 0.5 * X * (1.0 + erf(X / np.sqrt(2.0)))
    return Y


def gelu_tanh_forward(X):
    """GELU with approximate='tanh' (GPT-2): 0.5 X (1 + tanh(sqrt(2/pi)(X + a X^3)))."""
    Y = 0.5 * X * (1.0 + np.tanh(SQRT_2_OVER_PI * (X + 0.044715 * X * X * X)))
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def gelu_derivative(X):
    """GELU'(x) = Phi(x) + x phi(x): the product rule on x * Phi(x)."""
    Phi = 0.5 * (1.0 + erf(X * np.sqrt(0.5)))  # the normal CDF
    phi = np.exp(-0.5 * X**2) / np.sqrt(2.0 * np.pi)  # the normal density, Phi'
    return Phi + X * phi


def gelu_tanh_derivative(X):
    """The derivative of the tanh form itself, not of the exact GELU."""
    th = np.tanh(SQRT_2_OVER_PI * (X + 0.044715 * X * X * X))
    du = SQRT_2_OVER_PI * (1.0 + 3.0 * 0.044715 * X**2)  # d/dx of tanh's argument
    return 0.5 * (1.0 + th) + 0.5 * X * (1.0 - th**2) * du


def jacobian(local_derivative, X):
    """J[n, d, p, q] = f'(X_nd) delta_np delta_dq: shape (N, D, N, D), diagonal."""
    N, D = X.shape
    return np.einsum("nd,np,dq->ndpq", local_derivative(X), np.eye(N), np.eye(D))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def gelu_backward(dY, X):
    """dX = dY * (Phi(X) + X phi(X)), from the saved input X."""
    dX = dY * gelu_derivative(X)
    return dX


def gelu_tanh_backward(dY, X):
    """dX = dY * (the tanh form)'(X): the derivative of what the forward computed."""
    dX = dY * gelu_tanh_derivative(X)
    return dX


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(0)
    N, D = 2, 3
    X = 2.0 * rng.standard_normal((N, D))
    dY = rng.standard_normal((N, D))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    reference = {
        0.5: 0.5204998778130465,
        1.0: 0.8427007929497149,
        3.0: 0.9999779095030014,
    }
    x_ref = np.array(list(reference))
    np.testing.assert_allclose(erf(x_ref), list(reference.values()), rtol=1e-14)
    np.testing.assert_allclose(erf(-x_ref), -erf(x_ref), rtol=0.0)  # erf is odd
    pairs = [
        (gelu_forward, gelu_derivative, gelu_backward),
        (gelu_tanh_forward, gelu_tanh_derivative, gelu_tanh_backward),
    ]
    for forward, derivative, backward in pairs:
        J = jacobian(derivative, X)  # small: (2, 3, 2, 3)
        check_jacobian(J, forward, X)  # against central differences
        dX = backward(dY, X)
        np.testing.assert_allclose(dX, vjp_from_jacobian(dY, J), rtol=1e-12)
        X_big = 2.0 * rng.standard_normal((64, 768))  # a realistic (N, D)
        check_vjp(forward, lambda v, X_big=X_big, b=backward: b(v, X_big), X_big, rng)
    print(f"J: shape {J.shape}, non-zero entries {np.count_nonzero(J)} of {J.size}")
    #> J: shape (2, 3, 2, 3), non-zero entries 6 of 36
    print("both backwards == dY contracted with J == finite differences: True")
    #> both backwards == dY contracted with J == finite differences: True
    # --8<-- [end:check]
    # --8<-- [start:compare]
    x = np.linspace(-6.0, 6.0, 120_001)
    gap = gelu_forward(x) - gelu_tanh_forward(x)
    slope_gap = gelu_derivative(x) - gelu_tanh_derivative(x)
    i, j = np.argmax(np.abs(gap)), np.argmax(np.abs(slope_gap))
    print(f"largest |GELU - GELU_tanh|   = {abs(gap[i]):.2e} at x = ±{abs(x[i]):.2f}")
    #> largest |GELU - GELU_tanh|   = 4.73e-04 at x = ±2.70
    print(
        f"largest |GELU' - GELU_tanh'| = {abs(slope_gap[j]):.2e} "
        f"at x = ±{abs(x[j]):.2f}"
    )
    #> largest |GELU' - GELU_tanh'| = 8.68e-04 at x = ±2.02
    X_ = 2.0 * rng.standard_normal((64, 768))
    dY_ = rng.standard_normal(X_.shape)
    mixed = gelu_backward(dY_, X_)  # exact derivative behind a tanh forward
    right = gelu_tanh_backward(dY_, X_)
    relative = np.max(np.abs(mixed - right)) / np.max(np.abs(right))
    print(f"exact backward behind a tanh forward: off by {relative:.1e} (relative)")
    #> exact backward behind a tanh forward: off by 7.1e-04 (relative)
    # --8<-- [end:compare]


if __name__ == "__main__":
    main()
