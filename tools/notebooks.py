"""A Jupyter notebook per chapter, generated from the page and its snippets.

The notebook holds, in page order, the page's prose (its derivation, with the
math as TeX that Jupyter renders), each excerpt the page shows, and after a
snippet file's last excerpt the whole file as a code cell that runs its
checks. Its first cell writes gradcheck.py, the check helpers, beside it, so
that it runs with NumPy alone. Nothing here is maintained by hand: the build
writes notebooks/<chapter>.ipynb from the same sources as the page
(tools/mkdocs_hooks.py), and tests/test_notebooks.py executes every one.
"""

import ast
import json
import re
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_BLOCK = re.compile(
    r"^(?P<indent> *)(?:!!!|\?\?\?\+?|===)\s*(?P<kind>\w*)\s*"
    r'(?:"(?P<title>[^"]*)")?\s*$'
)
# An excerpt's fence, also indented inside a list item.
_FENCE = re.compile(
    r'^(?P<indent>[ \t]*)```python title="(?P<file>snippets/[\w/]+\.py)"\n'
    r'(?P=indent)--8<-- "(?P=file)(?::(?P<section>[\w-]+))?"\n(?P=indent)```[ \t]*$',
    re.M,
)
_ATTR_LIST = re.compile(r"\{\s*[.#:][^}\n]*\}")
_PAGE_LINK = re.compile(r"\]\((?![a-z]+:)([\w./-]+)\.md(#[^)\s]*)?\)")
_FIGURE = re.compile(r"\]\((figures/[^)\s]+)\)")
_SECTION = re.compile(r"^\s*# --8<-- \[(start|end):([\w-]+)\]\s*$")


# Pages whose snippets import PyTorch or JAX get no notebook: it would not run
# with NumPy alone (tests/discover.py's FRAMEWORK_CHAPTERS).
NO_NOTEBOOK = ("frameworks",)


def chapters():
    """Pages that include at least one snippet, in file-name order."""
    return sorted(
        p.stem
        for p in DOCS.glob("*.md")
        if '--8<-- "snippets/' in p.read_text() and p.stem not in NO_NOTEBOOK
    )


def _flatten_blocks(lines):
    """Admonitions, collapsed blocks and tabs become a bold title and their body."""
    out, i = [], 0
    while i < len(lines):
        m = _BLOCK.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        indent = m.group("indent")
        title = m.group("title") or m.group("kind").capitalize()
        out += [f"{indent}**{title}**", ""]
        body, i = [], i + 1
        while i < len(lines) and (
            not lines[i].strip() or lines[i].startswith(indent + "    ")
        ):
            body.append(lines[i][len(indent) + 4 :] if lines[i].strip() else "")
            i += 1
        out += [indent + line if line else "" for line in _flatten_blocks(body)]
    return out


def section_text(path, section):
    """The lines between a snippet's [start:section] and [end:section], dedented."""
    lines, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _SECTION.match(line)
        if m and m.group(2) == section:
            inside = m.group(1) == "start"
            continue
        if inside and not _SECTION.match(line):
            lines.append(line)
    return textwrap.dedent("\n".join(lines)).strip("\n")


def without_markers(path):
    """A snippet file's text without its section markers, as the site shows it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not _SECTION.match(line))
    return re.sub(r"\n{4,}", "\n\n\n", text) + "\n"


def snippet_imports(path):
    """Other snippet modules a file imports, and theirs (only the capstone's do)."""
    found, todo = [], [path]
    while todo:
        for node in ast.walk(ast.parse(todo.pop().read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                target = SNIPPETS.joinpath(*node.module.split(".")).with_suffix(".py")
                if node.module != "gradcheck" and target.is_file():
                    if target not in found:
                        found.append(target)
                        todo.append(target)
    return found


def _markdown(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text.strip("\n")}


def _code(text):
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": text.strip("\n"),
    }


def _write_file_cell(rel, source):
    return _code(f"%%writefile {rel}\n{source}")


def chapter_notebook(chapter, site_url):
    """The notebook of docs/<chapter>.md, as a JSON-ready dict (nbformat 4)."""
    site_url = site_url.rstrip("/") + "/"
    text = _FRONT_MATTER.sub("", (DOCS / f"{chapter}.md").read_text(encoding="utf-8"))
    text = "\n".join(_flatten_blocks(text.splitlines()))
    text = _ATTR_LIST.sub("", text)
    text = _PAGE_LINK.sub(
        lambda m: (
            f"]({site_url}{'' if m.group(1) == 'index' else m.group(1) + '/'}"
            f"{m.group(2) or ''})"
        ),
        text,
    )
    text = _FIGURE.sub(lambda m: f"]({site_url}{m.group(1)})", text)

    fences = list(_FENCE.finditer(text))
    last = {m.group("file"): m for m in fences}
    page = f"{site_url}{chapter}/"
    cells = [
        _markdown(
            f"*Generated from [{page}]({page}) and its snippets; "
            "run it with NumPy alone. The first cell writes the check helpers, "
            "`gradcheck.py`, beside the notebook.*"
        ),
        _write_file_cell("gradcheck.py", without_markers(SNIPPETS / "gradcheck.py")),
    ]
    written = {"gradcheck.py"}
    pos = 0
    for m in fences:
        cells.append(_markdown(text[pos : m.start()]))
        pos = m.end()
        name, section = m.group("file"), m.group("section")
        path = ROOT / name
        if name == "snippets/gradcheck.py" and section is None:
            continue  # written by the first cell
        if section is not None:
            excerpt = section_text(path, section)
            cells.append(
                _markdown(
                    f"`{name}`, section `{section}`:\n\n```python\n{excerpt}\n```"
                )
            )
        if name == "snippets/gradcheck.py" or last[name] is not m:
            continue
        needed = [
            p
            for p in snippet_imports(path)
            if p.relative_to(SNIPPETS).as_posix() not in written
        ]
        if needed:
            folders = sorted(
                {p.parent.relative_to(SNIPPETS).as_posix() for p in needed}
            )
            cells.append(
                _code(
                    "# The files this one imports, in their folders\n"
                    "import os\n\n"
                    + "".join(
                        f'os.makedirs("{f}", exist_ok=True)\n'
                        f'open("{f}/__init__.py", "a").close()\n'
                        for f in folders
                    )
                )
            )
            for dep in needed:
                rel = dep.relative_to(SNIPPETS).as_posix()
                cells.append(_write_file_cell(rel, without_markers(dep)))
                written.add(rel)
        cells.append(_markdown(f"The whole file, `{name}`, run:"))
        cells.append(_code(without_markers(path)))
    cells.append(_markdown(text[pos:]))
    cells = [c for c in cells if c["source"].strip()]
    for c in cells:  # nbformat stores a cell's source as a list of lines
        c["source"] = c["source"].splitlines(keepends=True)
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {
                "display_name": "Python 3",
                "language": "python",
                "name": "python3",
            },
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def notebook_json(chapter, site_url):
    nb = chapter_notebook(chapter, site_url)
    for i, c in enumerate(
        nb["cells"]
    ):  # stable cell ids: the same sources, the same file
        c["id"] = f"cell-{i}"
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
