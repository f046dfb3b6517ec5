"""Multi-head self-attention: dX = dQ W_q^T + dK W_k^T + dV W_v^T, the three uses of X."""

import numpy as np
from gradcheck import check_gradient, check_vjp


# --8<-- [start:heads]
def split_heads(X, N_head):
    """(..., T, D) -> (..., N_head, T, D_head): a reshape, then a swap of two axes."""
    *lead, T, D = X.shape
    X4 = X.reshape(*lead, T, N_head, D // N_head)  # column k * D_head + d: head k
    return np.swapaxes(X4, -3, -2)


def merge_heads(Y):
    """(..., N_head, T, D_head) -> (..., T, D): the inverse of split_heads."""
    *lead, N_head, T, D_head = Y.shape
    return np.swapaxes(Y, -3, -2).reshape(*lead, T, N_head * D_head)


# --8<-- [end:heads]


# --8<-- [start:forward]
def attention_weights(Q, K, mask=None):
    """S = softmax(Q K^T / sqrt(D_head)), masked rows as in attention.py."""
    Z = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        Z = np.where(mask, Z, -np.inf)
    zhat = np.max(Z, axis=-1, keepdims=True)
    E = np.exp(Z - np.where(np.isfinite(zhat), zhat, 0.0))
    omega = np.sum(E, axis=-1, keepdims=True)
    S = E / np.where(omega > 0, omega, 1.0)
    return S


def attention_forward(Q, K, V, mask=None):
    """Y = S V for every head: (..., N_head, T, D_head)."""
    Y = attention_weights(Q, K, mask) @ V
    return Y


def multi_head_attention_forward(X, W_q, W_k, W_v, W_o, N_head, mask=None):
    """X (..., T, D), W_* (D, D) -> Y (..., T, D); mask: to (..., N_head, T, T)."""
    Q = split_heads(X @ W_q, N_head)  # (..., N_head, T, D_head)
    K = split_heads(X @ W_k, N_head)
    V = split_heads(X @ W_v, N_head)
    Y_heads = attention_forward(Q, K, V, mask)  # every head at once
    Y = merge_heads(Y_heads) @ W_o  # (..., T, D) @ (D, D)
    return Y


# --8<-- [end:forward]


# --8<-- [start:backward]
def attention_backward(dY, Q, K, V, mask=None):
    """The same function as in attention.py, repeated so that this file runs alone."""
    S = attention_weights(Q, K, mask)
    dV = np.swapaxes(S, -1, -2) @ dY
    dS = dY @ np.swapaxes(V, -1, -2)
    dZ = S * (dS - np.sum(dS * S, axis=-1, keepdims=True))
    dQ = dZ @ K / np.sqrt(Q.shape[-1])
    dK = np.swapaxes(dZ, -1, -2) @ Q / np.sqrt(Q.shape[-1])
    return dQ, dK, dV


def multi_head_attention_backward(dY, X, W_q, W_k, W_v, W_o, N_head, mask=None):
    """dY (..., T, D) -> dX, dW_q, dW_k, dW_v, dW_o. Recomputes Q, K, V and S."""
    D = X.shape[-1]
    Q = split_heads(X @ W_q, N_head)
    K = split_heads(X @ W_k, N_head)
    V = split_heads(X @ W_v, N_head)
    Y_cat = merge_heads(attention_forward(Q, K, V, mask))  # the input of W_o
    # Y = Y_cat W_o, a linear layer: the batch sum runs over every leading axis
    dW_o = Y_cat.reshape(-1, D).T @ dY.reshape(-1, D)
    dY_heads = split_heads(dY @ W_o.T, N_head)  # merge's backward is split
    dQ, dK, dV = attention_backward(dY_heads, Q, K, V, mask)
    dQ, dK, dV = merge_heads(dQ), merge_heads(dK), merge_heads(dV)  # (..., T, D)
    X2 = X.reshape(-1, D)
    dW_q = X2.T @ dQ.reshape(-1, D)
    dW_k = X2.T @ dK.reshape(-1, D)
    dW_v = X2.T @ dV.reshape(-1, D)
    dX = dQ @ W_q.T + dK @ W_k.T + dV @ W_v.T  # X feeds three projections
    return dX, dW_q, dW_k, dW_v, dW_o


# --8<-- [end:backward]


def one_input(inputs, k, N_head, mask):
    """Y as a function of inputs[k] alone (X, W_q, W_k, W_v or W_o), the rest fixed."""
    return lambda A: multi_head_attention_forward(
        *inputs[:k], A, *inputs[k + 1 :], N_head, mask
    )


def one_gradient(inputs, k, N_head, mask):
    """dY -> the gradient of inputs[k]: the backward pass, one output kept."""
    return lambda dY: multi_head_attention_backward(dY, *inputs, N_head, mask)[k]


def main():
    rng = np.random.default_rng(2)
    # --8<-- [start:check]
    N, T, D, N_head = 2, 3, 4, 2  # tiny, for finite differences on every input
    X = rng.standard_normal((N, T, D))
    Ws = [rng.standard_normal((D, D)) / np.sqrt(D) for _ in range(4)]  # W_q..W_o
    causal = np.tril(np.ones((T, T), dtype=bool))
    assert np.array_equal(merge_heads(split_heads(X, N_head)), X)
    print(f"split_heads: {X.shape} -> {split_heads(X, N_head).shape}, merge back")
    #> split_heads: (2, 3, 4) -> (2, 2, 3, 2), merge back
    inputs = [X, *Ws]
    dY = rng.standard_normal((N, T, D))
    grads = multi_head_attention_backward(dY, *inputs, N_head, causal)
    for k, (A, dA) in enumerate(zip(inputs, grads, strict=True)):
        f = one_input(inputs, k, N_head, causal)  # Y as a function of input k alone
        check_gradient(dA, lambda A_, f=f: np.sum(dY * f(A_)), A)  # L = <dY, Y>
    print("dX, dW_q, dW_k, dW_v, dW_o == finite differences: True")
    #> dX, dW_q, dW_k, dW_v, dW_o == finite differences: True

    N, T, D, N_head = 4, 32, 64, 8  # a realistic size: the dot-product test
    X = rng.standard_normal((N, T, D))
    Ws = [rng.standard_normal((D, D)) / np.sqrt(D) for _ in range(4)]
    inputs = [X, *Ws]
    pad = np.arange(T) < rng.integers(1, T + 1, N)[:, None]  # (N, T) real keys
    mask = np.tril(np.ones((T, T), dtype=bool)) & pad[:, None, None, :]  # (N,1,T,T)
    for k, A in enumerate(inputs):
        f, vjp = (
            one_input(inputs, k, N_head, mask),
            one_gradient(inputs, k, N_head, mask),
        )
        check_vjp(f, vjp, A, rng)
    print(f"dot-product test, X {X.shape}, {N_head} heads, causal + padding: passed")
    #> dot-product test, X (4, 32, 64), 8 heads, causal + padding: passed
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
