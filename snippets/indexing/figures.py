"""Figures of docs/indexing.md, drawn at build time from this chapter's snippets."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure

ONE = matplotlib.colors.ListedColormap(["white", "tab:blue"])


def _grid(ax, rows, cols):
    """Thin cell borders, no tick marks."""
    ax.set_xticks(np.arange(cols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(rows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="0.8", linewidth=0.5)
    ax.tick_params(which="both", length=0)


@figure("indexing/selection_matrix.svg")
def indexing_selection_matrix():
    """∂Y/∂E of the embedding lookup, its one-hot factor Π (gather) and Πᵀ (scatter)."""
    from snippets.indexing.embedding import jacobian

    V, D = 5, 4
    idx = np.array([[1, 3, 1], [4, 1, 0]])  # the ids of embedding.py's check
    N, K = idx.shape
    J2 = jacobian(idx, V, D).reshape(N * K * D, V * D)
    onehot = np.eye(V)[idx].reshape(N * K, V)
    counts = onehot.sum(axis=0).astype(int)
    fig, axes = plt.subplots(
        1,
        3,
        figsize=(9.0, 4.2),
        gridspec_kw={"width_ratios": [V * D, 1.6 * V, 1.6 * N * K]},
    )
    ax = axes[0]
    ax.imshow(J2, cmap=ONE, vmin=0, vmax=1)
    _grid(ax, *J2.shape)
    for r in range(1, V):
        ax.axvline(r * D - 0.5, color="0.2", linewidth=1.0)
    for i in range(1, N * K):
        ax.axhline(i * D - 0.5, color="0.2", linewidth=1.0)
    ax.set_xticks(np.arange(V) * D + (D - 1) / 2, [f"r={r}" for r in range(V)])
    ax.set_yticks(
        np.arange(N * K) * D + (D - 1) / 2,
        [f"({n},{k}): {idx[n, k]}" for n, k in np.ndindex(N, K)],
    )
    ax.set_xlabel("entry (r, j) of E")
    ax.set_ylabel("entry (n, k, d) of Y: token id")
    ax.set_title(
        f"∂Y/∂E as {J2.shape[0]} × {J2.shape[1]}\n"
        f"{np.count_nonzero(J2)} of {J2.size} non-zero",
        fontsize=10,
    )

    ax = axes[1]
    ax.imshow(onehot, cmap=ONE, vmin=0, vmax=1)
    _grid(ax, *onehot.shape)
    ax.set_xticks(range(V), [str(r) for r in range(V)])
    ax.set_yticks(range(N * K), [f"({n},{k})" for n, k in np.ndindex(N, K)])
    ax.set_xlabel("token r")
    ax.set_title("gather: Y = Π E\nΠ, one 1 per row", fontsize=10)

    ax = axes[2]
    ax.imshow(onehot.T, cmap=ONE, vmin=0, vmax=1)
    _grid(ax, *onehot.T.shape)
    ax.set_xticks(
        range(N * K), [f"({n},{k})" for n, k in np.ndindex(N, K)], rotation=90
    )
    ax.set_yticks(range(V), [f"{r}: {counts[r]}×" for r in range(V)])
    ax.set_xlabel("position (n, k)")
    ax.set_title("scatter-add: dE = Πᵀ dY\nrow r sums its 1s", fontsize=10)
    fig.suptitle(
        "Embedding lookup Y = E[idx], idx = [[1, 3, 1], [4, 1, 0]], V = 5, D = 4: "
        "blue = 1, white = 0",
        fontsize=11,
    )
    fig.tight_layout()
    return fig


@figure("indexing/gallery.svg")
def indexing_gallery():
    """The flattened Jacobian of every op in selection.py: 0/1, at most one 1 per row."""
    from snippets.indexing.selection import selection_jacobian, sources

    x = np.random.default_rng(19).standard_normal((2, 3, 4))  # as in selection.py
    panels = [
        (name, selection_jacobian(src, x.shape), src) for name, _, src in sources(x)
    ]
    fig, axes = plt.subplots(3, 3, figsize=(8.0, 8.4))
    for ax, (name, J, src) in zip(axes.ravel(), panels, strict=True):
        J2 = J.reshape(src.size, x.size)
        ax.imshow(J2, cmap=ONE, vmin=0, vmax=1, aspect="auto", interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        copies = J2.sum(axis=0)
        ax.set_title(
            f"{name}\n{J2.shape[0]} × {J2.shape[1]}, column sums "
            f"{int(copies.min())} to {int(copies.max())}",
            fontsize=9,
        )
    fig.suptitle(
        "∂y/∂x flattened (rows: entries of y, columns: the 24 entries of x, (2, 3, 4)):\n"
        "at most one 1 per row; a column sum above 1 is a repeated read, summed backward",
        fontsize=10,
    )
    fig.tight_layout()
    return fig
