"""For soft targets T (N, C) with row sums r_n: dL/dZ = (r_n S - T) / N."""

import numpy as np

from gradcheck import check_gradient
from snippets.softmax_cross_entropy.cross_entropy import log_softmax_rows
from snippets.softmax_cross_entropy.softmax_vjp import softmax_rows


# --8<-- [start:forward]
def soft_cross_entropy(Z, T):
    """L = -(1/N) sum_n sum_i T[n, i] l[n, i] for any non-negative targets T."""
    return -np.sum(T * log_softmax_rows(Z)) / Z.shape[0]


# --8<-- [end:forward]


# --8<-- [start:backward]
def soft_cross_entropy_backward(Z, T):
    """dZ[n, j] = (S[n, j] sum_i T[n, i] - T[n, j]) / N."""
    r = np.sum(T, axis=1, keepdims=True)  # (N, 1): the sum that was 1 for one-hot
    return (softmax_rows(Z) * r - T) / Z.shape[0]


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(5)
    N, C, eps = 5, 4, 0.1
    # --8<-- [start:check]
    Z = rng.standard_normal((N, C))
    Y = np.eye(C)[rng.integers(0, C, size=N)]
    T_smooth = (1 - eps) * Y + eps / C  # label smoothing: rows still sum to 1
    T_multi = rng.uniform(0.0, 1.0, size=(N, C))  # rows sum to anything
    for T in (T_smooth, T_multi):
        dZ = soft_cross_entropy_backward(Z, T)
        check_gradient(dZ, lambda Z_, T=T: soft_cross_entropy(Z_, T), Z)
    S = softmax_rows(Z)
    smooth, multi = (
        np.allclose(soft_cross_entropy_backward(Z, T), (S - T) / N)
        for T in (T_smooth, T_multi)
    )
    print(f"(S - T) / N right for smoothed labels {smooth}, for raw scores {multi}")
    #> (S - T) / N right for smoothed labels True, for raw scores False
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
