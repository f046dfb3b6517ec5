"""The Hessian-vector product, forward over reverse: the JVP of the backward pass.

For L = mean cross-entropy of softmax(tanh(X W1) W2) against one-hot T, the
gradient (dW1, dW2) is a function of (W1, W2); its JVP along (W1dot, W2dot) is
the Hessian of L applied to (W1dot, W2dot). Each line of the backward pass gets a
tangent line by the product rule; the result equals central differences of the
gradient, and the Hessian built from it is symmetric.
"""

import numpy as np
from gradcheck import EPS, check_gradient, check_jacobian, human_bytes


# --8<-- [start:forward]
def log_softmax(Z):
    """log S row by row, from logits shifted by their row max."""
    Z = Z - Z.max(axis=1, keepdims=True)
    return Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))


def tanh_mlp_forward(W1, W2, X, T):
    """L = -(1/N) sum_nc T_nc log S_nc with S = softmax(tanh(X W1) W2)."""
    U = X @ W1  # (N, M)
    H = np.tanh(U)  # (N, M)
    Z = H @ W2  # (N, C)
    L = -np.sum(T * log_softmax(Z)) / X.shape[0]
    return L


# --8<-- [end:forward]


# --8<-- [start:backward]
def tanh_mlp_backward(dL=1.0, *, X, H, S, T, W2):
    """dW1 (D, M), dW2 (M, C) from what the forward pass keeps: X, H, S."""
    dZ = dL * (S - T) / X.shape[0]  # (N, C)
    dW2 = H.T @ dZ  # (M, C)
    dH = dZ @ W2.T  # (N, M)
    dU = dH * (1 - H**2)  # tanh' = 1 - tanh^2
    dW1 = X.T @ dU  # (D, M)
    return dW1, dW2


# --8<-- [end:backward]


# --8<-- [start:network]
def gradient(W1, W2, X, T):
    """(dW1, dW2) at (W1, W2): the forward pass keeps H, S; backward reads them."""
    H = np.tanh(X @ W1)
    S = np.exp(log_softmax(H @ W2))
    return tanh_mlp_backward(1.0, X=X, H=H, S=S, T=T, W2=W2)


# --8<-- [end:network]


# --8<-- [start:hvp]
def hvp(W1, W2, W1_dot, W2_dot, X, T):
    """The JVP of (dW1, dW2) along (W1_dot, W2_dot): the Hessian times them."""
    N = X.shape[0]
    # the forward pass, each line with its tangent (product rule)
    H = np.tanh(X @ W1)
    H_dot = (1 - H**2) * (X @ W1_dot)
    Z = H @ W2
    Z_dot = H_dot @ W2 + H @ W2_dot
    S = np.exp(log_softmax(Z))
    S_dot = S * (Z_dot - np.sum(S * Z_dot, axis=1, keepdims=True))  # softmax's JVP
    # the backward pass, each line with its tangent
    dZ = (S - T) / N
    dZ_dot = S_dot / N  # T is data: no tangent
    dW2_dot = H_dot.T @ dZ + H.T @ dZ_dot  # from dW2 = H^T dZ
    dH = dZ @ W2.T
    dH_dot = dZ_dot @ W2.T + dZ @ W2_dot.T  # from dH = dZ W2^T
    dU_dot = dH_dot * (1 - H**2) - 2 * dH * H * H_dot  # from dU = dH (1 - H^2)
    dW1_dot = X.T @ dU_dot  # from dW1 = X^T dU; X is data
    return dW1_dot, dW2_dot


# --8<-- [end:hvp]


# --8<-- [start:hessian]
def hessian_W1(W1, W2, X, T):
    """d(dW1)/dW1, shape (D, M, D, M): one HVP per entry of W1 (a jacfwd)."""
    D, M = W1.shape
    zero = np.zeros_like(W2)
    columns = [hvp(W1, W2, E.reshape(D, M), zero, X, T)[0] for E in np.eye(D * M)]
    return np.stack(columns, axis=-1).reshape(D, M, D, M)


# --8<-- [end:hessian]


def main():
    rng = np.random.default_rng(0)
    N, D, M, C = 6, 3, 4, 5  # all different: a misplaced axis is a shape error
    X = rng.standard_normal((N, D))
    T = np.eye(C)[rng.integers(0, C, N)]  # one-hot rows
    W1 = rng.standard_normal((D, M))
    W2 = rng.standard_normal((M, C))
    # --8<-- [start:check]
    dW1, dW2 = gradient(W1, W2, X, T)
    check_gradient(dW1, lambda W1_: tanh_mlp_forward(W1_, W2, X, T), W1)
    check_gradient(dW2, lambda W2_: tanh_mlp_forward(W1, W2_, X, T), W2)
    W1_dot, W2_dot = rng.standard_normal(W1.shape), rng.standard_normal(W2.shape)
    Hv1, Hv2 = hvp(W1, W2, W1_dot, W2_dot, X, T)
    plus = gradient(W1 + EPS * W1_dot, W2 + EPS * W2_dot, X, T)
    minus = gradient(W1 - EPS * W1_dot, W2 - EPS * W2_dot, X, T)
    for Hv, p, m in zip((Hv1, Hv2), plus, minus, strict=True):
        np.testing.assert_allclose(Hv, (p - m) / (2 * EPS), rtol=1e-6, atol=1e-9)
    print(f"HVP {Hv1.shape}, {Hv2.shape} == central differences of the gradient: True")
    #> HVP (3, 4), (4, 5) == central differences of the gradient: True
    H11 = hessian_W1(W1, W2, X, T)
    check_jacobian(H11, lambda W1_: gradient(W1_, W2, X, T)[0], W1)
    symmetric = np.allclose(H11, H11.transpose(2, 3, 0, 1), rtol=1e-12, atol=1e-14)
    assert symmetric
    print(
        f"Hessian block d(dW1)/dW1 {H11.shape} from {D * M} HVPs, symmetric: {symmetric}"
    )
    #> Hessian block d(dW1)/dW1 (3, 4, 3, 4) from 12 HVPs, symmetric: True
    # --8<-- [end:check]
    # --8<-- [start:cost]
    D, M, C = 784, 1024, 10  # MNIST-sized, as in A network trained by hand
    n_params = D * M + M + M * C + C  # biases included
    hessian, one = human_bytes(8 * n_params**2), human_bytes(8 * n_params)
    print(f"{n_params:,} parameters: Hessian {hessian}, one HVP {one}")
    print(
        f"Jacobian of the {C} logits of one example: {human_bytes(8 * C * n_params)}, {C} VJPs"
    )
    #> 814,090 parameters: Hessian 4.82 TiB, one HVP 6.21 MiB
    #> Jacobian of the 10 logits of one example: 62.1 MiB, 10 VJPs
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
