"""Figures of docs/elementwise.md, drawn at build time from this chapter's snippets."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure


@figure("elementwise/diagonal_jacobian.svg")
def elementwise_diagonal_jacobian():
    """The (N, D, N, D) Jacobian of Y = sin(X), flattened to (N D, N D): diagonal."""
    from snippets.elementwise.diagonal_jacobian import jacobian

    N, D = 2, 3  # the sizes and the seed of the snippet's main()
    X = np.random.default_rng(0).standard_normal((N, D))
    J = jacobian(X)
    J2 = J.reshape(N * D, N * D)  # rows (n, d), columns (p, q), row-major
    off_diagonal = np.count_nonzero(J2 - np.diag(np.diag(J2)))
    cmap = matplotlib.colormaps["viridis"].with_extremes(bad="white")
    fig, ax = plt.subplots(figsize=(5.2, 4.2))
    image = ax.imshow(np.ma.masked_equal(J2, 0.0), cmap=cmap, vmin=0.0, vmax=1.0)
    for i in range(N * D):
        ax.text(i, i, f"{J2[i, i]:.2f}", ha="center", va="center", fontsize=10)
    ax.set_xticks(np.arange(N * D + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(N * D + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="0.75", linewidth=0.5)
    ax.tick_params(which="both", length=0)
    ax.set_xticks(range(N * D), [f"$X_{{{p}{q}}}$" for p, q in np.ndindex(N, D)])
    ax.set_yticks(range(N * D), [f"$Y_{{{n}{d}}}$" for n, d in np.ndindex(N, D)])
    ax.set_xlabel("column (p, q): input entry, flattened row-major")
    ax.set_ylabel("row (n, d): output entry")
    shape = ", ".join(str(s) for s in J.shape)
    ax.set_title(
        f"∂Y/∂X for Y = sin(X): ({shape}) as {J2.shape[0]} × {J2.shape[1]}\n"
        f"{np.count_nonzero(J)} of {J.size} non-zero, "
        f"{off_diagonal} off the diagonal",
        fontsize=11,
    )
    bar = fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    bar.set_label("$f'(X_{nd}) = \\cos(X_{nd})$; white: 0")
    fig.tight_layout()
    return fig
