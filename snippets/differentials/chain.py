"""S = softmax(tanh(X W1 + b1) W2 + b2): its backward is the adjoints, reversed."""

import numpy as np
from gradcheck import check_vjp


def inner(first, second):
    """<first, second>: the sum of first * second over all entries (Frobenius)."""
    return np.sum(first * second)


def softmax(Z):
    """Row by row, with the max shift."""
    expZ = np.exp(Z - np.max(Z, axis=-1, keepdims=True))
    return expZ / np.sum(expZ, axis=-1, keepdims=True)


# --8<-- [start:forward]
def mlp_forward(X, W1, b1, W2, b2):
    """U = X W1 + b1, H = tanh(U), Z = H W2 + b2, S = softmax(Z)."""
    H = np.tanh(X @ W1 + b1)
    S = softmax(H @ W2 + b2)
    return S


def mlp_tangent(X, W1, W2, H, S, X_dot, W1_dot, b1_dot, W2_dot, b2_dot):
    """The tangents pushed forward, in the order of the forward pass."""
    U_dot = X_dot @ W1 + X @ W1_dot + b1_dot
    H_dot = (1 - H**2) * U_dot
    Z_dot = H_dot @ W2 + H @ W2_dot + b2_dot
    S_dot = S * (Z_dot - np.sum(S * Z_dot, axis=-1, keepdims=True))
    return S_dot


# --8<-- [end:forward]


# --8<-- [start:backward]
def mlp_backward(dS, X, W1, W2, H, S):
    """Each step's adjoint, in the reverse order: softmax's first, X W1's last."""
    dZ = S * (dS - np.sum(S * dS, axis=-1, keepdims=True))  # softmax's adjoint
    dH, dW2, db2 = dZ @ W2.T, H.T @ dZ, dZ.sum(axis=0)  # the second layer's
    dU = dH * (1 - H**2)  # tanh's
    dX, dW1, db1 = dU @ W1.T, X.T @ dU, dU.sum(axis=0)  # the first layer's
    return dX, dW1, db1, dW2, db2


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(5)
    # --8<-- [start:check]
    N, D, M, C = 64, 32, 48, 10
    X = rng.standard_normal((N, D))
    W1, b1 = rng.standard_normal((D, M)) / np.sqrt(D), rng.standard_normal(M)
    W2, b2 = rng.standard_normal((M, C)) / np.sqrt(M), rng.standard_normal(C)
    params = (X, W1, b1, W2, b2)
    H = np.tanh(X @ W1 + b1)  # what the forward pass keeps for the backward
    S = mlp_forward(*params)
    dS = rng.standard_normal((N, C))
    grads = mlp_backward(dS, X, W1, W2, H, S)
    tangents = [rng.standard_normal(V.shape) for V in params]
    h = 1e-6  # the tangent is the derivative along all five tangents at once
    S_plus = mlp_forward(
        *(V + h * V_dot for V, V_dot in zip(params, tangents, strict=True))
    )
    S_minus = mlp_forward(
        *(V - h * V_dot for V, V_dot in zip(params, tangents, strict=True))
    )
    S_dot = mlp_tangent(X, W1, W2, H, S, *tangents)
    np.testing.assert_allclose(
        (S_plus - S_minus) / (2 * h), S_dot, rtol=1e-6, atol=1e-9
    )
    for _ in range(3):  # <dS, S_dot> == sum of <dV, V_dot> over all five inputs
        tangents = [rng.standard_normal(V.shape) for V in params]
        L_dot = inner(dS, mlp_tangent(X, W1, W2, H, S, *tangents))
        read_off = sum(
            inner(dV, V_dot) for dV, V_dot in zip(grads, tangents, strict=True)
        )
        np.testing.assert_allclose(read_off, L_dot, rtol=1e-10)
    print("<dS, S_dot> == <dX, X_dot> + <dW1, W1_dot> + ... + <db2, b2_dot>: True")
    #> <dS, S_dot> == <dX, X_dot> + <dW1, W1_dot> + ... + <db2, b2_dot>: True
    for i, V in enumerate(params):  # the dot-product test, one input at a time
        check_vjp(
            lambda V_, i=i: mlp_forward(*params[:i], V_, *params[i + 1 :]),
            lambda dS_, i=i: mlp_backward(dS_, X, W1, W2, H, S)[i],
            V,
            rng,
        )
    print("check_vjp for X, W1, b1, W2, b2: True")
    #> check_vjp for X, W1, b1, W2, b2: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
