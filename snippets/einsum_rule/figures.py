"""Figures of docs/einsum_rule.md, drawn at build time from this chapter's snippets."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from tools.figures import figure


@figure("einsum_rule/letter_cases.svg")
def einsum_rule_letter_cases():
    """dY/dA of four one-operand einsums on a (3, 3) A, flattened to matrices."""
    from snippets.einsum_rule.einsum_vjp import einsum_jacobian

    A = np.random.default_rng(0).standard_normal((3, 3))
    panels = [
        ("ij->ji", "transpose: one 1 per row"),
        ("ij->i", "row sum: j only in A,\ndY copied along j"),
        ("ii->i", "diagonal: two deltas,\n0 off the diagonal"),
        ("ii->", "trace: one row,\nthe identity flattened"),
    ]
    fig, axes = plt.subplots(
        1, 4, figsize=(8.4, 3.0), gridspec_kw={"width_ratios": [1, 1, 1, 1]}
    )
    cmap = matplotlib.colors.ListedColormap(["white", "tab:blue"])
    for ax, (spec, what) in zip(axes, panels, strict=True):
        J = einsum_jacobian(spec, 0, A)
        J2 = J.reshape(-1, A.size)  # rows: entries of Y; columns: A_pq, row-major
        ax.imshow(J2 != 0, cmap=cmap, vmin=0, vmax=1, aspect="equal")
        rows, cols = J2.shape
        ax.set_xticks(np.arange(cols + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(rows + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="0.75", linewidth=0.5)
        ax.tick_params(which="both", length=0)
        ax.set_xticks(range(cols), [f"{p}{q}" for p, q in np.ndindex(3, 3)], fontsize=7)
        ax.set_yticks(range(rows), [str(r) for r in range(rows)], fontsize=7)
        for group in (1, 2):  # column groups: one per row p of A
            ax.axvline(group * 3 - 0.5, color="0.2", linewidth=1.0)
        ax.set_xlabel("entry pq of A", fontsize=8)
        ax.set_ylabel("entry of Y (flattened)", fontsize=8)
        shape = ", ".join(str(s) for s in J.shape)
        ax.set_title(
            f"'{spec}'  J ({shape})\n{what}\n{np.count_nonzero(J)} of {J.size} non-zero",
            fontsize=8.5,
        )
    fig.suptitle(
        "dY/dA for four einsums of a (3, 3) array A: blue = 1, white = 0", fontsize=10
    )
    fig.tight_layout(w_pad=1.2)
    return fig
