"""The transformer block's gradient check fails when the block's assembly is wrong.

Mistakes inside the imported chapter functions (LayerNorm, cross-entropy, GELU)
are planted with monkeypatch in tests/test_transformer_by_hand.py.
"""

BLOCK = "snippets/transformer_by_hand/block.py"

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        BLOCK,
        "dX0 = dX1 + dX0_attn",
        "dX0 = dX0_attn",
        "residual gradient dropped: X0 reaches X1 directly too, its dX1 is lost",
    ),
    (
        BLOCK,
        "dE_pos = dX0.sum(axis=0)",
        "dE_pos = dX0",
        "position-embedding gradient not summed over the batch: (N, T, D), not (T, D)",
    ),
    (
        BLOCK,
        "dE = embedding_backward(dX0, idx, C)",
        "dE = embedding_backward(0.5 * dX0, idx, C)",
        "X0 = E[idx] + E_pos split as if each summand took half of dX0",
    ),
    (
        BLOCK,
        '"gamma_1": dgamma_1, "beta_1": dbeta_1, "gamma_2": dgamma_2',
        '"gamma_1": dgamma_2, "beta_1": dbeta_1, "gamma_2": dgamma_1',
        "the two LayerNorms' scale gradients swapped: same shape, wrong values",
    ),
    (
        BLOCK,
        'dY2, Y1, p["W_q"], p["W_k"], p["W_v"], p["W_o"], N_HEAD, causal',
        'dY2, Y1, p["W_q"], p["W_k"], p["W_v"], p["W_o"], N_HEAD, None',
        "causal mask missing in the backward: S recomputed over future keys",
    ),
    (
        BLOCK,
        "dE = embedding_backward(dX0, idx, C)",
        "dE = np.zeros((C, D)); dE[idx] = dX0",
        "embedding gradient assigned, not added: a repeated token keeps one row",
    ),
    (
        BLOCK,
        "dE_pos = dX0.sum(axis=0)",
        "dE_pos = dX0.sum(axis=1)",
        "position gradient summed over positions, not sequences: (N, D) = (T, D) here",
    ),
    (
        BLOCK,
        "dU = gelu_tanh_backward(dH, U)",
        "dU = gelu_tanh_backward(dH, H)",
        "GELU's backward given its output H instead of its input U",
    ),
    (
        BLOCK,
        "return np.tril(np.ones((T, T), dtype=bool))",
        "return ~np.tril(np.ones((T, T), dtype=bool))",
        "causal mask inverted in forward and backward: every gradient check passes, "
        "the zero tiles of the Jacobian fail",
    ),
]
