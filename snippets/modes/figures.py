"""Figures of docs/modes.md, drawn at build time from this chapter's snippets.

The timing figures are measured when the site is built (small sizes, well under
a second each): their numbers vary from machine to machine, their shape does not.
"""

import time

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from tools.figures import figure


@figure("modes/rows_and_columns.svg")
def modes_rows_and_columns():
    """J (M_out, D_in) of the small network: a JVP gives a column, a VJP a row."""
    from snippets.modes.jvp_vjp import jacfwd, jacrev, mlp_backward, mlp_jvp, network

    D_in, M, M_out = 8, 6, 5
    *_, W1, _b1, W2, _b2, U = network(np.random.default_rng(0), D_in, M, M_out)
    J = jacfwd(lambda v: mlp_jvp(v, U, W1, W2), D_in)
    assert np.allclose(J, jacrev(lambda v: mlp_backward(v, U, W1, W2), M_out))
    j, i = 2, 3  # the column and the row to highlight, from 0 as in NumPy;
    # the labels count from 1, as the page does: column j + 1, row i + 1
    limit = np.abs(J).max()
    fig, ax = plt.subplots(figsize=(6.4, 3.9))
    image = ax.imshow(J, cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.add_patch(
        Rectangle((j - 0.5, -0.5), 1, M_out, fill=False, lw=2.5, ec="tab:green")
    )
    ax.add_patch(
        Rectangle((-0.5, i - 0.5), D_in, 1, fill=False, lw=2.5, ec="tab:orange")
    )
    ax.set_xticks(range(D_in), [f"$x_{{{k + 1}}}$" for k in range(D_in)])
    ax.set_yticks(range(M_out), [f"$y_{{{k + 1}}}$" for k in range(M_out)])
    ax.set_xlabel(f"input coordinate j (D_in = {D_in})")
    ax.set_ylabel(f"output coordinate i\n(M_out = {M_out})")
    ax.text(
        j,
        -0.7,
        f"JVP with $e_{j + 1}$: column {j + 1}",
        color="tab:green",
        ha="center",
        va="bottom",
        fontsize=9,
    )
    ax.text(
        D_in - 0.4,
        i,
        f"  VJP with $e_{i + 1}$:\n  row {i + 1}",
        color="tab:orange",
        ha="left",
        va="center",
        fontsize=9,
    )
    ax.set_title(
        f"J = ∂y/∂x, shape ({M_out}, {D_in}): jacfwd = {D_in} JVPs, jacrev = {M_out} VJPs",
        fontsize=10,
        pad=22,
    )
    fig.colorbar(image, ax=ax, fraction=0.03, pad=0.25).set_label("$J_{ij}$")
    fig.tight_layout()
    return fig


@figure("modes/crossover.svg")
def modes_crossover():
    """jacfwd and jacrev times as the output width, then the input width, varies."""
    from snippets.modes.crossover import crossover_timings

    rows = crossover_timings(time.perf_counter, repeat=7)
    fig, axes = plt.subplots(1, 2, figsize=(8.2, 3.4), sharey=True)
    panels = [
        (axes[0], [r for r in rows if r[0] == 64], 1, "output width M_out (D_in = 64)"),
        (axes[1], [r for r in rows if r[1] == 64], 0, "input width D_in (M_out = 64)"),
    ]
    for ax, sel, k, label in panels:
        sel = sorted(sel, key=lambda r: r[k])
        widths = [r[k] for r in sel]
        ax.loglog(
            widths,
            [1e3 * r[2] for r in sel],
            "o-",
            color="tab:green",
            label="jacfwd: D_in JVPs",
        )
        ax.loglog(
            widths,
            [1e3 * r[3] for r in sel],
            "s-",
            color="tab:orange",
            label="jacrev: M_out VJPs",
        )
        ax.axvline(64, color="0.6", lw=1, ls="--")
        ax.set_xticks(widths, [str(w) for w in widths])
        ax.minorticks_off()
        ax.set_xlabel(label)
        ax.grid(True, which="major", color="0.9")
    axes[0].set_ylabel("milliseconds (fastest of 7)")
    axes[0].legend(fontsize=8, loc="upper left")
    fig.suptitle(
        "Full Jacobian of a ReLU network (hidden width 64), measured at build time:\n"
        "the cheaper sweep is the one over the narrower side; they cross at 64",
        fontsize=10,
    )
    fig.tight_layout()
    return fig


@figure("modes/cheap_gradient.svg")
def modes_cheap_gradient():
    """Forward and backward times of the linear layer and of the MLP, side by side."""
    from snippets.modes.cheap_gradient import multiply_adds, time_forward_backward

    sizes = {"N": 64, "D": 256, "M": 256, "C": 10}  # small: one BLAS thread
    times = time_forward_backward(time.perf_counter, **sizes, repeat=25)
    counts = multiply_adds(**sizes)
    names = list(times)
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    for k, (label, colour) in enumerate(
        [("forward", "tab:blue"), ("backward", "tab:red")]
    ):
        values = [1e3 * times[n][k] for n in names]
        ax.bar(
            np.arange(len(names)) + (k - 0.5) * 0.36,
            values,
            0.36,
            label=label,
            color=colour,
        )
    for x, n in enumerate(names):
        fwd, bwd = times[n]
        top = 1e3 * max(fwd, bwd)
        ax.text(
            x,
            top * 1.04,
            f"measured {bwd / fwd:.1f}x\nmultiply-adds "
            f"{counts[n][1] / counts[n][0]:.2f}x",
            ha="center",
            va="bottom",
            fontsize=8,
        )
    ax.set_xticks(
        range(len(names)),
        [
            f"linear layer\nN={sizes['N']}, D=M={sizes['D']}",
            f"MLP\nN={sizes['N']}, D=M={sizes['D']}, C={sizes['C']}",
        ],
    )
    ax.set_ylabel("milliseconds (fastest of 25)")
    ax.set_ylim(0, ax.get_ylim()[1] * 1.3)
    ax.legend(fontsize=8, loc="upper right")
    ax.set_title(
        "Backward against forward, measured at build time (float64, NumPy)", fontsize=10
    )
    fig.tight_layout()
    return fig
