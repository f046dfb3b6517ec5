"""Figures of docs/differentials.md, drawn at build time from its snippets."""

import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure


@figure("differentials/tangent_and_adjoint.svg")
def tangent_and_adjoint():
    """The matrix of Y = A X B's tangent map next to the matrix of its backward."""
    from snippets.differentials.adjoint import (
        jacobian_from_tangent,
        matrix_of_backward,
        sandwich_backward,
        sandwich_tangent,
    )

    N, D = 2, 3  # the sizes and the seed of the snippet's main()
    rng = np.random.default_rng(1)
    A, B = rng.standard_normal((N, N)), rng.standard_normal((D, D))
    J = jacobian_from_tangent(lambda V: sandwich_tangent(A, V, B), (N, D))
    R = matrix_of_backward(lambda dY: sandwich_backward(dY, A, B), (N, D))
    J2 = J.reshape(N * D, N * D)  # rows: entries of Y_dot; columns: of X_dot
    back = R.reshape(N * D, N * D).T  # rows: entries of dX; columns: of dY
    labels_Y = [f"{n}{d}" for n, d in np.ndindex(N, D)]
    limit = np.abs(J2).max()
    fig, axes = plt.subplots(1, 2, figsize=(9.6, 4.6))
    panels = (
        (
            J2,
            "tangent map: $\\dot X \\mapsto \\dot Y = A \\dot X B$\n"
            "matrix $J$, column $j$ = tangent of $e_j$",
            "entry of $\\dot X$",
            "entry of $\\dot Y$",
        ),
        (
            back,
            "backward: $\\mathrm{d}Y \\mapsto \\mathrm{d}X = A^\\top \\mathrm{d}Y B^\\top$\n"
            "column $i$ = backward of $e_i$: $J^\\top$",
            "entry of $\\mathrm{d}Y$",
            "entry of $\\mathrm{d}X$",
        ),
    )
    for ax, (matrix, title, xlabel, ylabel) in zip(axes, panels, strict=True):
        image = ax.imshow(matrix, cmap="RdBu_r", vmin=-limit, vmax=limit)
        for (i, j), value in np.ndenumerate(matrix):
            label = f"{value:.1f}".replace("-0.0", "0.0")
            ax.text(j, i, label, ha="center", va="center", fontsize=8)
        ax.set_xticks(range(N * D), labels_Y)
        ax.set_yticks(range(N * D), labels_Y)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_title(title, fontsize=10)
    mirrored = np.allclose(back, J2.T)
    fig.suptitle(
        f"Y = A X B at N = {N}, D = {D}: the right matrix is the left one mirrored "
        f"across its diagonal: {mirrored}",
        fontsize=11,
    )
    fig.colorbar(image, ax=axes, fraction=0.025, pad=0.02)
    return fig
