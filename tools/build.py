"""One way to run the strict build, shared by the tests and the benchmark."""

import os
import subprocess
import sys


def mkdocs_build(config_dir, site_dir, site_url=None, execute=True):
    """Run `mkdocs build --strict`; return the completed process (output captured).

    execute: run the notebooks (NOTEBOOK_EXECUTE); site_url: the address the
    site will be served from (SITE_URL).
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["NOTEBOOK_EXECUTE"] = "true" if execute else "false"
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=config_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
