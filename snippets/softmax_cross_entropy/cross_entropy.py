"""For L = -mean_n log softmax(Z)[n, y_n]: dL/dZ = (softmax(Z) - Y) / N, Y one-hot."""

import numpy as np

from gradcheck import check_gradient, vjp_from_jacobian
from snippets.softmax_cross_entropy.softmax_vjp import (
    softmax_rows,
    softmax_rows_jacobian,
)


# --8<-- [start:forward]
def log_softmax_rows(Z):
    """l[n, i] = Z[n, i] - logsumexp(Z[n]), the max of each row shifted out."""
    m = np.max(Z, axis=1, keepdims=True)
    return Z - m - np.log(np.sum(np.exp(Z - m), axis=1, keepdims=True))


def cross_entropy(Z, y):
    """Integer labels y (N,): L = -(1/N) sum_n l[n, y_n]."""
    N = Z.shape[0]
    return -np.mean(log_softmax_rows(Z)[np.arange(N), y])


def cross_entropy_onehot(Z, Y):
    """One-hot targets Y (N, C): L = -(1/N) sum_n sum_i Y[n, i] l[n, i]."""
    N = Z.shape[0]
    return -np.sum(Y * log_softmax_rows(Z)) / N


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def grad_through_softmax_jacobian(Z, Y):
    """Chain rule with the full tensor: dL/dS (N, C) contracted with dS/dZ."""
    N = Z.shape[0]
    S = softmax_rows(Z)
    dS = -Y / (N * S)  # dL/dS[n, i] = -Y[n, i] / (N S[n, i])
    J = softmax_rows_jacobian(Z)  # (N, C, N, C), block-diagonal in n, m
    return vjp_from_jacobian(dS, J)  # sum over the output axes (n, i)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def cross_entropy_backward(Z, Y):
    """dZ[n, j] = (S[n, j] - Y[n, j]) / N: softmax and cross-entropy fused."""
    N = Z.shape[0]
    return (softmax_rows(Z) - Y) / N


def cross_entropy_backward_labels(Z, y):
    """The same with integer labels, as CS231n and makemore write it."""
    N = Z.shape[0]
    dZ = softmax_rows(Z)
    dZ[np.arange(N), y] -= 1.0  # subtract the one-hot without building it
    return dZ / N


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(4)
    N, C = 6, 4
    # --8<-- [start:check]
    Z = rng.standard_normal((N, C))  # logits (N, C)
    y = rng.integers(0, C, size=N)  # integer labels (N,)
    Y = np.eye(C)[y]  # one-hot targets (N, C)
    L = cross_entropy(Z, y)
    np.testing.assert_allclose(cross_entropy_onehot(Z, Y), L, rtol=1e-12)
    print(f"L = {L:.4f} from labels and from one-hot")
    #> L = 1.4244 from labels and from one-hot
    dZ = cross_entropy_backward(Z, Y)
    check_gradient(dZ, lambda Z_: cross_entropy(Z_, y), Z)  # central differences
    dZ_chain = grad_through_softmax_jacobian(Z, Y)
    np.testing.assert_allclose(dZ, dZ_chain, rtol=1e-10, atol=1e-15)
    dZ_labels = cross_entropy_backward_labels(Z, y)
    np.testing.assert_allclose(dZ, dZ_labels, rtol=1e-12, atol=1e-15)
    print(f"dZ {dZ.shape} == finite differences == chain through (N, C, N, C)")
    #> dZ (6, 4) == finite differences == chain through (N, C, N, C)
    print(f"every row of dZ sums to 0: {np.allclose(dZ.sum(axis=1), 0.0)}")
    #> every row of dZ sums to 0: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
