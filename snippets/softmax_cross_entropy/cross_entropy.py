"""For L = -mean_n log softmax(Z)[n, t_n]: dL/dZ = (softmax(Z) - T) / N, T one-hot."""

import numpy as np
from gradcheck import check_gradient, vjp_from_jacobian


# --8<-- [start:forward]
def log_softmax(Z):
    """logS[n, c] = Z[n, c] - lse(Z[n]), the max of each row shifted out."""
    zhat = np.max(Z, axis=1, keepdims=True)
    return Z - zhat - np.log(np.sum(np.exp(Z - zhat), axis=1, keepdims=True))


def cross_entropy_forward(Z, labels):
    """Integer labels (N,): L = -(1/N) sum_n logS[n, t_n]."""
    N = Z.shape[0]
    L = -np.mean(log_softmax(Z)[np.arange(N), labels])
    return L


def cross_entropy_onehot_forward(Z, T):
    """One-hot targets T (N, C): L = -(1/N) sum_n sum_c T[n, c] logS[n, c]."""
    N = Z.shape[0]
    L = -np.sum(T * log_softmax(Z)) / N
    return L


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def grad_through_softmax_jacobian(Z, T):
    """Chain rule with the full tensor: dL/dS (N, C) contracted with dS/dZ."""
    N, C = Z.shape
    S = np.exp(log_softmax(Z))
    dS = -T / (N * S)  # dL/dS[n, c] = -T[n, c] / (N S[n, c])
    blocks = np.einsum("nc,cj->ncj", S, np.eye(C)) - np.einsum("nc,nj->ncj", S, S)
    J = np.einsum("np,ncj->ncpj", np.eye(N), blocks)  # (N, C, N, C), dS/dZ
    return vjp_from_jacobian(dS, J)  # sum over the output axes (n, c)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def cross_entropy_backward(dL=1.0, *, S, labels):
    """dZ = dL (S - T) / N, with the one-hot T never built (CS231n, makemore)."""
    N = S.shape[0]
    dZ = S.copy()
    dZ[np.arange(N), labels] -= 1.0  # subtract the one-hot at the correct class
    dZ *= dL / N
    return dZ


def cross_entropy_onehot_backward(dL=1.0, *, S, T):
    """dZ[n, j] = dL (S[n, j] - T[n, j]) / N: softmax and cross-entropy fused."""
    N = S.shape[0]
    dZ = dL * (S - T) / N
    return dZ


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(4)
    N, C = 6, 4
    # --8<-- [start:check]
    Z = rng.standard_normal((N, C))  # logits (N, C)
    labels = rng.integers(0, C, size=N)  # integer labels t (N,), from 0
    T = np.eye(C)[labels]  # one-hot targets (N, C)
    L = cross_entropy_forward(Z, labels)
    np.testing.assert_allclose(cross_entropy_onehot_forward(Z, T), L, rtol=1e-12)
    print(f"L = {L:.4f} from labels and from one-hot")
    #> L = 1.4244 from labels and from one-hot
    S = np.exp(log_softmax(Z))  # what the forward saves
    dL = rng.standard_normal()  # a random upstream gradient (a scalar)
    dZ = cross_entropy_backward(dL, S=S, labels=labels)
    check_gradient(dZ, lambda Z_: dL * cross_entropy_forward(Z_, labels), Z)
    dZ_onehot = cross_entropy_onehot_backward(dL, S=S, T=T)
    np.testing.assert_allclose(dZ_onehot, dZ, rtol=1e-12, atol=1e-15)
    dZ_chain = dL * grad_through_softmax_jacobian(Z, T)
    np.testing.assert_allclose(dZ_chain, dZ, rtol=1e-10, atol=1e-15)
    print(f"dZ {dZ.shape} == finite differences == chain through (N, C, N, C)")
    #> dZ (6, 4) == finite differences == chain through (N, C, N, C)
    print(f"every row of dZ sums to 0: {np.allclose(dZ.sum(axis=1), 0.0)}")
    #> every row of dZ sums to 0: True
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
