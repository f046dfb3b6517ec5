"""`ruff check` and `ruff format --check` over snippets, tests and tools."""

import re
import subprocess
import sys

from tests.discover import ROOT, snippet_files

PATHS = ["snippets", "tests", "tools"]


def test_ruff_check():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *PATHS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_check():
    # ruff would write the `#>` output marker as `# >`; the wrapper checks the
    # formatting of everything else (see tools/ruff_format.py).
    result = subprocess.run(
        [sys.executable, "tools/ruff_format.py", "--check", *PATHS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"run `make format`:\n{result.stdout}{result.stderr}"


def test_output_marker_is_not_mangled():
    bad = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in snippet_files()
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.match(r"\s*# > ", line)
    ]
    assert not bad, f"`# >` where the output marker `#>` belongs (make format): {bad}"
