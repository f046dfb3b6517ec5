"""PyTorch and JAX for the tests that need them: the optional frameworks group.

`make test` without them skips those tests with one line saying how to install
them; with REQUIRE_FRAMEWORKS=1 (as in .ci/run) a missing framework fails.
"""

import importlib
import os

import pytest

HOW_TO_INSTALL = (
    "{name} is not installed: `make frameworks` installs PyTorch and JAX "
    "(CPU builds, requirements-frameworks.txt) into .venv"
)


def require(module, name=None):
    """Import a framework's module, or skip (fail under REQUIRE_FRAMEWORKS=1)."""
    name = name or module.split(".")[0]
    try:
        return importlib.import_module(module)
    except ImportError:
        message = HOW_TO_INSTALL.format(name=name)
        if os.environ.get("REQUIRE_FRAMEWORKS") == "1":
            pytest.fail(f"REQUIRE_FRAMEWORKS=1 but {message}")
        pytest.skip(message)
