"""BPTT for H_k = tanh(H_{k-1} W_h + X_k W_x + b): dW_h = sum_k H_{k-1}^T dU_k."""

import numpy as np
from gradcheck import check_gradient, check_jacobian, check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def rnn_forward(X, H0, Wx, Wh, b):
    """X (N, K, D), H0 (N, M) -> H (N, K, M); H[:, k] is H_{k+1} (from 0)."""
    N, K, _ = X.shape
    H = np.zeros((N, K, Wh.shape[0]))
    H_prev = H0
    for k in range(K):  # the same Wx, Wh, b at every step
        H_prev = np.tanh(H_prev @ Wh + X[:, k] @ Wx + b)
        H[:, k] = H_prev
    return H


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_wrt_Wh(X, H0, Wx, Wh, b):
    """J[n, k, m, p, q] = dH_k,nm / dWh_pq, built forward in time: (N, K, M, M, M)."""
    H = rnn_forward(X, H0, Wx, Wh, b)
    N, K, M = H.shape
    J = np.zeros((N, K, M, M, M))
    J_prev = np.zeros((N, M, M, M))  # H_0 does not depend on Wh
    for k in range(K):
        H_prev = H[:, k - 1] if k > 0 else H0
        direct = np.einsum("np,mq->nmpq", H_prev, np.eye(M))  # Wh used at step k
        through = np.einsum("nrpq,rm->nmpq", J_prev, Wh)  # Wh used before, via H_prev
        J_prev = (1 - H[:, k] ** 2)[:, :, None, None] * (direct + through)
        J[:, k] = J_prev
    return J


def jacobian_wrt_X(X, H0, Wx, Wh, b):
    """J[n, k, m, p, j, d] = dH_k,nm / dX_j,pd: (N, K, M, N, K, D), zero for j > k."""
    H = rnn_forward(X, H0, Wx, Wh, b)
    N, K, D = X.shape
    M = Wh.shape[0]
    J = np.zeros((N, K, M, N, K, D))
    J_prev = np.zeros((N, M, N, K, D))
    for k in range(K):
        direct = np.zeros((N, M, N, K, D))
        direct[:, :, :, k, :] = np.einsum("np,dm->nmpd", np.eye(N), Wx)  # X_k itself
        through = np.einsum("nrpjd,rm->nmpjd", J_prev, Wh)  # earlier X_j, via H_prev
        J_prev = (1 - H[:, k] ** 2)[:, :, None, None, None] * (direct + through)
        J[:, k] = J_prev
    return J


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def rnn_backward(dH, X, H0, Wx, Wh, H):
    """dH (N, K, M) -> dX (N, K, D), dH0 (N, M), dWx, dWh, db: the inputs' shapes."""
    N, K, M = H.shape
    dX = np.zeros_like(X)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(M)
    dU = np.zeros((N, M))  # dU_{K+1}: no step after the last one
    for k in reversed(range(K)):
        H_prev = H[:, k - 1] if k > 0 else H0
        dU = (dH[:, k] + dU @ Wh.T) * (1 - H[:, k] ** 2)  # its own dH_k + step k+1's
        dX[:, k] = dU @ Wx.T
        dWx += X[:, k].T @ dU  # one term per step: the weights are shared in time
        dWh += H_prev.T @ dU
        db += dU.sum(axis=0)
    dH0 = dU @ Wh.T
    return dX, dH0, dWx, dWh, db


# --8<-- [end:backward]


def one_input(f, inputs, i):
    """f as a function of its i-th input alone, the other inputs held fixed."""
    return lambda V_: f(*inputs[:i], V_, *inputs[i + 1 :])


def main():
    rng = np.random.default_rng(1)
    N, K, D, M = 2, 4, 3, 5  # small: the Jacobians are built in full
    X, H0 = rng.standard_normal((N, K, D)), 0.5 * rng.standard_normal((N, M))
    Wx, b = rng.standard_normal((D, M)), 0.1 * rng.standard_normal(M)
    Wh = rng.standard_normal((M, M)) / np.sqrt(M)
    # --8<-- [start:jacobian_check]
    J_W = jacobian_wrt_Wh(X, H0, Wx, Wh, b)
    J_X = jacobian_wrt_X(X, H0, Wx, Wh, b)
    check_jacobian(J_W, lambda W_: rnn_forward(X, H0, Wx, W_, b), Wh)
    check_jacobian(J_X, lambda X_: rnn_forward(X_, H0, Wx, Wh, b), X)
    print(f"dH/dWh {J_W.shape}: {np.count_nonzero(J_W)} of {J_W.size} non-zero")
    #> dH/dWh (2, 4, 5, 5, 5): 800 of 1000 non-zero
    print(f"dH/dX {J_X.shape}: {np.count_nonzero(J_X)} of {J_X.size} non-zero")
    #> dH/dX (2, 4, 5, 2, 4, 3): 300 of 960 non-zero
    blocks = np.abs(J_X).sum(axis=(2, 5))  # (n, k, p, j): one number per block
    print("example 0, |dH_k/dX_j| summed over m, d (rows k, columns j, from 0):")
    #> example 0, |dH_k/dX_j| summed over m, d (rows k, columns j, from 0):
    for k in range(K):
        print("  " + " ".join(f"{v:5.2f}" for v in blocks[0, k, 0]))
    #>    6.20  0.00  0.00  0.00
    #>    2.92  4.06  0.00  0.00
    #>    2.11  1.85  5.47  0.00
    #>    0.63  0.62  1.43  3.22
    later = np.triu(np.ones((K, K), dtype=bool), 1)  # the pairs (k, j) with j > k
    causal = not np.any(J_X.transpose(1, 4, 0, 2, 3, 5)[later])  # H_k never sees X_j
    mixing = np.any(J_X[0, :, :, 1]) or np.any(J_X[1, :, :, 0])  # examples mix?
    assert causal and not mixing
    print(f"dH_k/dX_j = 0 for j > k: {causal}; examples mix: {mixing}")
    #> dH_k/dX_j = 0 for j > k: True; examples mix: False
    # --8<-- [end:jacobian_check]
    # --8<-- [start:check]
    H = rnn_forward(X, H0, Wx, Wh, b)
    dH = rng.standard_normal(H.shape)  # a random upstream gradient at every step
    dX, _, _, dWh, _ = rnn_backward(dH, X, H0, Wx, Wh, H)
    np.testing.assert_allclose(dWh, vjp_from_jacobian(dH, J_W), rtol=1e-10)
    np.testing.assert_allclose(dX, vjp_from_jacobian(dH, J_X), rtol=1e-10)
    print("dWh, dX == dH contracted with the full Jacobians: True")
    #> dWh, dX == dH contracted with the full Jacobians: True
    H_all = np.concatenate([H0[:, None], H], axis=1)  # H_all[:, k] is H_k, k = 0..K
    dWh_pairs, pairs = np.zeros_like(Wh), 0
    for n in range(N):
        for k in range(1, K + 1):
            row = dH[n, k - 1]  # (dH_k)_n, then times J_k, J_{k-1}, ...
            for j in range(k, 0, -1):  # the pairs (j, k), j = k, k-1, ..., 1
                dU_j = row * (1 - H_all[n, j] ** 2)  # times diag(1 - H_j^2)
                dWh_pairs += np.outer(H_all[n, j - 1], dU_j)  # (H_{j-1})_n^T (...)
                row = dU_j @ Wh.T  # times J_j = diag(1 - H_j^2) Wh^T
                pairs += 1
    np.testing.assert_allclose(dWh_pairs, dWh, rtol=1e-10)
    print(f"dWh == the sum of its {pairs} terms, one per (n, j <= k): True")
    #> dWh == the sum of its 20 terms, one per (n, j <= k): True
    inputs = [X, H0, Wx, Wh, b]
    dH_last = np.zeros_like(dH)
    dH_last[:, -1] = dH[:, -1]  # a loss on the last state only
    for upstream in (dH, dH_last):
        grads = rnn_backward(upstream, X, H0, Wx, Wh, H)
        for i, (V, dV) in enumerate(zip(inputs, grads, strict=True)):
            f = one_input(rnn_forward, inputs, i)
            check_gradient(dV, lambda V_, f=f, u=upstream: np.sum(u * f(V_)), V)
    print("every input, dH at every step or on H_K only == finite differences: True")
    #> every input, dH at every step or on H_K only == finite differences: True
    N, K, D, M = 16, 50, 32, 64  # a realistic size: the dot-product test only
    X, H0 = rng.standard_normal((N, K, D)), rng.standard_normal((N, M))
    Wx, b = rng.standard_normal((D, M)) / np.sqrt(D), rng.standard_normal(M)
    Wh = rng.standard_normal((M, M)) / np.sqrt(M)
    H = rnn_forward(X, H0, Wx, Wh, b)
    inputs = [X, H0, Wx, Wh, b]
    for i, V in enumerate(inputs):
        back = lambda dH_, i=i: rnn_backward(dH_, X, H0, Wx, Wh, H)[i]  # noqa: E731
        check_vjp(one_input(rnn_forward, inputs, i), back, V, rng)
    print(f"dot-product test at N, K, D, M = {N}, {K}, {D}, {M}, all five inputs: True")
    #> dot-product test at N, K, D, M = 16, 50, 32, 64, all five inputs: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
