"""MkDocs hooks: build-time figures and math, include checks, snippet files, notebooks."""

import json
import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[1]
FIGURE_CACHE = ROOT / ".cache" / "figures"


def _importable():
    """Let `tools` and `snippets` import (MkDocs restores sys.path after loading hooks)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def _draw_chapter(chapter, dest):
    """Draw one chapter's figures into dest/ (imports matplotlib: slow, so cached)."""
    from tools.figures import chapter_figures, render_svg

    where = f"snippets/{chapter}/figures.py"
    try:
        figures = chapter_figures(chapter)
    except Exception as exc:
        raise PluginError(f"figures of {where} failed to load: {exc!r}") from exc
    # A private folder, renamed into place at the end: two builds at once
    # (make serve and make test) never see each other's half-written figures.
    tmp = dest.with_name(f"{dest.name}.tmp-{os.getpid()}")
    for name, fn in sorted(figures.items()):
        try:
            svg = render_svg(fn)
        except Exception as exc:  # name the figure, then fail the build
            raise PluginError(f"figure {name!r} ({where}) failed: {exc!r}") from exc
        out = tmp / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(svg, encoding="utf-8")
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        tmp.rename(dest)
    except OSError:  # another build drew the same figures first
        _remove_tree(tmp)


def _remove_tree(path):
    for f in sorted(path.rglob("*"), reverse=True):
        f.unlink() if f.is_file() else f.rmdir()
    path.rmdir()


def on_files(files, config):
    """Add figures/<chapter>/<name>.svg, drawn by snippets/<chapter>/figures.py.

    Each chapter's SVGs are cached under .cache/figures/<chapter>/<digest of
    its inputs>/, so a rebuild redraws only the chapters whose snippets or
    figure code changed.
    """
    os.environ.setdefault("MPLBACKEND", "Agg")
    _importable()
    from tools.figures import figure_modules, inputs_digest

    for chapter in figure_modules():
        dest = FIGURE_CACHE / chapter / inputs_digest(chapter)
        if not dest.is_dir():
            for stale in (FIGURE_CACHE / chapter).glob("*"):  # one set per chapter
                if ".tmp-" not in stale.name:
                    _remove_tree(stale)
            _draw_chapter(chapter, dest)
        for svg in sorted(dest.rglob("*.svg")):
            name = svg.relative_to(dest).as_posix()
            content = svg.read_text(encoding="utf-8")
            files.append(File.generated(config, f"figures/{name}", content=content))
    for path in snippet_sources():  # downloadable from the page that shows them
        rel = path.relative_to(ROOT).as_posix()
        files.append(File.generated(config, rel, content=path.read_bytes()))
    from tools.notebooks import chapters, notebook_json

    for chapter in chapters():  # a notebook per chapter, linked from its top
        content = notebook_json(chapter, config.site_url or "/")
        files.append(
            File.generated(config, f"notebooks/{chapter}.ipynb", content=content)
        )
    return files


def snippet_sources():
    """The files a reader may download: every snippet and gradcheck.py."""
    return sorted(
        p
        for p in (ROOT / "snippets").rglob("*.py")
        if p.name not in ("__init__.py", "figures.py")
    )


# pymdownx.snippets (check_paths: true) fails the build on a missing include,
# but its message for a missing section names neither the page nor the file.
# Check every include first and say which page asked for what.
_INCLUDE = re.compile(r'^\s*--8<--\s+"([^":]+)(?::([\w-]+))?"', re.M)
# A fence that shows an excerpt of a snippet: a title, one include line.
_EXCERPT = re.compile(
    r'^(?P<indent>[ \t]*)```python title="(?P<file>snippets/[\w/]+\.py)"\n'
    r'(?P=indent)--8<-- "(?P=file)(?::[\w-]+)?"\n(?P=indent)```[ \t]*$',
    re.M,
)


def on_page_markdown(markdown, page, config, files):
    for m in _INCLUDE.finditer(markdown):
        target, section = m.groups()
        where = f"{config.docs_dir}/{page.file.src_path}"
        path = Path(config.config_file_path).parent / target
        if not path.is_file():
            raise PluginError(f"{where}: includes {target}, which does not exist")
        if section and f"[start:{section}]" not in path.read_text(encoding="utf-8"):
            raise PluginError(
                f"{where}: includes section {section!r} of {target}, "
                "which has no such section"
            )
    return _add_whole_files(markdown)


def _add_whole_files(markdown):
    """After the last excerpt of each snippet file on a page, the whole file, collapsed.

    Excerpts show one section each; a reader who copies them in order lacks the
    inputs and the imports. The whole file, with gradcheck.py beside it, runs.
    """
    last = {}
    for m in _EXCERPT.finditer(markdown):
        last[m.group("file")] = m
    for m in sorted(last.values(), key=lambda m: m.end(), reverse=True):
        indent, name = m.group("indent"), m.group("file")
        block = "\n".join(
            [
                "",
                "",
                f'{indent}??? example "Whole file: {name}"',
                f'{indent}    ```python title="{name}"',
                f'{indent}    --8<-- "{name}"',
                f"{indent}    ```",
            ]
        )
        markdown = markdown[: m.end()] + block + markdown[m.end() :]
    return markdown


# A code block's title naming a snippet becomes two links: the file in the
# repository, and the same file served by this site, to download.
_TITLE = re.compile(r'<span class="filename">(snippets/[\w/]+\.py)</span>')


# nbconvert marks a notebook heading's permalink as `anchor-link`, which the
# search index keeps as part of the heading ("Try it yourself¶"); Material's
# own `headerlink` class is left out of the index and styled like every page's.
_NB_ANCHOR = re.compile(r'<a class="anchor-link" href="(#[^"]*)">¶</a>')


def on_page_content(html, page, config, files):
    html = _NB_ANCHOR.sub(
        r'<a class="headerlink" href="\1" title="Permanent link">¶</a>', html
    )
    notebook = f"notebooks/{Path(page.file.src_path).stem}.ipynb"
    if page.file.src_path.endswith(".md") and files.get_file_from_path(notebook):
        href = get_relative_url(notebook, page.url)
        link = (
            f'<p class="chapter-notebook"><a href="{href}" download>'
            "Download this chapter as a Jupyter notebook</a>: its derivation, "
            "its snippets and the check helpers, runnable with NumPy alone.</p>"
        )
        html = re.sub(r"(</h1>)", lambda m: m.group(1) + link, html, count=1)
    repo = (config.repo_url or "").rstrip("/")

    def links(m):
        name = m.group(1)
        here = get_relative_url(name, page.url)
        source = f'<a href="{repo}/blob/main/{name}" title="{name} in the repository">{name}</a>'
        return (
            f'<span class="filename">{source} '
            f'<a class="snippet-download" href="{here}" download '
            f'title="Download {name}">download</a></span>'
        )

    return _TITLE.sub(links, html)


# nbconvert's page template carries scripts this site must not run: a MathJax 2
# configuration (the site's own MathJax 3 typesets notebook cells), the empty
# MathJax loader left by `custom_mathjax_url: "data:text/javascript,"`, and a
# Mermaid loader that would import from cdnjs if a notebook held a diagram.
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)
_UNWANTED = (
    "text/x-mathjax-config",
    'src="data:text/javascript,"',
    "cdnjs.cloudflare.com",
)


def _strip_notebook_scripts(output):
    if "jp-Notebook" not in output:
        return output
    return _SCRIPT.sub(
        lambda m: "" if any(u in m.group(0) for u in _UNWANTED) else m.group(0), output
    )


# Math is rendered at build time (tools/mathjax_render.py), after the search
# index has taken each page's text, so that search still finds the TeX. The
# pages load one stylesheet, written once every page is converted, with the
# rules for the glyphs the site uses.
MATH_CSS = "assets/stylesheets/mathjax.css"
_renderer = None


def on_pre_build(config):
    global _renderer
    _importable()
    from tools.mathjax_render import Renderer

    _renderer = Renderer()


def on_post_page(output, page, config):
    from tools.mathjax_render import TeXError, render_page

    output = _strip_notebook_scripts(output)
    try:
        return render_page(output, _renderer)
    except TeXError as exc:
        where = f"{config.docs_dir}/{page.file.src_path}"
        raise PluginError(f"{where}: TeX error: {exc}") from exc


# Every page loads the search index when it opens, so its size is part of
# every cold load. It keeps the prose, the TeX of the formulas and inline code
# (function names the prose mentions), and leaves out the code blocks: the
# snippets' code, which is most of its size, and the collapsed whole files
# that repeat it.
_WHOLE_FILE_IN_INDEX = re.compile(r"Whole file: (\S+) \1 download<pre>.*?</pre>", re.S)
_CODE_BLOCK_IN_INDEX = re.compile(r"<pre\b.*?</pre>", re.S)


def _trim_search_index(site_dir):
    index = Path(site_dir) / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    for doc in data["docs"]:
        text = _WHOLE_FILE_IN_INDEX.sub("", doc["text"])
        doc["text"] = _CODE_BLOCK_IN_INDEX.sub("", text)
    index.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


_nav_pages = []


def on_nav(nav, config, files):
    """Remember the pages in nav order, for the whole-book print page."""
    _nav_pages[:] = [(page.url, page.title) for page in nav.pages]
    return nav


def on_post_build(config):
    _trim_search_index(config.site_dir)
    from tools.book import print_page

    print_page(config.site_dir, _nav_pages)
    css = _renderer.stylesheet()
    out = Path(config.site_dir) / MATH_CSS
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(css, encoding="utf-8")
    _renderer.save()
    _renderer.close()


def on_build_error(error):
    if _renderer is not None:
        _renderer.close()
