"""Figures of docs/normalization.md, drawn at build time from the chapter's snippets."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure


def _grid(ax, n):
    ax.set_xticks(np.arange(n + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(n + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="0.8", linewidth=0.4)
    ax.tick_params(which="both", length=0)


@figure("normalization/standardize_jacobian.svg")
def standardize_jacobian_terms():
    """J / rho = I - 1 1^T / D - x_hat x_hat^T / D for one vector, D = 8."""
    from snippets.normalization.standardize import (
        standardize_forward,
        standardize_jacobian,
    )

    D, eps = 8, 1e-5  # the sizes and the seed of the snippet's main()
    x = 2.0 + 3.0 * np.random.default_rng(0).standard_normal(D)
    x_hat = standardize_forward(x, eps)
    rho = 1.0 / np.sqrt(np.mean((x - x.mean()) ** 2) + eps)
    J = standardize_jacobian(x, eps)
    terms = [
        (J / rho, "$J / \\rho$"),
        (np.eye(D), "$\\mathrm{I}$"),
        (np.ones((D, D)) / D, "$\\mathbf{1}\\mathbf{1}^\\top / D$"),
        (np.outer(x_hat, x_hat) / D, "$\\hat{x}\\hat{x}^\\top / D$"),
    ]
    np.testing.assert_allclose(terms[0][0], terms[1][0] - terms[2][0] - terms[3][0])
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.7))
    fig.subplots_adjust(left=0.05, right=0.9, bottom=0.16, top=0.8, wspace=0.42)
    for ax, (M, title) in zip(axes, terms, strict=True):
        image = ax.imshow(M, cmap="RdBu_r", vmin=-1.0, vmax=1.0)
        ax.set_title(title, fontsize=13)
        ax.set_xticks(range(D), [str(q) for q in range(D)], fontsize=7)
        ax.set_yticks(range(D), [str(d) for d in range(D)], fontsize=7)
        _grid(ax, D)
    axes[0].set_ylabel("row d (output $\\hat{x}_d$)")
    for ax in axes:
        ax.set_xlabel("column q (input $x_q$)", fontsize=8)
    for i, sign in enumerate(["=", "−", "−"]):  # between panels i and i + 1
        left, right = axes[i].get_position(), axes[i + 1].get_position()
        x_mid, y_mid = (left.x1 + right.x0) / 2, (left.y0 + left.y1) / 2
        fig.text(x_mid, y_mid, sign, fontsize=22, ha="center", va="center")
    bar = fig.colorbar(image, cax=fig.add_axes((0.92, 0.16, 0.012, 0.64)))
    bar.set_label("entry value")
    fig.suptitle(
        f"The standardisation Jacobian of one vector, D = {D}: identity minus two "
        f"rank-one terms, times ρ = {rho:.4f}",
        fontsize=11,
    )
    return fig


@figure("normalization/batch_jacobians.svg")
def batch_jacobians():
    """dY/dX of LayerNorm, BatchNorm in training and in evaluation, N = 3, D = 4."""
    from snippets.normalization.batchnorm import batchnorm_jacobian_X
    from snippets.normalization.batchnorm_eval import batchnorm_eval_jacobian_X
    from snippets.normalization.layernorm import layernorm_jacobians

    N, D = 3, 4
    rng = np.random.default_rng(1)
    X = 1.0 + 2.0 * rng.standard_normal((N, D))
    gamma = np.ones(D)  # gamma = 1: the pattern of the normalisation itself
    panels = [
        (layernorm_jacobians(X, gamma)[0], "LayerNorm: rows do not mix"),
        (batchnorm_jacobian_X(X, gamma), "BatchNorm, training:\nfeatures do not mix"),
        (
            batchnorm_eval_jacobian_X(X, gamma, 1.0 + X.var(axis=0)),
            "BatchNorm, evaluation:\nnothing mixes",
        ),
    ]
    cmap = matplotlib.colormaps["RdBu_r"].with_extremes(bad="white")
    labels = [f"{n}{d}" for n, d in np.ndindex(N, D)]
    fig, axes = plt.subplots(1, 3, figsize=(12, 4.6))
    for ax, (J, title) in zip(axes, panels, strict=True):
        J2 = J.reshape(N * D, N * D)  # rows (n, d), columns (p, q), row-major
        vmax = np.abs(J2).max()
        ax.imshow(np.ma.masked_equal(J2, 0.0), cmap=cmap, vmin=-vmax, vmax=vmax)
        ax.set_title(
            f"{title}\n{np.count_nonzero(J)} of {J.size} non-zero", fontsize=10
        )
        ax.set_xticks(range(N * D), labels, fontsize=7, rotation=90)
        ax.set_yticks(range(N * D), labels, fontsize=7)
        ax.set_xlabel("input $X_{pq}$ (pq, from 0)", fontsize=8)
        _grid(ax, N * D)
        for k in range(1, N):  # example boundaries
            ax.axhline(k * D - 0.5, color="0.3", linewidth=0.8)
            ax.axvline(k * D - 0.5, color="0.3", linewidth=0.8)
    axes[0].set_ylabel("output $Y_{nd}$ (nd, from 0)")
    fig.suptitle(
        f"∂Y/∂X of shape ({N}, {D}, {N}, {D}) flattened to {N * D} × {N * D}; "
        "white: exactly 0; lines separate examples",
        fontsize=11,
    )
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    return fig
