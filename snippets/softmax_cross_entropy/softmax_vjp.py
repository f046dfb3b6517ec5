"""Softmax backward without the Jacobian: dZ = S * (dS - rowsum(dS * S)), row by row."""

import numpy as np
from gradcheck import check_vjp, vjp_from_jacobian


# --8<-- [start:forward]
def softmax_forward(Z):
    """S[n, c] = exp(Z[n, c]) / sum_j exp(Z[n, j]): one softmax per row (last axis)."""
    zhat = np.max(Z, axis=-1, keepdims=True)  # the max of each row, (N, 1)
    E = np.exp(Z - zhat)
    S = E / np.sum(E, axis=-1, keepdims=True)
    return S


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def softmax_jacobian(Z):
    """J[n, c, p, j] = dS_nc / dZ_pj = delta_np S_nc (delta_cj - S_nj): (N, C, N, C)."""
    N, C = Z.shape
    S = softmax_forward(Z)
    blocks = np.einsum("nc,cj->ncj", S, np.eye(C)) - np.einsum("nc,nj->ncj", S, S)
    return np.einsum("np,ncj->ncpj", np.eye(N), blocks)  # block n sits at (n, :, n, :)


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def softmax_backward(dS, S):
    """dZ[n, j] = S[n, j] (dS[n, j] - sum_c dS[n, c] S[n, c]), for (C,) or (N, C)."""
    dZ = S * (dS - np.sum(dS * S, axis=-1, keepdims=True))  # no sum over the batch
    return dZ


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(1)
    # --8<-- [start:check]
    z, ds = rng.standard_normal(5), rng.standard_normal(5)  # one vector, C = 5
    s = softmax_forward(z)
    J1 = np.diag(s) - np.outer(s, s)  # the (5, 5) Jacobian of one softmax
    dz = softmax_backward(ds, s)
    np.testing.assert_allclose(dz, vjp_from_jacobian(ds, J1), rtol=1e-12, atol=1e-15)
    print(f"one vector: cheap VJP == ds contracted with J: {dz.shape}")
    #> one vector: cheap VJP == ds contracted with J: (5,)

    Z, dS = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))  # N = 3, C = 4
    J = softmax_jacobian(Z)
    print(f"batch: shape {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> batch: shape (3, 4, 3, 4), non-zero 48 of 144
    S = softmax_forward(Z)
    dZ = softmax_backward(dS, S)
    dZ_full = vjp_from_jacobian(dS, J)  # contracts over (n, c), the output axes
    np.testing.assert_allclose(dZ, dZ_full, rtol=1e-12, atol=1e-15)
    check_vjp(softmax_forward, lambda dS_: softmax_backward(dS_, S), Z, rng)
    print(f"batch: cheap VJP == contraction, dot-product test passed: {dZ.shape}")
    #> batch: cheap VJP == contraction, dot-product test passed: (3, 4)
    # --8<-- [end:check]

    # --8<-- [start:pitfall]
    Zsq, dSsq = rng.standard_normal((4, 4)), rng.standard_normal((4, 4))  # N == C
    Ssq = softmax_forward(Zsq)
    wrong = Ssq * (dSsq - np.sum(dSsq * Ssq, axis=-1))  # keepdims dropped: shape (4,)
    right = softmax_backward(dSsq, Ssq)
    same = np.allclose(wrong, right)
    print(f"keepdims dropped, N == C: runs, shape {wrong.shape}, right {same}")
    #> keepdims dropped, N == C: runs, shape (4, 4), right False
    # --8<-- [end:pitfall]


if __name__ == "__main__":
    main()
