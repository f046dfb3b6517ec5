"""The attention chapter's checks fail when its formulas are wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/attention/attention.py",
        "dQ = dZ @ K / np.sqrt(D_head)",
        "dQ = dZ @ K",
        "the 1/sqrt(D_head) of the forward forgotten in dQ",
    ),
    (
        "snippets/attention/attention.py",
        "dK = np.swapaxes(dZ, -1, -2) @ Q / np.sqrt(D_head)",
        "dK = dZ @ Q / np.sqrt(D_head)",
        "dK without the transpose of dZ: runs, because dZ is square (T, T)",
    ),
    (
        "snippets/attention/attention.py",
        "dV = np.swapaxes(S, -1, -2) @ dY",
        "dV = S @ dY",
        "dV = S dY instead of S^T dY: the same shape, the wrong numbers",
    ),
    (
        "snippets/attention/attention.py",
        "dZ = S * (dS - np.sum(dS * S, axis=-1, keepdims=True))",
        "dZ = S * (dS - np.sum(dS * S, axis=-2, keepdims=True))",
        "the softmax VJP's row sum taken over the queries (columns), not the keys",
    ),
    (
        "snippets/attention/attention.py",
        '"ip,dr->idpr", S, eye_D',
        '"pi,dr->idpr", S, eye_D',
        "dY/dV built with S^T: the query and key indices swapped",
    ),
    (
        "snippets/attention/masks.py",
        "Z = np.where(mask, Z, -np.inf)",
        "Z = np.where(mask, Z, 0.0)",
        "masked scores set to 0 instead of -inf: masked keys still get weight",
    ),
    (
        "snippets/attention/masks.py",
        "S = E / np.where(omega > 0, omega, 1.0)",
        "S = E / omega",
        "no guard for a fully masked row: 0 / 0 = NaN",
    ),
    (
        "snippets/attention/masks.py",
        "dZ = S * (dS - np.sum(dS * S, axis=-1, keepdims=True))",
        "dZ = S * (dS - np.sum(dS * S, axis=-2, keepdims=True))",
        "masked softmax backward summed over the wrong axis",
    ),
    (
        "snippets/attention/multi_head.py",
        "dX = dQ @ W_q.T + dK @ W_k.T + dV @ W_v.T",
        "dX = dQ @ W_q.T + dK @ W_k.T",
        "fan-out: X feeds three projections, one of the three terms dropped",
    ),
    (
        "snippets/attention/multi_head.py",
        "dY_heads = split_heads(dY @ W_o.T, N_head)",
        "dY_heads = split_heads(dY @ W_o, N_head)",
        "W_o where W_o^T belongs: runs, because W_o is square (D, D)",
    ),
    (
        "snippets/attention/multi_head.py",
        "dW_o = Y_cat.reshape(-1, D).T @ dY.reshape(-1, D)",
        "dW_o = Y_cat[0].T @ dY[0]",
        "dW_o from the first example only: the batch sum dropped",
    ),
    (
        "snippets/attention/multi_head.py",
        "return np.swapaxes(Y, -3, -2).reshape(*lead, T, N_head * D_head)",
        "return Y.reshape(*lead, T, N_head * D_head)",
        "heads merged by a reshape alone: a reshape is not a transpose",
    ),
    (
        "snippets/attention/flash.py",
        "dZ = S * (dS - Delta[..., qi, :])",
        "dZ = S * dS",
        "the Delta term (rowsum(dY * Y)) dropped from the tiled softmax VJP",
    ),
    (
        "snippets/attention/flash.py",
        "S = np.exp(scores_tile(Q, K, mask, i, j, tile) - lse[..., qi, :])",
        "S = np.exp(scores_tile(Q, K, mask, i, j, tile) - lse[..., kj, :])",
        "probabilities recomputed with the key tile's lse instead of the query tile's",
    ),
    (
        "snippets/attention/flash.py",
        "return np.where(np.isneginf(lse), np.inf, lse)",
        "return lse",
        "lse = -inf saved for a fully masked row: exp(-inf - (-inf)) = NaN",
    ),
    (
        "snippets/attention/flash.py",
        "dK[..., kj, :] += np.swapaxes(dZ, -1, -2) @ Q[..., qi, :] / np.sqrt(D_head)",
        "dK[..., kj, :] += np.swapaxes(dZ, -1, -2) @ Q[..., qi, :]",
        "the 1/sqrt(D_head) forgotten in the tiled dK",
    ),
    (
        "snippets/attention/flash.py",
        "mask = np.broadcast_to(mask, (*mask.shape[:-2], Q.shape[-2], K.shape[-2]))",
        "mask = np.broadcast_to(np.swapaxes(mask, -1, -2),"
        " (*mask.shape[:-2], Q.shape[-2], K.shape[-2]))",
        "a (N, 1, 1, T) padding mask broadcast over the keys: it hides queries, not keys",
    ),
    (
        "snippets/attention/exercise_scale.py",
        '"both": (c * (dZ @ (c * K)), c * (dZ.T @ (c * Q))),',
        '"both": (dZ @ (c * K), c * (dZ.T @ (c * Q))),',
        "Q scaled by c in the forward, the c dropped in dQ",
    ),
]
