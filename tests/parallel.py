"""Run the snippet subprocesses of a parametrized test two at a time.

Each snippet runs in its own Python process; one at a time, the second core
sits idle. A module fixture runs, up front and in a thread pool, the
processes of exactly the test items this session selected (so `-k` still
runs only what it names), and each test asserts on its own result.
"""

import os
from concurrent.futures import ThreadPoolExecutor

WORKERS = max(1, min(2, os.cpu_count() or 1))


def selected_params(request, test_name, param):
    """The values of `param` for the items of `test_name` this session runs."""
    return [
        item.callspec.params[param]
        for item in request.session.items
        if getattr(item, "originalname", None) == test_name
    ]


def run_all(jobs):
    """{key: fn()} for {key: fn}, WORKERS at a time."""
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = {key: pool.submit(fn) for key, fn in jobs.items()}
    return {key: f.result() for key, f in futures.items()}
