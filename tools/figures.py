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
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

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
