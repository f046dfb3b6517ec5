"""Figures of docs/convolution.md, drawn at build time from this chapter's snippets."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure

TAP_COLOURS = ["tab:blue", "tab:orange", "tab:green", "tab:purple"]


def _grid(ax, rows, cols):
    ax.set_xticks(np.arange(cols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(rows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="0.8", linewidth=0.5)
    ax.tick_params(which="both", length=0)


def _taps(ax, tap, labels, fontsize=8, palette=TAP_COLOURS):
    """Colour each entry by the tap it holds (tap < 0: zero, left white), with a label."""
    rows, cols = tap.shape
    colours = matplotlib.colors.ListedColormap(["white", *palette[: len(labels)]])
    ax.imshow(tap + 1, cmap=colours, vmin=0, vmax=len(labels), alpha=0.55)
    for r, c in zip(*np.nonzero(tap >= 0), strict=True):
        ax.text(c, r, labels[tap[r, c]], ha="center", va="center", fontsize=fontsize)
    _grid(ax, rows, cols)


def _tap_index(J, w):
    """For a Jacobian whose entries are kernel taps: which tap each entry is, -1 for 0."""
    tap = np.full(J.shape, -1)
    for k, value in enumerate(w):
        tap[J == value] = k
    return tap


@figure("convolution/conv1d_jacobian.svg")
def conv1d_jacobian():
    """dy/dx (banded Toeplitz) and dy/dw (the windows of x) for I = 8, R = 3."""
    from snippets.convolution.conv1d import jacobian_wrt_w, jacobian_wrt_x

    rng = np.random.default_rng(0)  # the seed and sizes of conv1d.py's main()
    I, R = 8, 3
    x, w = rng.standard_normal(I), rng.standard_normal(R)
    J_x, J_w = jacobian_wrt_x(w, I), jacobian_wrt_w(x, R)
    O = I - R + 1
    fig, (ax_x, ax_w) = plt.subplots(
        1, 2, figsize=(7.4, 3.2), gridspec_kw={"width_ratios": [I, R + 0.6]}
    )
    _taps(ax_x, _tap_index(J_x, w), [f"$w_{{{p}}}$" for p in range(R)], fontsize=10)
    ax_x.set_xticks(range(I), [f"$x_{{{j}}}$" for j in range(I)])
    ax_x.set_yticks(range(O), [f"$y_{{{i}}}$" for i in range(O)])
    ax_x.set_title(
        f"∂y/∂x, ({O}, {I}): {np.count_nonzero(J_x)} of {J_x.size} non-zero\n"
        "row i is w shifted i places: constant diagonals",
        fontsize=10,
    )
    window_start = np.add.outer(np.arange(O), np.arange(R))  # entry (i, p) is x_(i+p)
    palette = [matplotlib.colormaps["tab10"](k) for k in range(I)]
    labels = [f"$x_{{{j}}}$" for j in range(I)]  # one colour per entry of x
    _taps(ax_w, window_start, labels, fontsize=10, palette=palette)
    ax_w.set_xticks(range(R), [f"$w_{{{p}}}$" for p in range(R)])
    ax_w.set_yticks(range(O), [f"$y_{{{i}}}$" for i in range(O)])
    ax_w.set_title(
        f"∂y/∂w, ({O}, {R}): {np.count_nonzero(J_w)} of {J_w.size} non-zero\n"
        "row i: the window at i",
        fontsize=10,
    )
    fig.suptitle("y = x ⋆ w, valid, I = 8, R = 3, indices from 0", fontsize=11)
    fig.tight_layout()
    return fig


@figure("convolution/conv2d_jacobian.svg")
def conv2d_jacobian():
    """dY/dX of one channel, 4 x 4 input, 2 x 2 kernel: blocks of Toeplitz blocks."""
    from snippets.convolution.conv2d_loops import jacobian_wrt_X

    W = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])  # four taps, told apart by value
    J = jacobian_wrt_X(W, (1, 1, 4, 4)).reshape(9, 16)  # rows (i, j), columns (i', j')
    fig, ax = plt.subplots(figsize=(7.4, 3.6))
    labels = ["$W_{00}$", "$W_{01}$", "$W_{10}$", "$W_{11}$"]
    _taps(ax, _tap_index(J, W.ravel()), labels, fontsize=7)
    for k in (4, 8, 12):
        ax.axvline(k - 0.5, color="0.2", linewidth=1.2)
    for k in (3, 6):
        ax.axhline(k - 0.5, color="0.2", linewidth=1.2)
    ax.set_xticks(
        range(16), [f"{row}{col}" for row, col in np.ndindex(4, 4)], fontsize=8
    )
    ax.set_yticks(range(9), [f"$Y_{{{i}{j}}}$" for i, j in np.ndindex(3, 3)])
    ax.set_xlabel("input entry (i', j') of X, from 0, flattened row-major")
    ax.set_title(
        f"∂Y/∂X for one channel, 4 × 4 input, 2 × 2 kernel: (3, 3, 4, 4) as 9 × 16, "
        f"{np.count_nonzero(J)} of {J.size} non-zero\n"
        "3 × 4 blocks (output row i, input row i'), each a banded Toeplitz matrix",
        fontsize=10,
    )
    fig.tight_layout()
    return fig


@figure("convolution/stride_padding_dilation.svg")
def stride_padding_dilation():
    """dy/dx of a 1-D conv (I = 8, R = 3) under padding, stride and dilation."""
    from snippets.convolution.stride_padding_dilation import jacobian_wrt_X

    w = np.array([1.0, 2.0, 3.0])
    W = w.reshape(1, 1, 1, 3)  # one channel, one row: a 1-D kernel
    settings = [
        ("valid", (1, 0, 1)),
        ("padding 1", (1, 1, 1)),
        ("stride 2", (2, 0, 1)),
        ("dilation 2", (1, 0, 2)),
    ]
    fig, axes = plt.subplots(1, 4, figsize=(10, 3.1), sharey=True)
    for ax, (title, (stride, padding, dilation)) in zip(axes, settings, strict=True):
        J = jacobian_wrt_X(W, (1, 1, 1, 8), stride, padding, dilation)
        J2 = J[0, 0, padding, :, 0, 0, 0, :]  # the output row that reads X's one row
        _taps(ax, _tap_index(J2, w), ["$w_0$", "$w_1$", "$w_2$"], fontsize=9)
        ax.set_xticks(range(8), [f"{j}" for j in range(8)])
        ax.set_yticks(range(8), [f"$y_{{{i}}}$" for i in range(8)])
        ax.set_ylim(7.5, -0.5)
        ax.set_xlabel("input entry x_j")
        ax.set_title(f"{title}: {J2.shape[0]} × {J2.shape[1]}", fontsize=10)
    fig.suptitle(
        "∂y/∂x of a 1-D convolution, I = 8, R = 3 (empty rows: no such output)",
        fontsize=11,
    )
    fig.tight_layout()
    return fig
