"""Truncated BPTT is the exact gradient with the chunk-boundary states held constant."""

import numpy as np
from gradcheck import check_gradient


# --8<-- [start:forward]
def rnn_forward(X, H0, Wx, Wh, b):
    """X (N, K, D), H0 (N, M) -> H (N, K, M): H_k = tanh(H_{k-1} Wh + X_k Wx + b)."""
    N, K, _ = X.shape
    H = np.zeros((N, K, Wh.shape[0]))
    H_prev = H0
    for k in range(K):
        H_prev = np.tanh(H_prev @ Wh + X[:, k] @ Wx + b)
        H[:, k] = H_prev
    return H


# --8<-- [end:forward]


# --8<-- [start:backward]
def rnn_backward(dH, X, H0, Wx, Wh, H, K_trunc=None):
    """Full BPTT, or truncated: no gradient crosses into a chunk of K_trunc steps."""
    N, K, M = H.shape
    dX = np.zeros_like(X)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(M)
    dU = np.zeros((N, M))
    for k in reversed(range(K)):
        if K_trunc is not None and (k + 1) % K_trunc == 0:
            dU = np.zeros((N, M))  # H_k starts the next chunk detached: drop step k+1
        H_prev = H[:, k - 1] if k > 0 else H0
        dU = (dH[:, k] + dU @ Wh.T) * (1 - H[:, k] ** 2)
        dX[:, k] = dU @ Wx.T
        dWx += X[:, k].T @ dU
        dWh += H_prev.T @ dU
        db += dU.sum(axis=0)
    dH0 = dU @ Wh.T
    return dX, dH0, dWx, dWh, db


# --8<-- [end:backward]


# --8<-- [start:frozen]
def chunked_loss(Wh, X, H0, Wx, b, dH, starts, K_trunc):
    """L = <dH, H> with each chunk started from a constant state (PyTorch: detached)."""
    L = 0.0
    for c, H_start in enumerate(starts):  # H_start: numbers, not a function of Wh
        chunk = slice(c * K_trunc, (c + 1) * K_trunc)
        L += np.sum(dH[:, chunk] * rnn_forward(X[:, chunk], H_start, Wx, Wh, b))
    return L


# --8<-- [end:frozen]


def main():
    rng = np.random.default_rng(2)
    N, K, D, M = 3, 12, 4, 5
    X, H0 = rng.standard_normal((N, K, D)), rng.standard_normal((N, M))
    Wx, b = rng.standard_normal((D, M)) / np.sqrt(D), 0.1 * rng.standard_normal(M)
    Wh = rng.standard_normal((M, M)) / np.sqrt(M)
    H = rnn_forward(X, H0, Wx, Wh, b)
    dH = rng.standard_normal(H.shape)
    # --8<-- [start:check]
    K_trunc = 4  # three chunks of four steps
    full = rnn_backward(dH, X, H0, Wx, Wh, H)
    trunc = rnn_backward(dH, X, H0, Wx, Wh, H, K_trunc)
    starts = [H0] + [H[:, c * K_trunc - 1] for c in range(1, K // K_trunc)]
    check_gradient(  # truncated dWh: the true gradient of the chunked loss
        trunc[3], lambda W_: chunked_loss(W_, X, H0, Wx, b, dH, starts, K_trunc), Wh
    )
    gap = np.linalg.norm(full[3] - trunc[3]) / np.linalg.norm(full[3])
    assert gap > 1e-3
    print("truncated dWh == gradient with chunk starts held constant: True")
    #> truncated dWh == gradient with chunk starts held constant: True
    print(f"truncated dWh differs from full dWh by {gap:.0%} of its norm")
    #> truncated dWh differs from full dWh by 88% of its norm
    # a loss on the last state: the window is the last chunk
    dH_last = np.zeros_like(dH)
    dH_last[:, -1] = dH[:, -1]
    full = rnn_backward(dH_last, X, H0, Wx, Wh, H)
    trunc = rnn_backward(dH_last, X, H0, Wx, Wh, H, K_trunc)
    inside, outside = slice(K - K_trunc, K), slice(0, K - K_trunc)
    np.testing.assert_allclose(trunc[0][:, inside], full[0][:, inside], rtol=1e-12)
    assert not np.any(trunc[0][:, outside])
    print(f"dX_k: equal to full BPTT in the last {K_trunc} steps, 0 before them: True")
    #> dX_k: equal to full BPTT in the last 4 steps, 0 before them: True
    # the missing terms: the gradient reaching H_{K-K_trunc}, sent back through steps
    # 1 .. K-K_trunc by full BPTT on that prefix
    reaching = rnn_backward(
        dH_last[:, inside], X[:, inside], H[:, K - K_trunc - 1], Wx, Wh, H[:, inside]
    )[1]  # dH0 of the window: the gradient that the truncation drops
    dH_prefix = np.zeros((N, K - K_trunc, M))
    dH_prefix[:, -1] = reaching
    missing = rnn_backward(dH_prefix, X[:, outside], H0, Wx, Wh, H[:, outside])
    for name, f, t, m in zip(
        ["dWx", "dWh", "db"], full[2:], trunc[2:], missing[2:], strict=True
    ):
        np.testing.assert_allclose(f, t + m, rtol=1e-10, atol=1e-12, err_msg=name)
    print("full == truncated + missing terms, for dWx, dWh and db: True")
    #> full == truncated + missing terms, for dWx, dWh and db: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
