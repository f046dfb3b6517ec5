"""Figures of docs/attention.md, drawn at build time from this chapter's snippets."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure


@figure("attention/jacobian_sparsity.svg")
def attention_jacobian_sparsity():
    """dY/dQ, dY/dK, dY/dV of one causal head at T = 4, D_head = 3, flattened."""
    from snippets.attention.attention import attention_jacobians

    T, D_head = 4, 3  # the sizes and the seed of attention.py's check
    rng = np.random.default_rng(0)
    Q, K, V = (rng.standard_normal((T, D_head)) for _ in range(3))
    causal = np.tril(np.ones((T, T), dtype=bool))
    names = ("∂Y/∂Q", "∂Y/∂K", "∂Y/∂V")
    Js = attention_jacobians(Q, K, V, causal)
    fig, axes = plt.subplots(1, 3, figsize=(8.4, 3.4), sharey=True)
    cmap = matplotlib.colors.ListedColormap(["white", "tab:blue"])
    size = T * D_head
    for ax, name, J in zip(axes, names, Js, strict=True):
        J2 = J.reshape(size, size)  # rows (i, d) of Y, columns (p, r) of the input
        ax.imshow(np.abs(J2) > 1e-12, cmap=cmap, vmin=0, vmax=1)
        ax.set_xticks(np.arange(size + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(size + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="0.8", linewidth=0.5)
        ax.tick_params(which="both", length=0)
        for k in range(1, T):  # one block per (query i, key or query p)
            ax.axvline(k * D_head - 0.5, color="0.2", linewidth=1.2)
            ax.axhline(k * D_head - 0.5, color="0.2", linewidth=1.2)
        centres = np.arange(T) * D_head + (D_head - 1) / 2
        ax.set_xticks(centres, [f"p={p}" for p in range(T)])
        ax.set_title(f"{name}\n{np.count_nonzero(J)} of {J.size} non-zero", fontsize=10)
    axes[0].set_yticks(
        np.arange(T) * D_head + (D_head - 1) / 2, [f"i={i}" for i in range(T)]
    )
    axes[0].set_ylabel("query i (rows d = 0..2 inside)")
    axes[1].set_xlabel("input row p (columns r = 0..2 inside)")
    fig.suptitle(
        f"One causal head, T = {T}, D_head = {D_head}: each Jacobian as "
        f"{size} × {size}; blue = non-zero",
        fontsize=11,
    )
    fig.tight_layout(w_pad=1.2)
    return fig
