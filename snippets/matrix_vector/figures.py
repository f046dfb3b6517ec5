"""Figures of docs/matrix_vector.md, drawn at build time from this chapter's snippets."""

import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure


def draw_slices(J, title, figsize):
    """One panel per output b_i: the slice J[i] = db_i/dW, labelled a_k or 0."""
    M, _, D = J.shape
    fig, axes = plt.subplots(1, M, figsize=figsize)
    for i, ax in enumerate(axes):
        ax.imshow(J[i] != 0, cmap="Blues", vmin=0, vmax=1.6)
        for j in range(M):
            for k in range(D):
                label = f"$a_{k + 1}$" if J[i, j, k] else "0"
                ax.text(k, j, label, ha="center", va="center", fontsize=12)
        ax.set_title(f"$J_{{{i + 1}jk}} = \\partial b_{i + 1} / \\partial W_{{jk}}$")
        ax.set_xticks(range(D), [f"k={k + 1}" for k in range(D)])
        ax.set_yticks(range(M), [f"j={j + 1}" for j in range(M)])
        ax.tick_params(length=0)
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    return fig


@figure("matrix_vector/jacobian_slices.svg")
def matrix_vector_jacobian_slices():
    """The (3, 3, 3) tensor db/dW as three 3x3 slices, one per output b_i."""
    from snippets.matrix_vector.jacobian_wrt_w import jacobian_wrt_W

    J = jacobian_wrt_W(np.zeros((3, 3)), np.array([1.0, 2.0, 3.0]))
    return draw_slices(
        J,
        f"db/dW: {np.count_nonzero(J)} of {J.size} entries are non-zero "
        "(row j = i of slice i holds a)",
        figsize=(7.5, 2.8),
    )


@figure("matrix_vector/jacobian_slices_2x3.svg")
def matrix_vector_jacobian_slices_2x3():
    """The (2, 2, 3) tensor db/dW for W of shape (2, 3): two 2x3 slices."""
    from snippets.matrix_vector.nonsquare import jacobian_wrt_W

    J = jacobian_wrt_W(np.zeros((2, 3)), np.array([1.0, 2.0, 3.0]))
    return draw_slices(
        J,
        f"W of shape (2, 3): db/dW is {J.shape}, "
        f"{np.count_nonzero(J)} of {J.size} entries non-zero",
        figsize=(6.0, 2.5),
    )
