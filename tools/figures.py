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


def _sparsity_panel(ax, J2, title, col_groups, col_group_name, col_inner_name, wrt):
    """Draw one flattened Jacobian as a sparsity pattern on ax.

    J2 is the (rows, cols) matrix; the columns come in col_groups groups of
    equal width, separated by thicker lines (one group per outer input index).
    """
    rows, cols = J2.shape
    width = cols // col_groups
    ax.imshow(J2 != 0, cmap=matplotlib.colors.ListedColormap(["white", "tab:blue"]))
    ax.set_xticks(np.arange(cols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(rows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="0.75", linewidth=0.5)
    ax.tick_params(which="both", length=0)
    for g in range(1, col_groups):
        ax.axvline(g * width - 0.5, color="0.2", linewidth=1.2)
    for r in range(1, rows // 4):  # rows come in N groups of M = 4
        ax.axhline(r * 4 - 0.5, color="0.2", linewidth=1.2)
    if col_groups > 1:
        centres = np.arange(col_groups) * width + (width - 1) / 2
        ax.set_xticks(centres, [f"{col_group_name}={g}" for g in range(col_groups)])
        ax.set_xlabel(f"column ({col_group_name}, {col_inner_name}) of {wrt}")
    else:
        ax.set_xticks(range(cols), [str(k) for k in range(cols)])
        ax.set_xlabel(f"column {col_inner_name} of {wrt}")
    ax.set_title(title, fontsize=10)


@figure("linear_layer/jacobian_sparsity.svg")
def linear_layer_jacobian_sparsity():
    """dY/dW, dY/dX and dY/db for Y = X W + b, flattened to matrices, side by side."""
    from snippets.linear_layer.grad_bias import jacobian_wrt_b
    from snippets.linear_layer.grad_input import jacobian_wrt_X
    from snippets.linear_layer.grad_weight import jacobian_wrt_W

    N, D, M = 2, 3, 4  # the sizes the snippets use
    X = np.random.default_rng(0).standard_normal((N, D))  # as in grad_weight.py
    rng = np.random.default_rng(1)  # as in grad_input.py: X is drawn first, then W
    rng.standard_normal((N, D))
    W = rng.standard_normal((D, M))
    panels = [
        ("∂Y/∂W", jacobian_wrt_W(X, M), D, "d", "k", "W"),
        ("∂Y/∂X", jacobian_wrt_X(W, N), N, "p", "d", "X"),
        ("∂Y/∂b", jacobian_wrt_b(N, M), 1, "", "k", "b"),
    ]
    widths = [int(np.prod(J.shape[2:])) for _, J, *_ in panels]
    fig, axes = plt.subplots(
        1,
        3,
        figsize=(7.5, 2.8),
        gridspec_kw={"width_ratios": widths},
        sharey=True,
    )
    for ax, (name, J, groups, outer, inner, wrt) in zip(axes, panels, strict=True):
        J2 = J.reshape(N * M, -1)  # rows (n, m), columns the input entries
        shape = ", ".join(str(s) for s in J.shape)
        title = (
            f"{name} ({shape})\n"
            f"as {J2.shape[0]} × {J2.shape[1]}\n"
            f"{np.count_nonzero(J)} of {J.size} non-zero"
        )
        _sparsity_panel(ax, J2, title, groups, outer, inner, wrt)
    axes[0].set_yticks(range(N * M), [f"$Y_{{{n}{m}}}$" for n, m in np.ndindex(N, M)])
    axes[0].set_ylabel("row (n, m) of Y")
    fig.suptitle(
        f"Y = X W + b at N = {N}, D = {D}, M = {M}, flattened row-major: "
        "blue = non-zero, white = 0",
        fontsize=11,
    )
    fig.tight_layout(w_pad=1.5)
    return fig


@figure("elementwise/diagonal_jacobian.svg")
def elementwise_diagonal_jacobian():
    """The (N, D, N, D) Jacobian of Y = sin(X), flattened to (N D, N D): diagonal."""
    from snippets.elementwise.diagonal_jacobian import jacobian

    N, D = 2, 3  # the sizes and the seed of the snippet's main()
    X = np.random.default_rng(0).standard_normal((N, D))
    J = jacobian(X)
    J2 = J.reshape(N * D, N * D)  # rows (n, d), columns (p, e), row-major
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
    ax.set_xticks(range(N * D), [f"$X_{{{p}{e}}}$" for p, e in np.ndindex(N, D)])
    ax.set_yticks(range(N * D), [f"$Y_{{{n}{d}}}$" for n, d in np.ndindex(N, D)])
    ax.set_xlabel("column (p, e): input entry, flattened row-major")
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
