"""Figures of docs/matrix_vector.md, drawn at build time from this chapter's snippets."""

import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure


@figure("matrix_vector/jacobian_slices.svg")
def matrix_vector_jacobian_slices():
    """The (3, 3, 3) tensor db/dW as three 3x3 slices, one per output b_i."""
    from snippets.matrix_vector.jacobian_wrt_w import jacobian_wrt_W

    a = np.array([1.0, 2.0, 3.0])
    J = jacobian_wrt_W(np.zeros((3, 3)), a)
    fig, axes = plt.subplots(1, 3, figsize=(7.5, 2.8))
    for i, ax in enumerate(axes):
        ax.imshow(J[i] != 0, cmap="Blues", vmin=0, vmax=1.6)
        for j in range(3):
            for k in range(3):
                value = J[i, j, k]
                label = f"$a_{k + 1}$" if value else "0"
                ax.text(k, j, label, ha="center", va="center", fontsize=12)
        ax.set_title(f"$J_{{{i + 1}jk}} = \\partial b_{i + 1} / \\partial W_{{jk}}$")
        ax.set_xticks(range(3), [f"k={k + 1}" for k in range(3)])
        ax.set_yticks(range(3), [f"j={j + 1}" for j in range(3)])
        ax.tick_params(length=0)
    fig.suptitle(
        f"db/dW: {np.count_nonzero(J)} of {J.size} entries are non-zero "
        "(row j = i of slice i holds a)",
        fontsize=11,
    )
    fig.tight_layout()
    return fig
