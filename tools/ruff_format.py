"""`ruff format` that keeps the `#>` output lines of snippets and pages' examples.

ruff (like black) rewrites a comment `#> text` as `# > text`; `#>` is the
marker pytest-examples and the tests read for expected output. So:

    python tools/ruff_format.py PATH...          format, then restore `#>`
    python tools/ruff_format.py --check PATH...  `ruff format --check` on a
                                                 copy where `#>` reads `# >`
"""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUFF = [sys.executable, "-m", "ruff"]
MARKER = re.compile(r"^(\s*)#> ", re.MULTILINE)
FORMATTED_MARKER = re.compile(r"^(\s*)# > ", re.MULTILINE)


def python_files(paths):
    for p in map(Path, paths):
        yield from ([p] if p.is_file() else sorted(p.rglob("*.py")))


def fmt(paths):
    subprocess.run([*RUFF, "format", *map(str, paths)], check=True, cwd=ROOT)
    for f in python_files(paths):
        text = f.read_text(encoding="utf-8")
        restored = FORMATTED_MARKER.sub(r"\1#> ", text)
        if restored != text:
            f.write_text(restored, encoding="utf-8")


def check(paths):
    """Exit status of `ruff format --check` on marker-normalised copies."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shutil.copy(ROOT / "pyproject.toml", tmp / "pyproject.toml")
        for f in python_files(paths):
            rel = f.resolve().relative_to(ROOT)
            dest = tmp / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            text = f.read_text(encoding="utf-8")
            dest.write_text(MARKER.sub(r"\1# > ", text), encoding="utf-8")
        result = subprocess.run([*RUFF, "format", "--check", "."], cwd=tmp)
        return result.returncode


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--check":
        sys.exit(check(args[1:]))
    fmt(args)
