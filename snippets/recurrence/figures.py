"""Figures of docs/recurrence.md, drawn at build time from this chapter's snippets."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure


@figure("recurrence/causal_jacobian.svg")
def recurrence_causal_jacobian():
    """dH/dX for one example, flattened to (K M, K D): block lower triangular in time."""
    from snippets.recurrence.bptt import jacobian_wrt_X

    rng = np.random.default_rng(1)  # the draws of bptt.py's main(), in its order
    N, K, D, M = 2, 4, 3, 5
    X, H0 = rng.standard_normal((N, K, D)), 0.5 * rng.standard_normal((N, M))
    Wx, b = rng.standard_normal((D, M)), 0.1 * rng.standard_normal(M)
    Wh = rng.standard_normal((M, M)) / np.sqrt(M)
    J = jacobian_wrt_X(X, H0, Wx, Wh, b)[0, :, :, 0]  # example 0: (K, M, K, D)
    J2 = np.abs(J.reshape(K * M, K * D))
    cmap = matplotlib.colormaps["viridis"].with_extremes(bad="white")
    fig, ax = plt.subplots(figsize=(5.6, 6.4))
    image = ax.imshow(
        np.ma.masked_equal(J2, 0.0),
        cmap=cmap,
        norm=matplotlib.colors.LogNorm(vmin=1e-3, vmax=J2.max()),
    )
    for step in range(1, K):
        ax.axhline(step * M - 0.5, color="0.2", linewidth=1.0)
        ax.axvline(step * D - 0.5, color="0.2", linewidth=1.0)
    ax.set_xticks(np.arange(K) * D + (D - 1) / 2, [f"$X_{j + 1}$" for j in range(K)])
    ax.set_yticks(np.arange(K) * M + (M - 1) / 2, [f"$H_{k + 1}$" for k in range(K)])
    ax.set_xlabel("input step j (D = 3 entries each)")
    ax.set_ylabel("state step k (M = 5 entries each)")
    zero = np.count_nonzero(J2 == 0)
    ax.set_title(
        f"|∂H/∂X| for one example, K = {K}: ({K * M} × {K * D})\n"
        f"{zero} of {J2.size} entries are 0 (white): H_k never depends on X_j, j > k",
        fontsize=10,
    )
    bar = fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    bar.set_label("|∂(H_k)_m / ∂(X_j)_d|, log scale")
    fig.tight_layout()
    return fig


@figure("recurrence/gradient_norms.svg")
def recurrence_gradient_norms():
    """||dL/dH_k|| against K - k for several spectral radii of W_h, two input scales."""
    from snippets.recurrence.vanishing import gradient_norms

    radii = (0.5, 0.9, 1.1, 1.5, 3.0)
    colors = ["tab:blue", "tab:cyan", "tab:green", "tab:orange", "tab:red"]
    fig, axes = plt.subplots(1, 2, figsize=(8.0, 3.6), sharey=True)
    for ax, input_scale in zip(axes, (0.1, 1.0), strict=True):
        for radius, color in zip(radii, colors, strict=True):
            norms, _ = gradient_norms(radius, input_scale)
            ax.semilogy(norms / norms[0], color=color, label=f"{radius}")
        ax.axhline(1.0, color="0.5", linewidth=0.8, linestyle=":")
        ax.set_xlabel("distance in time K − k")
        ax.set_title(f"inputs scaled by {input_scale}", fontsize=10)
        ax.grid(which="major", color="0.9")
    axes[0].set_ylabel("‖∂L/∂H_k‖ / ‖∂L/∂H_K‖")
    axes[1].legend(title="spectral radius", fontsize=8, title_fontsize=8)
    fig.suptitle("A loss on the last state H_K, N = 16, M = 64, K = 60", fontsize=11)
    fig.tight_layout()
    return fig
