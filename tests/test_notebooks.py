"""Every chapter's generated notebook runs, with NumPy alone, and prints what its snippets print.

tools/notebooks.py writes the notebook from the page and its snippets; here
each is executed in an empty folder by a fresh kernel (nbclient), and each
whole-file cell's output is compared with that file's `#>` lines.
"""

import json
import re

import nbclient
import nbformat
import pytest

from tests.discover import ROOT, expected_output
from tests.parallel import run_all, selected_params
from tools.notebooks import chapter_notebook, chapters, notebook_json

SITE = "https://example.org/book/"


def whole_file_cells(nb):
    """(snippet path, cell) for each cell that runs a whole snippet file."""
    out, previous = [], None
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("The whole file, `"):
            previous = cell.source.split("`")[1]
        elif cell.cell_type == "code" and previous:
            out.append((ROOT / previous, cell))
            previous = None
    return out


def stdout_of(cell):
    return "".join(
        o.get("text", "") for o in cell.outputs if o.get("name") == "stdout"
    ).splitlines()


def execute(chapter, folder):
    """The chapter's notebook, run by a fresh kernel in an empty folder."""
    nb = nbformat.reads(notebook_json(chapter, SITE), as_version=4)
    nbformat.validate(nb)
    nbclient.NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
    ).execute()
    return nb


@pytest.fixture(scope="module")
def executed(request, tmp_path_factory):
    """The selected chapters' notebooks, two kernels at a time; an error is kept."""
    test = "test_chapter_notebook_runs_and_prints_its_snippets_output"

    def run(chapter):
        try:
            return execute(chapter, tmp_path_factory.mktemp(chapter))
        except Exception as exc:  # reported by the chapter's own test
            return exc

    return run_all(
        {c: lambda c=c: run(c) for c in selected_params(request, test, "chapter")}
    )


@pytest.mark.parametrize("chapter", chapters())
def test_chapter_notebook_runs_and_prints_its_snippets_output(chapter, executed):
    nb = executed[chapter]
    if isinstance(nb, Exception):
        raise nb
    runs = whole_file_cells(nb)
    assert runs, f"{chapter}: the notebook runs no snippet"
    page = (ROOT / "docs" / f"{chapter}.md").read_text(encoding="utf-8")
    for path, _ in runs:
        assert path.relative_to(ROOT).as_posix() in page
    for path, cell in runs:
        assert stdout_of(cell) == expected_output(path), (
            f"{chapter}.ipynb: the cell running {path.name} prints other lines"
        )


def test_notebook_holds_prose_math_and_excerpts_in_page_order():
    nb = chapter_notebook("linear_layer", SITE)
    text = ["".join(c["source"]) for c in nb["cells"]]
    first = next(i for i, t in enumerate(text) if "section `forward`" in t)
    whole = next(i for i, t in enumerate(text) if t.startswith("The whole file"))
    assert 0 < first < whole
    assert any("$" in t for t in text if not t.startswith("%%writefile"))
    assert not any("--8<--" in t for t in text)
    assert not any(t.lstrip().startswith(("!!!", "???")) for t in text)
    assert json.loads(notebook_json("linear_layer", SITE)) == json.loads(
        notebook_json("linear_layer", SITE)
    )


@pytest.mark.parametrize("chapter", chapters())
def test_no_mkdocs_syntax_is_left_in_a_notebook(chapter):
    # Includes (also indented in a list item), admonitions and tabs become
    # cells and bold titles; links to pages and figures become absolute.
    for cell in chapter_notebook(chapter, SITE)["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        assert "--8<--" not in text, f"{chapter}: an include left as text"
        assert not re.search(r"^\s*(!!!|\?\?\?|===) ", text, re.M), chapter
        assert not re.search(r"\]\((?![a-z]+:|#)[^)]*\.md", text), (
            f"{chapter}: a .md link"
        )


def test_a_broken_snippet_in_a_notebook_fails_its_execution(tmp_path):
    # Planted: the whole-file cell of a snippet with a wrong transpose.
    nb = nbformat.reads(notebook_json("linear_layer", SITE), as_version=4)
    _, cell = whole_file_cells(nb)[0]
    assert "X.T @ dY" in cell.source
    cell.source = cell.source.replace("X.T @ dY", "dY.T @ X", 1)
    with pytest.raises(nbclient.exceptions.CellExecutionError):
        nbclient.NotebookClient(
            nb,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(tmp_path)}},
        ).execute()
