"""MkDocs hooks: build-time figures, include checks, clean notebook pages."""

import hashlib
import re
import sys
from importlib.metadata import version
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[1]
FIGURE_CACHE = ROOT / ".cache" / "figures"


def _figure_inputs_digest():
    """Hash of everything a figure is drawn from: its code, the snippets, the libraries."""
    h = hashlib.sha256()
    sources = [
        ROOT / "tools" / "figures.py",
        *sorted((ROOT / "snippets").rglob("*.py")),
    ]
    for path in sources:
        h.update(path.relative_to(ROOT).as_posix().encode())
        h.update(path.read_bytes())
    for package in ("numpy", "matplotlib"):
        h.update(f"{package}=={version(package)}".encode())
    return h.hexdigest()[:16]


def _render_all(dest):
    """Draw every registered figure into dest/ (imports matplotlib: slow, so cached)."""
    if str(ROOT) not in sys.path:  # so that `tools` and `snippets` import
        sys.path.insert(0, str(ROOT))
    from tools.figures import FIGURES, render_svg

    tmp = dest.with_name(dest.name + ".tmp")
    for name in sorted(FIGURES):
        try:
            svg = render_svg(name)
        except Exception as exc:  # name the figure, then fail the build
            msg = f"figure {name!r} (tools/figures.py) failed: {exc!r}"
            raise PluginError(msg) from exc
        out = tmp / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(svg, encoding="utf-8")
    tmp.mkdir(parents=True, exist_ok=True)
    tmp.rename(dest)


def on_files(files, config):
    """Add figures/<chapter>/<name>.svg, drawn from tools/figures.py.

    The SVGs are cached under .cache/figures/<digest of their inputs>/, so a
    rebuild that changed no snippet and no figure code does not redraw them.
    """
    dest = FIGURE_CACHE / _figure_inputs_digest()
    if not dest.is_dir():
        for stale in FIGURE_CACHE.glob("*"):  # one cached set at a time
            if stale.is_dir():
                for f in sorted(stale.rglob("*"), reverse=True):
                    f.unlink() if f.is_file() else f.rmdir()
                stale.rmdir()
        _render_all(dest)
    for svg in sorted(dest.rglob("*.svg")):
        name = svg.relative_to(dest).as_posix()
        content = svg.read_text(encoding="utf-8")
        files.append(File.generated(config, f"figures/{name}", content=content))
    return files


# pymdownx.snippets (check_paths: true) fails the build on a missing include,
# but its message for a missing section names neither the page nor the file.
# Check every include first and say which page asked for what.
_INCLUDE = re.compile(r'^\s*--8<--\s+"([^":]+)(?::([\w-]+))?"', re.M)


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
    return markdown


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


def on_post_page(output, page, config):
    if "jp-Notebook" not in output:
        return output
    return _SCRIPT.sub(
        lambda m: "" if any(u in m.group(0) for u in _UNWANTED) else m.group(0), output
    )
