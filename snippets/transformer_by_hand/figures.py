"""Figures of docs/transformer_by_hand.md, drawn at build time from this chapter's snippets."""

import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure


@figure("transformer_by_hand/training.svg")
def transformer_by_hand_training():
    """The loss during training, and where each position attends after it."""
    from attention.multi_head import attention_weights, split_heads
    from normalization.layernorm import layernorm_forward

    from snippets.transformer_by_hand.block import (
        N_HEAD,
        causal_mask,
        embedding_forward,
    )
    from snippets.transformer_by_hand.train import train

    losses, p = train()
    floor = 7 / 16 * np.log(10)
    fig, (ax_loss, ax_att) = plt.subplots(
        1, 2, figsize=(9.6, 4.0), gridspec_kw={"width_ratios": [1.35, 1]}
    )
    ax_loss.plot(np.arange(len(losses)), losses, color="tab:blue", lw=1.2)
    ax_loss.axhline(floor, color="tab:red", ls="--", lw=1.0)
    ax_loss.text(
        len(losses) - 1,
        floor + 0.08,
        f"floor 7/16 · log 10 = {floor:.3f}",
        ha="right",
        color="tab:red",
        fontsize=9,
    )
    ax_loss.set_xlabel("Adam step (a fresh batch of 16 sequences each)")
    ax_loss.set_ylabel("mean cross-entropy L of the batch")
    ax_loss.set_title(f"training loss: {losses[0]:.3f} → {losses[-1]:.3f}")
    ax_loss.grid(True, which="both", alpha=0.3)

    digits = np.array([[4, 5, 7, 9, 0, 1, 8, 9]])
    idx = np.concatenate([digits, [[10]], digits[:, ::-1][:, :7]], axis=1)  # (1, 16)
    X0 = embedding_forward(p["E"], idx) + p["E_pos"]
    Y1 = layernorm_forward(X0, p["gamma_1"], p["beta_1"])
    Q = split_heads(Y1 @ p["W_q"], N_HEAD)  # (1, N_head, T, D_head)
    K = split_heads(Y1 @ p["W_k"], N_HEAD)
    S = attention_weights(Q, K, causal_mask(16))[0]  # (N_head, T, T)
    rows = np.arange(8, 16)  # from the separator on: query i, digit at 15 - i
    h = int(np.argmax(S[:, rows, 15 - rows].sum(axis=1)))  # the reversing head
    image = ax_att.imshow(S[h], cmap="Blues", vmin=0.0, vmax=1.0)
    labels = [*map(str, digits[0]), "S", *map(str, digits[0, ::-1][:7])]
    ax_att.set_xticks(range(16), labels, fontsize=8)
    ax_att.set_yticks(range(16), labels, fontsize=8)
    ax_att.set_xlabel("key position j (its input token)")
    ax_att.set_ylabel("query position i (its input token)")
    ax_att.set_title(f"attention weights of head {h + 1} of {N_HEAD}")
    fig.colorbar(image, ax=ax_att, fraction=0.046, pad=0.04)
    fig.tight_layout()
    return fig


@figure("transformer_by_hand/causal_jacobian.svg")
def transformer_by_hand_causal_jacobian():
    """|dX2/dX0| of one block at T = 4, D = 8, flattened to (T D, T D)."""
    from snippets.transformer_by_hand.block import block_jacobian, init_params

    rng = np.random.default_rng(0)
    p = init_params(rng, C=11, T=4, D=8, M=32)
    J = block_jacobian(rng.standard_normal((1, 4, 8)), p).reshape(32, 32)
    fig, ax = plt.subplots(figsize=(5.2, 4.6))
    image = ax.imshow(np.abs(J), cmap="Greys", vmin=0.0, vmax=np.abs(J).max())
    for k in range(1, 4):
        ax.axhline(8 * k - 0.5, color="tab:red", lw=0.8)
        ax.axvline(8 * k - 0.5, color="tab:red", lw=0.8)
    ticks = [8 * k + 3.5 for k in range(4)]
    ax.set_xticks(ticks, [f"j = {k + 1}" for k in range(4)])
    ax.set_yticks(ticks, [f"i = {k + 1}" for k in range(4)])
    ax.set_xlabel("input X0: position j, then feature d (8 columns each)")
    ax.set_ylabel("output X2: position i, then feature d")
    ax.set_title("|∂X2/∂X0| of one block: zero above the diagonal")
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    fig.tight_layout()
    return fig
