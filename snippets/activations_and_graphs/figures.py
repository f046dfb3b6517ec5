"""Figures of docs/activations_and_graphs.md, drawn at build time from its snippets."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure


@figure("activations_and_graphs/gelu_exact_vs_tanh.svg")
def gelu_exact_vs_tanh():
    """GELU and its tanh form, their derivatives, and the two gaps."""
    from snippets.activations_and_graphs.gelu import (
        gelu_derivative,
        gelu_forward,
        gelu_tanh_derivative,
        gelu_tanh_forward,
    )

    x = np.linspace(-5.0, 5.0, 2001)
    fig, (left, right) = plt.subplots(1, 2, figsize=(8.4, 3.8))
    left.plot(x, gelu_forward(x), color="tab:blue", label="GELU (erf)")
    left.plot(x, gelu_tanh_forward(x), "--", color="tab:orange", label="tanh form")
    left.plot(x, gelu_derivative(x), color="tab:green", label="GELU' (erf)")
    left.plot(x, gelu_tanh_derivative(x), "--", color="tab:red", label="tanh form'")
    left.axhline(0.0, color="0.6", linewidth=0.6)
    left.set_xlabel("x")
    left.set_title("indistinguishable at this scale", fontsize=10)
    left.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    gap = gelu_forward(x) - gelu_tanh_forward(x)
    slope_gap = gelu_derivative(x) - gelu_tanh_derivative(x)
    right.plot(x, 1e4 * gap, color="tab:blue", label="GELU − tanh form")
    right.plot(x, 1e4 * slope_gap, color="tab:green", label="GELU' − (tanh form)'")
    right.axhline(0.0, color="0.6", linewidth=0.6)
    for values, color in ((gap, "tab:blue"), (slope_gap, "tab:green")):
        i = np.argmax(np.abs(values))
        right.plot(x[i], 1e4 * values[i], "o", color=color, markersize=4)
        right.annotate(
            f"{values[i]:.2e} at x = {x[i]:.2f}",
            (x[i], 1e4 * values[i]),
            textcoords="offset points",
            xytext=(8, -4 if values[i] < 0 else 2),
            fontsize=8,
        )
    right.set_xlabel("x")
    right.set_ylabel("difference × 10⁴")
    right.set_title("the gaps: the derivatives differ more", fontsize=10)
    right.set_ylim(-11.0, 11.0)
    right.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    fig.tight_layout()
    return fig


@figure("activations_and_graphs/fan_out_jacobians.svg")
def fan_out_jacobians():
    """The two path Jacobians of Y = (X A) * X and their sum, flattened to 6 x 6."""
    from snippets.activations_and_graphs.fan_out import jacobian_paths

    rng = np.random.default_rng(4)  # the seed and draws of fan_out.py's main()
    N, D = 2, 3
    X = rng.standard_normal((N, D))
    A = rng.standard_normal((D, D))
    J_1, J_2 = jacobian_paths(X, A)
    panels = [
        ("path 1: through U = X A", J_1),
        ("path 2: the factor X", J_2),
        ("∂Y/∂X = the sum", J_1 + J_2),
    ]
    limit = max(np.max(np.abs(J)) for _, J in panels)
    cmap = matplotlib.colormaps["RdBu_r"].with_extremes(bad="white")
    fig, axes = plt.subplots(1, 3, figsize=(8.4, 3.0), sharey=True)
    labels_in = [f"$X_{{{p}{q}}}$" for p, q in np.ndindex(N, D)]
    labels_out = [f"$Y_{{{n}{d}}}$" for n, d in np.ndindex(N, D)]
    for ax, (title, J) in zip(axes, panels, strict=True):
        J2 = J.reshape(N * D, N * D)
        image = ax.imshow(
            np.ma.masked_equal(J2, 0.0), cmap=cmap, vmin=-limit, vmax=limit
        )
        ax.set_xticks(np.arange(N * D + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(N * D + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="0.8", linewidth=0.5)
        ax.tick_params(which="both", length=0)
        ax.axvline(D - 0.5, color="0.2", linewidth=1.0)
        ax.axhline(D - 0.5, color="0.2", linewidth=1.0)
        ax.set_xticks(range(N * D), labels_in, fontsize=8)
        ax.set_yticks(range(N * D), labels_out, fontsize=8)
        ax.set_title(
            f"{title}\n{np.count_nonzero(J2)} of {J2.size} non-zero", fontsize=10
        )
    bar = fig.colorbar(image, ax=axes, fraction=0.025, pad=0.02)
    bar.set_label("entry value; white: 0")
    return fig
