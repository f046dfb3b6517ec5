"""The site's snippets. Each file imports only NumPy and ``gradcheck``.

A reader copies a snippet file and ``gradcheck.py`` into one folder and runs
``python <snippet>.py``: there ``gradcheck`` is the file beside it. In this
repository the snippets run as ``python -m snippets.<chapter>.<concept>``, and
this package puts its own folder on the import path so that the same
``from gradcheck import ...`` line finds ``snippets/gradcheck.py``.
"""

import sys
from pathlib import Path

if str(Path(__file__).parent) not in sys.path:
    sys.path.append(str(Path(__file__).parent))
