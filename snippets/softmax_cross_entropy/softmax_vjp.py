"""Softmax backward without the Jacobian: dz = s * (g - g.s), row by row for a batch."""

import numpy as np

from gradcheck import check_vjp, vjp_from_jacobian
from snippets.softmax_cross_entropy.softmax_jacobian import softmax, softmax_jacobian


# --8<-- [start:forward]
def softmax_rows(Z):
    """S[n, i] = exp(Z[n, i]) / sum_k exp(Z[n, k]): one softmax per row of Z (N, C)."""
    E = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return E / np.sum(E, axis=1, keepdims=True)


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def softmax_rows_jacobian(Z):
    """J[n, i, m, j] = dS_ni / dZ_mj = delta_nm S_ni (delta_ij - S_nj): (N, C, N, C)."""
    N, C = Z.shape
    S = softmax_rows(Z)
    blocks = np.einsum("ni,ij->nij", S, np.eye(C)) - np.einsum("ni,nj->nij", S, S)
    return np.einsum("nm,nij->nimj", np.eye(N), blocks)  # block n sits at (n, :, n, :)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def softmax_backward(g, s):
    """dz_j = sum_i g_i s_i (delta_ij - s_j) = s_j (g_j - g.s), shape (C,)."""
    return s * (g - g @ s)


def softmax_rows_backward(G, S):
    """The same for every row of G, S (N, C): no sum over the batch appears."""
    return S * (G - np.sum(G * S, axis=1, keepdims=True))


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    # --8<-- [start:check]
    z, g = rng.standard_normal(5), rng.standard_normal(5)  # one vector, C = 5
    dz_full = vjp_from_jacobian(g, softmax_jacobian(z))  # g contracted with (5, 5)
    dz = softmax_backward(g, softmax(z))
    np.testing.assert_allclose(dz, dz_full, rtol=1e-12, atol=1e-15)
    print(f"one vector: cheap VJP == g contracted with J: {np.allclose(dz, dz_full)}")
    #> one vector: cheap VJP == g contracted with J: True

    Z, G = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))  # N = 3, C = 4
    J = softmax_rows_jacobian(Z)
    print(f"batch: shape {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> batch: shape (3, 4, 3, 4), non-zero 48 of 144
    dZ_full = vjp_from_jacobian(G, J)  # contracts over (n, i), the output axes
    dZ = softmax_rows_backward(G, softmax_rows(Z))
    np.testing.assert_allclose(dZ, dZ_full, rtol=1e-12, atol=1e-15)
    S = softmax_rows(Z)
    check_vjp(softmax_rows, lambda V: softmax_rows_backward(V, S), Z, rng)
    print(f"batch: cheap VJP == contraction, dot-product test passed: {dZ.shape}")
    #> batch: cheap VJP == contraction, dot-product test passed: (3, 4)
    # --8<-- [end:check]

    # --8<-- [start:pitfall]
    Zsq, Gsq = rng.standard_normal((4, 4)), rng.standard_normal((4, 4))  # N == C
    Ssq = softmax_rows(Zsq)
    wrong = Ssq * (Gsq - np.sum(Gsq * Ssq, axis=1))  # keepdims dropped
    right = softmax_rows_backward(Gsq, Ssq)
    same = np.allclose(wrong, right)
    print(f"keepdims dropped, N == C: runs, shape {wrong.shape}, right {same}")
    #> keepdims dropped, N == C: runs, shape (4, 4), right False
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
