"""Tied embedding: E is the lookup table and the output projection, so dE is a sum.

dE = dZ^T H (from Z = H E^T) + the scatter-add of dX into rows idx (X = E[idx]).
"""

import numpy as np
from gradcheck import (
    check_gradient,
    check_jacobian,
    check_vjp,
    human_bytes,
    vjp_from_jacobian,
)


# --8<-- [start:forward]
def tied_forward(E, W, idx):
    """ids (N, K) -> logits (N, K, V), with one table E (V, D) at both ends."""
    X = E[idx]  # first use of E: the lookup, (N, K, D)
    H = np.tanh(X @ W)  # a stand-in for the model in between, (N, K, D)
    Z = H @ E.T  # second use of E: the output projection, (N, K, V)
    return Z


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian_paths(E, W, idx):
    """dZ_nkv / dE_rj along each use of E, the other held fixed: (N, K, V, V, D)."""
    V = E.shape[0]
    H = np.tanh(E[idx] @ W)
    Pi = np.eye(V)[idx]  # one-hot ids: Pi[n, k, r] = 1 if idx[n, k] == r
    # the projection, Z_nkv = sum_j H_nkj E_vj: delta_vr H_nkj
    J_proj = np.einsum("vr,nkj->nkvrj", np.eye(V), H)
    # the lookup, X_nkj = E[idx_nk, j]: sum_d E_vd (1 - H_nkd^2) W_jd Pi_nkr
    J_lookup = np.einsum("vd,nkd,jd,nkr->nkvrj", E, 1.0 - H**2, W, Pi)
    return J_proj, J_lookup


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def tied_backward(dZ, E, W, idx):
    """dE from both uses of E, added; dW of the layer in between."""
    X = E[idx]  # recomputed from the saved ids
    H = np.tanh(X @ W)
    dE = np.einsum("nkv,nkd->vd", dZ, H)  # projection: dZ^T H, summed over n and k
    dH = dZ @ E
    dU = dH * (1.0 - H**2)  # through tanh; U = X W
    dW = np.einsum("nkd,nke->de", X, dU)
    dX = dU @ W.T
    np.add.at(dE, idx, dX)  # lookup: scatter-add into the same dE, unbuffered
    return dE, dW


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(6)
    V, D = 5, 4  # 5 tokens, embeddings of width 4
    E = rng.standard_normal((V, D))
    W = rng.standard_normal((D, D))
    idx = np.array([[1, 3, 1], [4, 1, 0]])  # N = 2 sequences of K = 3; token 1 thrice
    dZ = rng.standard_normal((*idx.shape, V))  # the upstream gradient dL/dZ
    # --8<-- [start:check]
    J_proj, J_lookup = jacobian_paths(E, W, idx)
    J = J_proj + J_lookup
    print(f"dZ/dE: shape {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> dZ/dE: shape (2, 3, 5, 5, 4), non-zero 216 of 600
    check_jacobian(J, lambda E_: tied_forward(E_, W, idx), E)  # the sum of both paths
    dE, dW = tied_backward(dZ, E, W, idx)
    np.testing.assert_allclose(dE, vjp_from_jacobian(dZ, J), rtol=1e-12)
    check_gradient(dW, lambda W_: np.sum(dZ * tied_forward(E, W_, idx)), W)  # <dZ, Z>
    untied_out = vjp_from_jacobian(dZ, J_proj)  # what an untied output layer gets
    untied_in = vjp_from_jacobian(dZ, J_lookup)  # what an untied embedding gets
    np.testing.assert_allclose(dE, untied_out + untied_in, rtol=1e-12)
    rows_in = np.flatnonzero(untied_in.any(axis=1)).tolist()
    rows_out = np.flatnonzero(untied_out.any(axis=1)).tolist()
    print(f"rows of dE the lookup reaches: {rows_in}; the projection: {rows_out}")
    #> rows of dE the lookup reaches: [0, 1, 3, 4]; the projection: [0, 1, 2, 3, 4]
    assert rows_in == np.unique(idx).tolist()
    idx_big = rng.integers(0, 100, size=(4, 16))  # V = 100, N = 4, K = 16
    E_big = rng.standard_normal((100, 32))
    W_big = rng.standard_normal((32, 32)) / np.sqrt(32)
    check_vjp(
        lambda E_: tied_forward(E_, W_big, idx_big),
        lambda v: tied_backward(v, E_big, W_big, idx_big)[0],
        E_big,
        rng,
    )
    check_vjp(
        lambda W_: tied_forward(E_big, W_, idx_big),
        lambda v: tied_backward(v, E_big, W_big, idx_big)[1],
        W_big,
        rng,
    )
    print("dE = dZ^T H + scatter-add of dX == dZ contracted with J; dot-product: True")
    #> dE = dZ^T H + scatter-add of dX == dZ contracted with J; dot-product: True
    # --8<-- [end:check]
    # --8<-- [start:cost]
    N, K, V, D = 8, 1024, 50257, 768  # GPT-2 small: (B, T) = (8, 1024), vocab, width
    jacobian_bytes = (N * K * V) * (V * D) * 8  # dZ/dE, float64
    vjp_bytes = (V * D + N * K * V) * 8  # dE, and the dZ it reads
    print(f"dZ/dE: {human_bytes(jacobian_bytes)}; dE and dZ: {human_bytes(vjp_bytes)}")
    #> dZ/dE: 113 PiB; dE and dZ: 3.36 GiB
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
