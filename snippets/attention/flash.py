"""Tiled backward: S = exp(Z - lse) tile by tile, dZ = S (dS - Delta), Delta = rowsum(dY Y)."""

import numpy as np
from gradcheck import check_vjp

TILE = 16  # queries and keys per tile; GPU kernels use 64 or 128


# --8<-- [start:forward]
def attention_weights(Q, K, mask=None):
    """S = softmax(Q K^T / sqrt(D_head)), all (..., T, T) of it, as in attention.py."""
    Z = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        Z = np.where(mask, Z, -np.inf)
    zhat = np.max(Z, axis=-1, keepdims=True)
    E = np.exp(Z - np.where(np.isfinite(zhat), zhat, 0.0))
    omega = np.sum(E, axis=-1, keepdims=True)
    S = E / np.where(omega > 0, omega, 1.0)
    return S


def attention_forward(Q, K, V, mask=None):
    """Y = S V with S held whole: the reference for the tiled version."""
    Y = attention_weights(Q, K, mask) @ V
    return Y


def scores_tile(Q, K, mask, i, j, tile=TILE):
    """Z for query tile i and key tile j: (..., tile, tile), -inf where masked."""
    rows, cols = slice(i, i + tile), slice(j, j + tile)
    Z = Q[..., rows, :] @ np.swapaxes(K[..., cols, :], -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:  # (T, T) or broadcast to it, e.g. padding's (N, 1, 1, T)
        mask = np.broadcast_to(mask, (*mask.shape[:-2], Q.shape[-2], K.shape[-2]))
        Z = np.where(mask[..., rows, cols], Z, -np.inf)
    return Z


def attention_lse(Q, K, mask=None, tile=TILE):
    """lse_i = log sum_j exp(Z_ij), accumulated over key tiles. (..., T, 1).

    A row with no allowed key has lse = -inf; it is stored as +inf, so that
    exp(Z - lse) = exp(-inf) = 0 there (FlashAttention stores +inf too).
    """
    T = Q.shape[-2]
    lse = np.full((*Q.shape[:-1], 1), -np.inf)
    for i in range(0, T, tile):
        for j in range(0, T, tile):
            Z = scores_tile(Q, K, mask, i, j, tile)
            zhat = np.max(Z, axis=-1, keepdims=True)
            zhat = np.where(np.isfinite(zhat), zhat, 0.0)
            with np.errstate(divide="ignore"):  # a fully masked tile row: log 0 = -inf
                lse_tile = zhat + np.log(np.sum(np.exp(Z - zhat), -1, keepdims=True))
            lse[..., i : i + tile, :] = np.logaddexp(
                lse[..., i : i + tile, :], lse_tile
            )
    return np.where(np.isneginf(lse), np.inf, lse)


def attention_tiled_forward(Q, K, V, mask=None, tile=TILE):
    """Y = sum over key tiles of exp(Z - lse) V: never more than a tile of S."""
    lse = attention_lse(Q, K, mask, tile)
    T = Q.shape[-2]
    Y = np.zeros((*V.shape[:-2], T, V.shape[-1]))
    for i in range(0, T, tile):
        for j in range(0, T, tile):
            S = np.exp(scores_tile(Q, K, mask, i, j, tile) - lse[..., i : i + tile, :])
            Y[..., i : i + tile, :] += S @ V[..., j : j + tile, :]
    return Y


# --8<-- [end:forward]


# --8<-- [start:backward]
def attention_tiled_backward(dY, Q, K, V, Y, lse, mask=None, tile=TILE):
    """dQ, dK, dV from dY, Q, K, V, the output Y and the saved lse, tile by tile."""
    T, D_head = Q.shape[-2:]
    Delta = np.sum(dY * Y, axis=-1, keepdims=True)  # = rowsum(dS * S), (..., T, 1)
    dQ, dK, dV = np.zeros_like(Q), np.zeros_like(K), np.zeros_like(V)
    for j in range(0, T, tile):  # outer loop: one key tile, its dK and dV
        kj = slice(j, j + tile)
        for i in range(0, T, tile):  # inner loop: every query tile
            qi = slice(i, i + tile)
            S = np.exp(scores_tile(Q, K, mask, i, j, tile) - lse[..., qi, :])
            dV[..., kj, :] += np.swapaxes(S, -1, -2) @ dY[..., qi, :]
            dS = dY[..., qi, :] @ np.swapaxes(V[..., kj, :], -1, -2)
            dZ = S * (dS - Delta[..., qi, :])  # the softmax VJP with the saved Delta
            dQ[..., qi, :] += dZ @ K[..., kj, :] / np.sqrt(D_head)
            dK[..., kj, :] += np.swapaxes(dZ, -1, -2) @ Q[..., qi, :] / np.sqrt(D_head)
    return dQ, dK, dV


# --8<-- [end:backward]


def attention_backward(dY, Q, K, V, mask=None):
    """The plain backward of attention.py (the whole S), for the comparison."""
    S = attention_weights(Q, K, mask)
    dS = dY @ np.swapaxes(V, -1, -2)
    dZ = S * (dS - np.sum(dS * S, axis=-1, keepdims=True))
    dQ = dZ @ K / np.sqrt(Q.shape[-1])
    dK = np.swapaxes(dZ, -1, -2) @ Q / np.sqrt(Q.shape[-1])
    dV = np.swapaxes(S, -1, -2) @ dY
    return dQ, dK, dV


def main():
    rng = np.random.default_rng(3)
    # --8<-- [start:check]
    N, N_head, T, D_head = 2, 3, 64, 8  # 4 x 4 tiles of 16 x 16
    Q, K, V = (rng.standard_normal((N, N_head, T, D_head)) for _ in range(3))
    lengths = np.array([T, 40])  # example 1 is padded on the left: 24 pads
    real = np.arange(T) >= T - lengths[:, None]  # (N, T)
    mask = np.tril(np.ones((T, T), dtype=bool)) & real[:, None, None, :]  # (N,1,T,T)
    print(f"fully masked rows (queries with no key): {int((~mask.any(-1)).sum())}")
    #> fully masked rows (queries with no key): 24
    dY = rng.standard_normal(Q.shape)
    S = attention_weights(Q, K, mask)
    Y = S @ V
    dS = dY @ np.swapaxes(V, -1, -2)
    np.testing.assert_allclose(  # the identity: rowsum(dS * S) == rowsum(dY * Y)
        np.sum(dS * S, axis=-1), np.sum(dY * Y, axis=-1), rtol=1e-12, atol=1e-12
    )
    print("rowsum(dS * S) == rowsum(dY * Y): a (T, T) sum from a (T, D_head) one")
    #> rowsum(dS * S) == rowsum(dY * Y): a (T, T) sum from a (T, D_head) one
    lse = attention_lse(Q, K, mask)
    Y_tiled = attention_tiled_forward(Q, K, V, mask)
    np.testing.assert_allclose(Y_tiled, Y, rtol=1e-12, atol=1e-12)
    tiled = attention_tiled_backward(dY, Q, K, V, Y_tiled, lse, mask)
    plain = attention_backward(dY, Q, K, V, mask)
    for dA, dA_plain in zip(tiled, plain, strict=True):
        np.testing.assert_allclose(dA, dA_plain, rtol=1e-12, atol=1e-12)
    print("tiled forward and backward == whole-S forward and backward: True")
    #> tiled forward and backward == whole-S forward and backward: True
    pad = real[:, None, None, :]  # (N, 1, 1, T): padding only, as padding_mask gives
    Y_pad = attention_tiled_forward(Q, K, V, pad)
    lse_pad = attention_lse(Q, K, pad)
    tiled = attention_tiled_backward(dY, Q, K, V, Y_pad, lse_pad, pad)
    plain = attention_backward(dY, Q, K, V, pad)
    np.testing.assert_allclose(Y_pad, attention_forward(Q, K, V, pad), rtol=1e-12)
    for dA, dA_plain in zip(tiled, plain, strict=True):
        np.testing.assert_allclose(dA, dA_plain, rtol=1e-12, atol=1e-12)
    print("with a (N, 1, 1, T) padding mask, broadcast over the queries: the same")
    #> with a (N, 1, 1, T) padding mask, broadcast over the queries: the same
    one_input = (
        lambda Q_: attention_tiled_forward(Q_, K, V, mask),
        lambda K_: attention_tiled_forward(Q, K_, V, mask),
        lambda V_: attention_tiled_forward(Q, K, V_, mask),
    )
    for k, (f, A) in enumerate(zip(one_input, (Q, K, V), strict=True)):
        check_vjp(
            f,
            lambda dY_, k=k: attention_tiled_backward(dY_, Q, K, V, Y, lse, mask)[k],
            A,
            rng,
        )
    print("dot-product test of the tiled backward: passed for Q, K, V")
    #> dot-product test of the tiled backward: passed for Q, K, V
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
