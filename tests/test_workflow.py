"""The GitHub workflow passes zizmor's audit of GitHub Actions, offline."""

import subprocess
import sys
from pathlib import Path

from tests.discover import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ZIZMOR = Path(sys.executable).with_name("zizmor")


def zizmor(path):
    return subprocess.run(
        [str(ZIZMOR), "--offline", "--no-progress", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_workflows_have_no_zizmor_findings():
    result = zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_catches_a_checkout_that_keeps_its_credentials(tmp_path):
    # Planted: the same workflow with persist-credentials removed.
    planted = tmp_path / ".github" / "workflows"
    planted.mkdir(parents=True)
    for path in WORKFLOWS.glob("*.yml"):
        text = path.read_text().replace(
            "        with:\n          persist-credentials: false\n", ""
        )
        assert text != path.read_text()
        (planted / path.name).write_text(text)
    result = zizmor(planted)
    assert result.returncode != 0
    assert "artipacked" in result.stdout + result.stderr


def test_every_checkout_drops_its_credentials():
    for path in WORKFLOWS.glob("*.yml"):
        lines = path.read_text().splitlines()
        for i, line in enumerate(lines):
            if "actions/checkout@" in line:
                assert lines[i + 1 : i + 3] == [
                    "        with:",
                    "          persist-credentials: false",
                ], f"{path.name}:{i + 1}: checkout without persist-credentials: false"
