"""Find snippet files, their sections and their includes in the pages."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"

SECTION_RE = re.compile(r"^\s*# --8<-- \[(start|end):([\w-]+)\]\s*$")
INCLUDE_RE = re.compile(r'--8<--\s+"([^":]+)(?::([\w-]+))?"')
OUTPUT_RE = re.compile(r"^\s*#>(?: (.*))?$")


NOT_SNIPPETS = ("__init__.py", "figures.py")  # package markers, build-time figures
# Chapters whose snippets import PyTorch or JAX (the optional frameworks group):
# tests/test_frameworks.py runs them, and skips without the frameworks; the
# NumPy-only checks (run, copy-and-run, imports) leave them out.
FRAMEWORK_CHAPTERS = ("frameworks",)


def snippet_files():
    """Every snippet file: snippets/**/*.py except package markers and figures."""
    return sorted(p for p in SNIPPETS.rglob("*.py") if p.name not in NOT_SNIPPETS)


def is_framework_snippet(path):
    """A snippet of a FRAMEWORK_CHAPTERS chapter: it imports PyTorch or JAX."""
    return path.parent != SNIPPETS and path.parent.name in FRAMEWORK_CHAPTERS


def concept_snippets():
    """NumPy-only snippets that run as `python -m snippets.<chapter>.<concept>`."""
    return [
        p
        for p in snippet_files()
        if p.parent != SNIPPETS and not is_framework_snippet(p)
    ]


def framework_snippets():
    """Snippets that import PyTorch or JAX: tests/test_frameworks.py runs them."""
    return [p for p in snippet_files() if is_framework_snippet(p)]


def module_name(path):
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def sections(path):
    """{name: (start_line, end_line)} of a snippet's named sections; raises on a bad pair."""
    open_, found = {}, {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = SECTION_RE.match(line)
        if not m:
            continue
        kind, name = m.groups()
        if kind == "start":
            if name in open_ or name in found:
                raise ValueError(f"{path}:{lineno}: section {name!r} starts twice")
            open_[name] = lineno
        else:
            if name not in open_:
                raise ValueError(
                    f"{path}:{lineno}: section {name!r} ends, never started"
                )
            found[name] = (open_.pop(name), lineno)
    if open_:
        raise ValueError(f"{path}: section(s) never ended: {sorted(open_)}")
    return found


def pages():
    return sorted(DOCS.rglob("*.md"))


def includes():
    """(page, file, section or None) for every --8<-- include in the pages."""
    out = []
    for page in pages():
        for m in INCLUDE_RE.finditer(page.read_text(encoding="utf-8")):
            out.append((page, m.group(1), m.group(2)))
    return out


def expected_output(path):
    """The `#>` lines of a snippet, in order: what it must print."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = OUTPUT_RE.match(line)
        if m:
            lines.append(m.group(1) or "")
    return lines
