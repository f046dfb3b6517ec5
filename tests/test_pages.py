"""Page conventions a reader notices when they break."""

import ast
import re

import pytest

from tests.discover import DOCS, ROOT, snippet_files

CHAPTERS = sorted(p for p in DOCS.glob("*.md") if p.stem not in ("index", "faq"))


def rel(path):
    return path.relative_to(ROOT).as_posix()


def prose_lines(page):
    """(line number, line) outside fenced code blocks."""
    fence = None
    for i, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        m = re.match(r"\s*(`{3,}|~{3,})", line)
        if m:
            if fence is None:
                fence = m.group(1)
            elif m.group(1).startswith(fence):
                fence = None
            continue
        if fence is None:
            yield i, line


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=rel)
def test_headings_hold_no_math(page):
    # The table of contents shows headings as text: TeX there reads `\(W\)`.
    bad = [
        f"{rel(page)}:{i}: {line}"
        for i, line in prose_lines(page)
        if re.match(r"#{1,6} ", line) and "$" in line
    ]
    assert not bad, "write headings in plain text (∂b/∂W, Wᵀ):\n" + "\n".join(bad)


MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+?\$", re.S)
TEXT_IN_MATH = re.compile(r"\\(?:texttt|text|mathtt)\{[^{}]*\}")
ITALIC_D = re.compile(r"(?<![\\A-Za-z0-9])d(?:[A-Z]|[xyzabwsghvu](?![A-Za-z])|\\ell)")


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=rel)
def test_gradients_in_formulas_use_an_upright_d(page):
    prose = "\n".join(line for _, line in prose_lines(page))
    prose = re.sub(r"`[^`\n]*`", "", prose)  # inline code is code
    bad = [
        m.group(0)
        for formula in MATH.findall(prose)
        for m in ITALIC_D.finditer(TEXT_IN_MATH.sub("", formula))
    ]
    assert not bad, f"{rel(page)}: write \\mathrm{{d}}X, not dX, in formulas: {bad[:5]}"


@pytest.mark.parametrize("lab", sorted(DOCS.glob("labs/*.py")), ids=rel)
def test_notebook_headings_hold_no_math(lab):
    lines = lab.read_text(encoding="utf-8").splitlines()
    bad = [
        f"{rel(lab)}:{i}"
        for i, line in enumerate(lines, 1)
        if re.match(r"# #{1,6} .*\$", line)
    ]
    assert not bad, f"write notebook headings in plain text: {bad}"


@pytest.mark.parametrize("lab", sorted(DOCS.glob("labs/*.py")), ids=rel)
def test_notebook_imports_only_numpy(lab):
    # mkdocs-jupyter caches a notebook's output keyed by the notebook's own
    # text: importing repository code would let that output go stale.
    tree = ast.parse(lab.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
            )
            assert all(n.split(".")[0] == "numpy" for n in names), (
                f"{rel(lab)}:{node.lineno} imports {names}: notebooks import NumPy only"
            )


@pytest.mark.parametrize("page", CHAPTERS, ids=rel)
def test_chapter_ends_with_an_exercise_and_a_collapsed_solution(page):
    text = page.read_text(encoding="utf-8")
    assert '??? question "Exercise' in text, f"{rel(page)} has no exercise"
    after = text[text.index('??? question "Exercise') :]
    assert re.search(r"\n\s+\?\?\? success", after), (
        f"{rel(page)}: the exercise needs a nested, collapsed `??? success` solution"
    )


@pytest.mark.parametrize("path", snippet_files(), ids=rel)
def test_output_lines_follow_their_print(path):
    # ruff inserts a blank line before a comment that leads into a nested def,
    # which splits a print from its `#>` line on the page.
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = [
        f"{rel(path)}:{i + 1}"
        for i in range(1, len(lines))
        if lines[i].lstrip().startswith("#>") and not lines[i - 1].strip()
    ]
    assert not bad, f"blank line before a `#>` line: {bad}"


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=rel)
def test_chapter_maps_list_every_page(page):
    # The home page's chapter map and the README's chapter table stay current.
    if page.stem != "index":
        home = (DOCS / "index.md").read_text(encoding="utf-8")
        assert f"]({page.name})" in home, (
            f"docs/index.md's chapter map lacks {page.name}"
        )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`docs/{page.name}`" in readme, (
        f"README.md's chapter table lacks {page.name}"
    )


INCLUDE_FENCE = re.compile(
    r"^([ \t]*)```python[^\n]*\n((?:\1--8<--[^\n]*\n)+)\1```", re.M
)


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=rel)
def test_an_included_excerpt_has_its_own_titled_fence(page):
    # The title names the file, becomes links to it, and after the file's
    # last excerpt the page shows the whole file (tools/mkdocs_hooks.py).
    text = page.read_text(encoding="utf-8")
    bad = []
    for m in INCLUDE_FENCE.finditer(text):
        line = text[: m.start()].count("\n") + 1
        includes = m.group(2).strip().splitlines()
        target = includes[0].split('"')[1].split(":")[0]
        if len(includes) > 1 or f'title="{target}"' not in m.group(0).splitlines()[0]:
            bad.append(f"{rel(page)}:{line}")
    assert not bad, (
        f'one include per fence, titled with its file (title="snippets/..."): {bad}'
    )


def test_the_fence_rule_catches_a_planted_violation():
    two = (
        '```python title="snippets/a/b.py"\n'
        '--8<-- "snippets/a/b.py:x"\n--8<-- "snippets/a/b.py:y"\n```\n'
    )
    m = INCLUDE_FENCE.search(two)
    assert m and len(m.group(2).strip().splitlines()) == 2


DECIMAL_UNIT = re.compile(r"\b\d[\d.,]*\s?(?:kB|MB|GB|TB|PB)\b")
QUOTED_UNIT = re.compile(
    r"writes \d[\d.,]*\s?(?:kB|MB|GB|TB|PB)\b"
)  # Johnson's "256 GB"


def decimal_units(text):
    return [m.group(0) for m in DECIMAL_UNIT.finditer(QUOTED_UNIT.sub("", text))]


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")) + snippet_files(), ids=rel)
def test_sizes_are_in_binary_units(path):
    # One formatter (gradcheck.human_bytes) and one kind of unit site-wide:
    # KiB, MiB, GiB, TiB. A decimal unit is allowed only inside a quote
    # ("he writes 256 GB").
    bad = decimal_units(path.read_text(encoding="utf-8"))
    assert not bad, f"{rel(path)}: write sizes in KiB, MiB, GiB, TiB: {bad}"


def test_the_unit_rule_catches_a_planted_decimal_unit():
    assert decimal_units("the Jacobian takes 2.1 GB, dW 8 MB") == ["2.1 GB", "8 MB"]
    assert decimal_units("256 GiB (he writes 256 GB)") == []


# The site-wide symbol table is written twice: for readers on docs/notation.md
# (TeX) and for contributors in CONTRIBUTING.md (plain text). They must list
# as many symbols, in the same order, with the same shapes.
CONTRIBUTING_TABLE = "### Symbols: one meaning each, site-wide"
NOTATION_TABLE = "## Symbols used on this site"


def table_rows(text, heading):
    """The body rows, split into cells, of the first table under `heading`."""
    lines = text.splitlines()
    start = lines.index(heading)
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("| ") and not re.match(r"\|\s*symbol\s*\|", line):
            rows.append([c.strip() for c in line.strip().strip("|").split(" | ")])
    return rows


def _tuples(cell):
    """The parenthesised shapes in a cell, with TeX markup removed: (…, T, 1)."""
    plain = re.sub(r"\\(?:text|mathrm|operatorname)\{([^}]*)\}", r"\1", cell)
    plain = plain.replace("$", "").replace("\\ldots", "…").replace("...", "…")
    plain = re.sub(r"[{}\s]|\\cdot", "", plain.replace("\\cdot", "·"))
    plain = plain.replace("_", "")
    return re.findall(r"\([^()]*\)", plain)


def symbol_table_mismatches(contributing, notation):
    ours = table_rows(contributing, CONTRIBUTING_TABLE)
    theirs = table_rows(notation, NOTATION_TABLE)
    if len(ours) != len(theirs):
        return [f"CONTRIBUTING.md has {len(ours)} symbols, notation.md {len(theirs)}"]
    return [
        f"{a[0]!r}: shapes {a[-1]!r} in CONTRIBUTING.md, {b[-1]!r} in notation.md"
        for a, b in zip(ours, theirs, strict=True)
        if _tuples(a[-1]) != _tuples(b[-1])
    ]


def test_the_two_symbol_tables_agree():
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    notation = (DOCS / "notation.md").read_text(encoding="utf-8")
    assert len(table_rows(notation, NOTATION_TABLE)) > 50
    assert symbol_table_mismatches(contributing, notation) == []


def test_the_symbol_table_rule_catches_a_planted_drift():
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    notation = (DOCS / "notation.md").read_text(encoding="utf-8")
    # A shape changed on one side only (as lse and Delta once were).
    drifted = notation.replace("(…, T, T); (…, T, 1); size", "(…, T, T); (…, T); size")
    assert drifted != notation
    assert len(symbol_table_mismatches(contributing, drifted)) == 1
    # A symbol added to one table only.
    i = notation.index("| $L$ | the scalar loss | () |")
    added = notation[:i] + "| $Z_2$ | a new letter | (N, M) |\n" + notation[i:]
    assert "symbols" in symbol_table_mismatches(contributing, added)[0]
