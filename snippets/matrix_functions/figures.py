"""Figures of docs/matrix_functions.md, drawn at build time from its snippets."""

import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure


def _panel(ax, J2, title, row_blocks, col_blocks, vmax):
    """One flattened Jacobian as a heat map, its Kronecker blocks outlined."""
    rows, cols = J2.shape
    image = ax.imshow(J2, cmap="coolwarm", vmin=-vmax, vmax=vmax)
    for r in range(1, row_blocks):
        ax.axhline(r * rows // row_blocks - 0.5, color="0.1", linewidth=1.4)
    for c in range(1, col_blocks):
        ax.axvline(c * cols // col_blocks - 0.5, color="0.1", linewidth=1.4)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, fontsize=10)
    return image


@figure("matrix_functions/kronecker_orders.svg")
def matrix_functions_kronecker_orders():
    """J of Y = A X B flattened row-major (A kron B^T) and column-major (B^T kron A)."""
    from snippets.matrix_functions.vec_kronecker import (
        jacobian,
        row_jacobian,
        vec_jacobian,
    )

    rng = np.random.default_rng(9)  # the seed and sizes of vec_kronecker.py
    K, N, D, M = 2, 3, 4, 5
    A, B = rng.standard_normal((K, N)), rng.standard_normal((D, M))
    J = jacobian(A, B)
    J_row = J.reshape(K * M, N * D)
    J_vec = J.reshape(K * M, N * D, order="F")
    assert np.allclose(J_row, row_jacobian(A, B))
    assert np.allclose(J_vec, vec_jacobian(A, B))
    vmax = np.abs(J).max()
    fig, axes = plt.subplots(1, 2, figsize=(7.5, 3.6))
    _panel(
        axes[0],
        J_row,
        "J.reshape(K M, N D), row-major\n= kron(A, B.T): K × N blocks A_ik Bᵀ",
        K,
        N,
        vmax,
    )
    image = _panel(
        axes[1],
        J_vec,
        'J.reshape(K M, N D, order="F"), vec\n= kron(B.T, A): M × D blocks B_lj A',
        M,
        D,
        vmax,
    )
    axes[0].set_ylabel("rows: entries of Y (10)")
    for ax in axes:
        ax.set_xlabel("columns: entries of X (12)")
    fig.colorbar(image, ax=axes, fraction=0.03, pad=0.02, label="A_ik B_lj")
    fig.suptitle(
        f"The same {J.size} numbers J[i, j, k, l] = A_ik B_lj, "
        f"K, N, D, M = {K}, {N}, {D}, {M}",
        fontsize=11,
    )
    return fig
