"""BPTT keeps the K states (N K M numbers); the full dH/dW_h would need N K M^3."""

import numpy as np
from gradcheck import human_bytes, numerical_jacobian

BYTES = 8  # float64


# --8<-- [start:shapes]
def sizes(N, K, M, K_trunc):
    """Numbers of entries: what each way of computing dW_h must hold in memory."""
    return {
        "full Jacobian dH/dWh (N, K, M, M, M)": N * K * M**3,
        "forward in time: dH_k/dWh (N, M, M, M)": N * M**3,
        "BPTT: the states H (N, K, M)": N * K * M,
        f"truncated BPTT, {K_trunc} steps (N, K_trunc, M)": N * K_trunc * M,
        "the gradient dWh (M, M)": M * M,
    }


# --8<-- [end:shapes]


def rnn_forward(X, H0, Wx, Wh, b):
    """X (N, K, D), H0 (N, M) -> H (N, K, M): H_k = tanh(H_{k-1} Wh + X_k Wx + b)."""
    N, K, _ = X.shape
    H = np.zeros((N, K, Wh.shape[0]))
    H_prev = H0
    for k in range(K):
        H_prev = np.tanh(H_prev @ Wh + X[:, k] @ Wx + b)
        H[:, k] = H_prev
    return H


def main():
    # --8<-- [start:check]
    rng = np.random.default_rng(5)
    N, K, D, M = 2, 4, 3, 5  # the sizes of bptt.py
    X, H0 = rng.standard_normal((N, K, D)), rng.standard_normal((N, M))
    Wx, Wh, b = rng.standard_normal((D, M)), rng.standard_normal((M, M)), np.zeros(M)
    J = numerical_jacobian(lambda W_: rnn_forward(X, H0, Wx, W_, b), Wh)
    counted = sizes(N, K, M, 2)["full Jacobian dH/dWh (N, K, M, M, M)"]
    assert counted == J.size and J.shape == (N, K, M, M, M)
    print(f"dH/dWh at N, K, M = {N}, {K}, {M}: {J.shape}, {J.size} entries as counted")
    #> dH/dWh at N, K, M = 2, 4, 5: (2, 4, 5, 5, 5), 1000 entries as counted
    # --8<-- [end:check]
    # --8<-- [start:cost]
    N, K, M, K_trunc = 32, 200, 512, 20  # a character model's sizes, float64
    for name, entries in sizes(N, K, M, K_trunc).items():
        print(f"{name}: {human_bytes(BYTES * entries)}")
    #> full Jacobian dH/dWh (N, K, M, M, M): 6.25 TiB
    #> forward in time: dH_k/dWh (N, M, M, M): 32 GiB
    #> BPTT: the states H (N, K, M): 25 MiB
    #> truncated BPTT, 20 steps (N, K_trunc, M): 2.5 MiB
    #> the gradient dWh (M, M): 2 MiB
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
