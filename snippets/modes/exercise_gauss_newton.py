"""For L = |y|^2 / 2 with y = f(x) a ReLU network: grad L = J^T y, Hessian = J^T J.

The gradient is one VJP with dy = y. Each y_i is piecewise linear in x, so its
second derivative is zero away from the kinks, and the Hessian-vector product
along xdot is J^T (J xdot): one JVP, then one VJP.
"""

import numpy as np
from gradcheck import EPS, check_gradient


def mlp_forward(x, W1, b1, W2, b2):
    U = x @ W1 + b1
    y = np.maximum(U, 0.0) @ W2 + b2
    return y


def mlp_jvp(x_dot, U, W1, W2):
    return ((x_dot @ W1) * (U > 0)) @ W2


def mlp_backward(dy, U, W1, W2):
    dx = ((dy @ W2.T) * (U > 0)) @ W1.T
    return dx


def half_square_loss(x, W1, b1, W2, b2):
    """L = |y|^2 / 2, y = f(x)."""
    return 0.5 * np.sum(mlp_forward(x, W1, b1, W2, b2) ** 2)


def half_square_gradient(x, W1, b1, W2, b2):
    """dx = J^T y: one VJP, with dy = dL/dy = y."""
    y = mlp_forward(x, W1, b1, W2, b2)
    return mlp_backward(y, x @ W1 + b1, W1, W2)


def main():
    rng = np.random.default_rng(2)
    D_in, M, M_out = 1000, 64, 10
    W1 = rng.standard_normal((D_in, M)) / np.sqrt(D_in)
    b1 = rng.standard_normal(M)
    W2 = rng.standard_normal((M, M_out)) / np.sqrt(M)
    b2 = rng.standard_normal(M_out)
    x = rng.standard_normal(D_in)
    # --8<-- [start:solution]
    U = x @ W1 + b1
    assert np.abs(U).min() > 1e3 * EPS, "keep the finite differences off the kinks"
    params = (W1, b1, W2, b2)
    check_gradient(
        half_square_gradient(x, *params), lambda x_: half_square_loss(x_, *params), x
    )
    x_dot = rng.standard_normal(D_in)
    hvp = mlp_backward(mlp_jvp(x_dot, U, W1, W2), U, W1, W2)  # J^T (J x_dot)
    plus, minus = (
        half_square_gradient(x_, *params) for x_ in (x + EPS * x_dot, x - EPS * x_dot)
    )
    fd = (plus - minus) / (2 * EPS)
    np.testing.assert_allclose(hvp, fd, rtol=1e-6, atol=1e-9)
    print(f"grad: 1 VJP; HVP {hvp.shape}: 1 JVP + 1 VJP == differences of grad: True")
    #> grad: 1 VJP; HVP (1000,): 1 JVP + 1 VJP == differences of grad: True
    # --8<-- [end:solution]


if __name__ == "__main__":
    main()
