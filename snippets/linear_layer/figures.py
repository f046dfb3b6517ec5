"""Figures of docs/linear_layer.md, drawn at build time from this chapter's snippets."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure


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
    for group in range(1, col_groups):
        ax.axvline(group * width - 0.5, color="0.2", linewidth=1.2)
    for r in range(1, rows // 4):  # rows come in N groups of M = 4
        ax.axhline(r * 4 - 0.5, color="0.2", linewidth=1.2)
    if col_groups > 1:
        centres = np.arange(col_groups) * width + (width - 1) / 2
        ax.set_xticks(centres, [f"{col_group_name}={k}" for k in range(col_groups)])
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
