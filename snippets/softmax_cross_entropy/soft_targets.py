"""For soft targets T (N, C): dL/dZ[n, j] = (S[n, j] sum_c T[n, c] - T[n, j]) / N."""

import numpy as np
from gradcheck import check_gradient


# --8<-- [start:forward]
def log_softmax(Z):
    """logS[n, c] = Z[n, c] - lse(Z[n]), the max of each row shifted out."""
    zhat = np.max(Z, axis=1, keepdims=True)
    return Z - zhat - np.log(np.sum(np.exp(Z - zhat), axis=1, keepdims=True))


def soft_cross_entropy_forward(Z, T):
    """L = -(1/N) sum_n sum_c T[n, c] logS[n, c] for any non-negative targets T."""
    L = -np.sum(T * log_softmax(Z)) / Z.shape[0]
    return L


# --8<-- [end:forward]


# --8<-- [start:backward]
def soft_cross_entropy_backward(dL=1.0, *, S, T):
    """dZ[n, j] = dL (S[n, j] sum_c T[n, c] - T[n, j]) / N."""
    T_sum = np.sum(T, axis=1, keepdims=True)  # (N, 1): the sum that is 1 for one-hot
    dZ = dL * (S * T_sum - T) / S.shape[0]
    return dZ


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(5)
    N, C, alpha = 5, 4, 0.1  # alpha: the label-smoothing amount
    # --8<-- [start:check]
    Z = rng.standard_normal((N, C))
    S = np.exp(log_softmax(Z))
    one_hot = np.eye(C)[rng.integers(0, C, size=N)]
    T_smooth = (1 - alpha) * one_hot + alpha / C  # label smoothing: rows sum to 1
    T_multi = rng.uniform(0.0, 1.0, size=(N, C))  # raw scores: rows sum to anything
    dL = rng.standard_normal()  # a random upstream gradient (a scalar)
    for T in (T_smooth, T_multi):
        dZ = soft_cross_entropy_backward(dL, S=S, T=T)
        check_gradient(dZ, lambda Z_, T=T: dL * soft_cross_entropy_forward(Z_, T), Z)
    smooth, multi = (
        np.allclose(soft_cross_entropy_backward(dL, S=S, T=T), dL * (S - T) / N)
        for T in (T_smooth, T_multi)
    )
    print(f"(S - T) / N right for smoothed labels {smooth}, for raw scores {multi}")
    #> (S - T) / N right for smoothed labels True, for raw scores False
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
