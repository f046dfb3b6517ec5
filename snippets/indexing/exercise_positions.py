"""Exercise: Y = E[idx] + E_pos[:K] gives dE by scatter-add and dE_pos[:K] = sum_n dY_n."""

import numpy as np
from gradcheck import check_gradient, check_vjp


# --8<-- [start:forward]
def encoder_forward(E, E_pos, idx):
    """Y[n, k] = E[idx[n, k]] + E_pos[k]: tokens (V, D), positions (K_max, D) -> (N, K, D)."""
    K = idx.shape[1]
    Y = E[idx] + E_pos[:K]  # a gather, a slice, and a broadcast over the batch
    return Y


# --8<-- [end:forward]


# --8<-- [start:backward]
def encoder_backward(dY, idx, V, K_max):
    """dE (V, D): scatter-add over the tokens; dE_pos (K_max, D): sum over the batch."""
    _, K, D = dY.shape  # (N, K, D)
    dE = np.zeros((V, D))
    np.add.at(dE, idx, dY)  # token idx[n, k] collects dY[n, k]
    dE_pos = np.zeros((K_max, D))
    dE_pos[:K] = dY.sum(axis=0)  # position k collects dY[n, k] of every sequence n
    return dE, dE_pos


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(20)
    # --8<-- [start:check]
    V, K_max, D = 5, 4, 3
    # N = 2, K = 3 < K_max = 4: the last row of E_pos (row 3, from 0) is unused
    idx = np.array([[1, 3, 1], [4, 1, 0]])
    E, E_pos = rng.standard_normal((V, D)), rng.standard_normal((K_max, D))
    dY = rng.standard_normal((*idx.shape, D))
    dE, dE_pos = encoder_backward(dY, idx, V, K_max)
    check_gradient(dE, lambda E_: np.sum(dY * encoder_forward(E_, E_pos, idx)), E)
    check_gradient(
        dE_pos, lambda E_pos_: np.sum(dY * encoder_forward(E, E_pos_, idx)), E_pos
    )
    print(
        f"dE {dE.shape}, dE_pos {dE_pos.shape}; last row of dE_pos zero: {not dE_pos[3].any()}"
    )
    #> dE (5, 3), dE_pos (4, 3); last row of dE_pos zero: True

    V, K_max, D, N, K = 500, 1024, 32, 8, 256  # dot-product tests at a realistic size
    idx = rng.integers(0, V, size=(N, K))
    E, E_pos = rng.standard_normal((V, D)), rng.standard_normal((K_max, D))
    backward = lambda dY_: encoder_backward(dY_, idx, V, K_max)  # noqa: E731
    check_vjp(
        lambda E_: encoder_forward(E_, E_pos, idx), lambda dY_: backward(dY_)[0], E, rng
    )
    check_vjp(
        lambda E_pos_: encoder_forward(E, E_pos_, idx),
        lambda dY_: backward(dY_)[1],
        E_pos,
        rng,
    )
    print(f"dot-product tests for E and E_pos at V={V}, N={N}, K={K}: passed")
    #> dot-product tests for E and E_pos at V=500, N=8, K=256: passed
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
