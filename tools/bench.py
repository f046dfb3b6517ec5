"""`make bench`: build time, and per page the cold-load weight and time to typeset.

Prints
  * the wall time of `mkdocs build --strict`, with and without notebook
    execution (best and median of several runs);
  * per page, on a cold load (a fresh browser context, nothing cached):
    bytes transferred (bodies + headers, text gzip-compressed as GitHub Pages
    serves it) and the time from navigation start until MathJax has typeset
    every formula of the page ("text": first contentful paint, when the
    reader sees the page's text).

Targets on a 2-core machine: a build without notebook execution under 5 s,
every page typeset within 1 s, no page over 2 MB cold. This is a benchmark,
not a test: it reports, it does not fail.
"""

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tools.browser import (
    MATH_REPORT_JS,
    PageLog,
    find_chromium,
    free_port,
    launch,
    serve,
    site_pages,
)
from tools.build import mkdocs_build

ROOT = Path(__file__).resolve().parents[1]


def build(site_dir, execute, site_url=None):
    """Seconds one strict build takes (raises if it fails)."""
    start = time.perf_counter()
    result = mkdocs_build(ROOT, site_dir, site_url=site_url, execute=execute)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"build failed:\n{result.stdout}{result.stderr}")
    return seconds


def bench_builds(runs):
    """Cold: .cache/ emptied first (figures redrawn, notebook converted or run).
    Warm: the caches a previous build left (what `make serve` rebuilds see)."""
    print(f"strict build (seconds): cold = no .cache/, warm = best/median of {runs}")
    with tempfile.TemporaryDirectory() as tmp:
        for execute in (False, True):
            shutil.rmtree(ROOT / ".cache", ignore_errors=True)
            cold = build(Path(tmp) / "site", execute)
            warm = [build(Path(tmp) / "site", execute) for _ in range(runs)]
            label = (
                "with notebook execution   "
                if execute
                else "without notebook execution"
            )
            print(
                f"  {label}: cold {cold:.2f}   warm best {min(warm):.2f}"
                f"  median {statistics.median(warm):.2f}"
            )


TYPESET_TIME_JS = """
async () => {
  await MathJax.startup.promise;
  const typeset = performance.now();
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return [typeset, fcp ? fcp.startTime : NaN];
}
"""


def bench_pages():
    chromium = find_chromium()
    if chromium is None:
        print("no Chromium found: page numbers skipped")
        return
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        build(site_dir, execute=True, site_url=f"http://127.0.0.1:{port}/")
        with serve(site_dir, port) as base_url, launch(chromium) as browser:
            print("\nper page, cold load")
            print(
                f"  {'page':<32} {'requests':>8} {'bytes':>11} {'text (ms)':>10}"
                f" {'typeset (ms)':>13} formulas"
            )
            worst_bytes = worst_ms = 0
            for path in site_pages(site_dir):
                context = browser.new_context()  # empty cache
                page = context.new_page()
                log = PageLog(base_url)
                log.attach(page, block=False)
                page.goto(base_url + path, wait_until="commit")
                page.wait_for_function(
                    "() => window.MathJax && MathJax.startup && MathJax.startup.promise",
                    polling=10,
                )
                typeset_ms, paint_ms = page.evaluate(TYPESET_TIME_JS)
                page.wait_for_load_state("networkidle")
                report = page.evaluate(MATH_REPORT_JS)
                worst_bytes = max(worst_bytes, log.bytes)
                worst_ms = max(worst_ms, typeset_ms)
                print(
                    f"  {'/' + path:<32} {len(log.requests):>8} {log.bytes:>11,} "
                    f"{paint_ms:>10.0f} {typeset_ms:>13.0f} {report.get('formulas', 0):>8}"
                )
                if log.problems():
                    print(f"    problems: {log.problems()}")
                context.close()
            print(f"  worst: {worst_bytes:,} bytes, typeset at {worst_ms:.0f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per variant")
    parser.add_argument("--pages-only", action="store_true", help="skip the builds")
    args = parser.parse_args()
    if not args.pages_only:
        bench_builds(args.runs)
    bench_pages()


if __name__ == "__main__":
    main()
