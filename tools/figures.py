"""The figure machinery: each chapter draws its own figures at build time.

A chapter's figures live next to its snippets, in
``snippets/<chapter>/figures.py``: functions registered with
``@figure("<chapter>/<name>.svg")`` that return a matplotlib Figure computed
from that chapter's snippet code. The MkDocs hook (tools/mkdocs_hooks.py) finds
those files the way pages find snippets, by the chapter's folder, draws their
figures and adds each SVG to the site as ``figures/<chapter>/<name>.svg``; a
page shows it with ``![alt](figures/<chapter>/<name>.svg)``. Nothing generated
is committed, and a figure cannot drift from the code that the tests check.
Adding a chapter's figures edits no shared file.
"""

import hashlib
import importlib
import io
from importlib.metadata import version
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = ROOT / "snippets"
FIGURES = {}


def figure(name):
    """Register a figure-drawing function under its path below figures/."""

    def register(fn):
        if name in FIGURES:
            raise ValueError(f"figure {name!r} registered twice")
        FIGURES[name] = fn
        return fn

    return register


def figure_modules():
    """{chapter: path} of every snippets/<chapter>/figures.py."""
    return {p.parent.name: p for p in sorted(SNIPPETS.glob("*/figures.py"))}


def inputs_digest(chapter):
    """Hash of everything a chapter's figures are drawn from.

    Its snippets, the other chapters' files they import (only the capstone's
    do), the figure machinery, and the library versions.
    """
    from tools.notebooks import snippet_imports

    h = hashlib.sha256()
    own = sorted((SNIPPETS / chapter).glob("*.py"))
    imported = {p for path in own for p in snippet_imports(path)}
    sources = [
        ROOT / "tools" / "figures.py",
        SNIPPETS / "gradcheck.py",
        *own,
        *sorted(imported - set(own)),
    ]
    for path in sources:
        h.update(path.relative_to(ROOT).as_posix().encode())
        h.update(path.read_bytes())
    for package in ("numpy", "matplotlib"):
        h.update(f"{package}=={version(package)}".encode())
    return h.hexdigest()[:16]


def chapter_figures(chapter):
    """{name: function} registered by snippets/<chapter>/figures.py."""
    importlib.import_module(f"snippets.{chapter}.figures")
    found = {n: f for n, f in FIGURES.items() if f.__module__.split(".")[1] == chapter}
    for name in found:
        if not name.startswith(f"{chapter}/"):
            raise ValueError(
                f"snippets/{chapter}/figures.py registers {name!r}: "
                f"a chapter's figures are named {chapter}/<name>.svg"
            )
    return found


def render_svg(fn):
    """Draw one figure function and return its SVG text (deterministic)."""
    plt.rcParams["svg.hashsalt"] = "tensor-derivatives"
    plt.rcParams["svg.fonttype"] = "none"  # text stays text: crisp, searchable
    fig = fn()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buf.getvalue()
