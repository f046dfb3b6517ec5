"""Figures of docs/mlp_by_hand.md, drawn at build time from this chapter's snippets."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure


@figure("mlp_by_hand/loss_curve.svg")
def mlp_by_hand_loss_curve():
    """Loss of the hand-written MLP during training, and the regions it learned."""
    from snippets.mlp_by_hand.two_layer_mlp import (
        linear_forward,
        relu_forward,
        spirals,
        train,
    )

    losses, accuracy, params = train()
    X, labels = spirals()
    fig, (ax_loss, ax_map) = plt.subplots(1, 2, figsize=(9.0, 3.8))
    ax_loss.plot(np.arange(len(losses)), losses, color="tab:blue")
    ax_loss.set_yscale("log")
    ax_loss.set_xlabel("gradient-descent step (full batch, N = 300)")
    ax_loss.set_ylabel("mean cross-entropy L (log scale)")
    ax_loss.set_title(f"training loss: {losses[0]:.3f} → {losses[-1]:.3f}")
    ax_loss.grid(True, which="both", alpha=0.3)

    grid = np.linspace(-1.1, 1.1, 201)
    points = np.array([[p, q] for q in grid for p in grid])  # (201 * 201, 2)
    H = relu_forward(linear_forward(points, params["W1"], params["b1"]))
    Z = linear_forward(H, params["W2"], params["b2"])  # logits of every grid point
    regions = Z.argmax(axis=1).reshape(len(grid), len(grid))
    colors = ["tab:blue", "tab:orange", "tab:green"]
    cmap = matplotlib.colors.ListedColormap(colors)
    ax_map.contourf(
        grid, grid, regions, levels=[-0.5, 0.5, 1.5, 2.5], cmap=cmap, alpha=0.25
    )
    for c, color in enumerate(colors):
        ax_map.scatter(*X[labels == c].T, s=8, color=color, label=f"class {c + 1}")
    ax_map.set_aspect("equal")
    ax_map.set_xlabel("input feature 1, $X_{n1}$")
    ax_map.set_ylabel("input feature 2, $X_{n2}$")
    ax_map.set_title(f"decision regions: {accuracy:.1%} training accuracy")
    ax_map.legend(loc="upper right", fontsize=8, framealpha=0.9)
    fig.tight_layout()
    return fig
