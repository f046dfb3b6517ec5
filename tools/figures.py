"""Figures drawn at build time from the snippets' own code.

Register a function with ``@figure("chapter/name.svg")``; it returns a
matplotlib Figure. The MkDocs hook (tools/mkdocs_hooks.py) calls every
registered function during the build and adds the SVG to the site as
``figures/chapter/name.svg``, so a page shows it with
``![alt](figures/chapter/name.svg)``. Nothing generated is committed, and a
figure cannot drift from the code that the tests check.
"""

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

FIGURES = {}


def figure(name):
    """Register a figure-drawing function under its path below figures/."""

    def register(fn):
        if name in FIGURES:
            raise ValueError(f"figure {name!r} registered twice")
        FIGURES[name] = fn
        return fn

    return register


def render_svg(name):
    """Draw one registered figure and return its SVG text (deterministic)."""
    plt.rcParams["svg.hashsalt"] = "tensor-derivatives"
    plt.rcParams["svg.fonttype"] = "none"  # text stays text: crisp, searchable
    fig = FIGURES[name]()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buf.getvalue()


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


@figure("mlp_by_hand/loss_curve.svg")
def mlp_by_hand_loss_curve():
    """Loss of the hand-written MLP during training, and the regions it learned."""
    from snippets.mlp_by_hand.two_layer_mlp import forward, spirals, train

    losses, accuracy, params = train()
    X, y = spirals()
    fig, (ax_loss, ax_map) = plt.subplots(1, 2, figsize=(9.0, 3.8))
    ax_loss.plot(np.arange(len(losses)), losses, color="tab:blue")
    ax_loss.set_yscale("log")
    ax_loss.set_xlabel("gradient-descent step (full batch, N = 300)")
    ax_loss.set_ylabel("mean cross-entropy L (log scale)")
    ax_loss.set_title(f"training loss: {losses[0]:.3f} → {losses[-1]:.3f}")
    ax_loss.grid(True, which="both", alpha=0.3)

    grid = np.linspace(-1.1, 1.1, 201)
    G = np.array([[u, v] for v in grid for u in grid])  # (201 * 201, 2)
    _, cache = forward(params, G, np.zeros((len(G), 3)))
    regions = cache[-1].argmax(axis=1).reshape(len(grid), len(grid))
    colors = ["tab:blue", "tab:orange", "tab:green"]
    cmap = matplotlib.colors.ListedColormap(colors)
    ax_map.contourf(
        grid, grid, regions, levels=[-0.5, 0.5, 1.5, 2.5], cmap=cmap, alpha=0.25
    )
    for k, color in enumerate(colors):
        ax_map.scatter(*X[y == k].T, s=8, color=color, label=f"class {k}")
    ax_map.set_aspect("equal")
    ax_map.set_xlabel("$x_1$")
    ax_map.set_ylabel("$x_2$")
    ax_map.set_title(f"decision regions: {accuracy:.1%} training accuracy")
    ax_map.legend(loc="upper right", fontsize=8, framealpha=0.9)
    fig.tight_layout()
    return fig
