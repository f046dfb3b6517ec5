"""MkDocs hooks: add the figures of tools/figures.py to the site at build time."""

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[1]


def on_files(files, config):
    if str(ROOT) not in sys.path:  # so that `tools` and `snippets` import
        sys.path.insert(0, str(ROOT))
    from tools.figures import FIGURES, render_svg

    for name in sorted(FIGURES):
        try:
            svg = render_svg(name)
        except Exception as exc:  # name the figure, then fail the build
            msg = f"figure {name!r} (tools/figures.py) failed: {exc!r}"
            raise RuntimeError(msg) from exc
        files.append(File.generated(config, f"figures/{name}", content=svg))
    return files


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
