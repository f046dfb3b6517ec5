"""Shared fixtures: the repository root and one strict build of the site."""

from pathlib import Path

import pytest

from tools.browser import free_port
from tools.build import mkdocs_build

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site, built once with --strict (notebooks executed).

    Built for the address the browser tests serve it from, so that its
    canonical links point at the pages being tested.
    """
    port = free_port()
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir, site_url=f"http://127.0.0.1:{port}/")
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return site_dir, port, result
