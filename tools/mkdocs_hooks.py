"""MkDocs hooks: add the figures of tools/figures.py to the site at build time."""

import sys
from pathlib import Path

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
