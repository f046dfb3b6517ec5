"""For Y = E[idx], dY_nkd/dE_rj = delta_{r idx_nk} delta_dj: dE is a scatter-add of dY."""

import numpy as np
from gradcheck import check_jacobian, check_vjp, human_bytes, vjp_from_jacobian


# --8<-- [start:forward]
def embedding_forward(E, idx):
    """Y[n, k, :] = E[idx[n, k], :]: a table (V, D) and ids (N, K) give (N, K, D)."""
    Y = E[idx]
    return Y


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def jacobian(idx, V, D):
    """J[n, k, d, r, j] = dY_nkd / dE_rj = [idx_nk == r] delta_dj: (N, K, D, V, D)."""
    onehot = np.eye(V)[idx]  # onehot[n, k, r] = 1 if idx[n, k] == r: shape (N, K, V)
    return np.einsum("nkr,dj->nkdrj", onehot, np.eye(D))


# --8<-- [end:jacobian]


# --8<-- [start:backward]
def embedding_backward(dY, idx, V):
    """dE[r] = sum of dY[n, k] over every (n, k) with idx[n, k] == r: shape (V, D)."""
    dE = np.zeros((V, dY.shape[-1]))
    np.add.at(dE, idx, dY)  # unbuffered: a row that occurs twice gets both rows of dY
    return dE


# --8<-- [end:backward]


def main():
    rng = np.random.default_rng(8)
    V, D = 5, 4  # a vocabulary of 5 tokens, embeddings of width 4
    E = rng.standard_normal((V, D))
    idx = np.array([[1, 3, 1], [4, 1, 0]])  # N = 2 sequences of K = 3 tokens
    N, K = idx.shape
    dY = rng.standard_normal((N, K, D))  # the upstream gradient dL/dY
    # --8<-- [start:check]
    counts = np.bincount(idx.ravel(), minlength=V)
    print(f"idx {idx.shape}: occurrences of tokens 0..4: {counts.tolist()}")
    #> idx (2, 3): occurrences of tokens 0..4: [1, 3, 0, 1, 1]
    J = jacobian(idx, V, D)
    print(f"J: shape {J.shape}, non-zero {np.count_nonzero(J)} of {J.size}")
    #> J: shape (2, 3, 4, 5, 4), non-zero 24 of 480
    check_jacobian(J, lambda E_: embedding_forward(E_, idx), E)  # central differences
    onehot = np.eye(V)[idx].reshape(N * K, V)  # one 1 per row: the selection matrix
    same = np.array_equal(J.reshape(N * K * D, V * D), np.kron(onehot, np.eye(D)))
    print(f"J as ({N * K * D}, {V * D}) == kron(onehot, eye(D)): {same}")
    #> J as (24, 20) == kron(onehot, eye(D)): True
    assert same
    dE = embedding_backward(dY, idx, V)
    np.testing.assert_allclose(dE, vjp_from_jacobian(dY, J), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dE[1], dY[0, 0] + dY[0, 2] + dY[1, 1], rtol=1e-12)
    assert not dE[2].any()  # token 2 does not occur: its row receives nothing
    print(f"dE {dE.shape}; row 1 = sum of 3 rows of dY; row 2 zero: {not dE[2].any()}")
    #> dE (5, 4); row 1 = sum of 3 rows of dY; row 2 zero: True

    V, D, N, K = 1000, 64, 8, 128  # 1024 positions, 1000 tokens: ids must repeat
    E = rng.standard_normal((V, D))
    idx = rng.integers(0, V, size=(N, K))
    check_vjp(
        lambda E_: embedding_forward(E_, idx),
        lambda dY_: embedding_backward(dY_, idx, V),
        E,
        rng,
    )
    repeated = np.count_nonzero(np.bincount(idx.ravel(), minlength=V) > 1)
    print(f"dot-product test at V={V}, D={D}, N={N}, K={K}: passed")
    #> dot-product test at V=1000, D=64, N=8, K=128: passed
    print(f"tokens that occur more than once in this batch: {repeated}")
    #> tokens that occur more than once in this batch: 275
    # --8<-- [end:check]

    # --8<-- [start:onehot]
    V, D = 5, 4
    E = rng.standard_normal((V, D))
    idx = np.array([[1, 3, 1], [4, 1, 0]])
    dY = rng.standard_normal((*idx.shape, D))
    onehot = np.eye(V)[idx]  # (N, K, V): row (n, k) is e_{idx[n, k]}
    Y = np.einsum("nkr,rd->nkd", onehot, E)  # Y = onehot @ E, a linear layer
    dE = np.einsum("nkr,nkd->rd", onehot, dY)  # dE = onehot^T dY, its dW = X^T dY
    np.testing.assert_allclose(Y, embedding_forward(E, idx), rtol=1e-12)
    np.testing.assert_allclose(dE, embedding_backward(dY, idx, V), rtol=1e-12)
    print("E[idx] == onehot @ E and add.at == onehot^T @ dY: True")
    #> E[idx] == onehot @ E and add.at == onehot^T @ dY: True
    # --8<-- [end:onehot]

    # --8<-- [start:cost]
    V, D, N, K = 50257, 768, 8, 1024  # GPT-2's vocabulary and width, 8 x 1024 tokens
    print(f"full dY/dE (N, K, D, V, D): {human_bytes(N * K * D * V * D * 8)}")
    #> full dY/dE (N, K, D, V, D): 1.73 PiB
    print(f"one-hot (N, K, V): {human_bytes(N * K * V * 8)}")
    #> one-hot (N, K, V): 3.07 GiB
    print(
        f"dY (N, K, D): {human_bytes(N * K * D * 8)}; dE (V, D): {human_bytes(V * D * 8)}"
    )
    #> dY (N, K, D): 48 MiB; dE (V, D): 294 MiB
    print(f"the backward pass adds {N * K * D:,} numbers into dE")
    #> the backward pass adds 6,291,456 numbers into dE
    print(f"rows of dE that can be non-zero: at most {N * K:,} of {V:,}")
    #> rows of dE that can be non-zero: at most 8,192 of 50,257
    # --8<-- [end:cost]


if __name__ == "__main__":
    main()
