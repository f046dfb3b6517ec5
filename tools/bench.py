"""`make bench`: build times, and Lighthouse on every page of the site.

Prints
  * the wall time of `mkdocs build --strict`, cold (no .cache/: figures drawn,
    every formula typeset, the notebook run) and warm (what a rebuild costs),
    with and without notebook execution;
  * per page, Lighthouse's mobile preset (a mid-range phone: 4x CPU slowdown,
    a throttled network), the median of several runs: the four category
    scores, total blocking time, largest contentful paint, cumulative layout
    shift, and the bytes a cold load transfers (gzip-compressed, as GitHub
    Pages serves the site).

Lighthouse is a measuring tool, not a dependency of the site: it is pinned in
tools/lighthouse/package-lock.json and installed there with `npm ci` on the
first run (needs Node and the npm registry). Chromium: Debian's `chromium`.

Targets on this 2-core machine: every page 95 or more in all four
categories; no math JavaScript; at most 300 KB transferred cold; a strict
build within 5 s warm and 15 s cold. This is a benchmark, not a test: it
reports, it does not fail.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from tools.browser import find_chromium, free_port, serve, site_pages
from tools.build import mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE_DIR = ROOT / "tools" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def build(site_dir, execute, site_url=None):
    """Seconds one strict build takes (raises if it fails)."""
    start = time.perf_counter()
    result = mkdocs_build(ROOT, site_dir, site_url=site_url, execute=execute)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"build failed:\n{result.stdout}{result.stderr}")
    return seconds


def bench_builds(runs):
    """Cold: .cache/ emptied first. Warm: the caches a previous build left."""
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


def install_lighthouse():
    if not LIGHTHOUSE.exists():
        print("installing Lighthouse (npm ci in tools/lighthouse/)")
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=LIGHTHOUSE_DIR,
            check=True,
        )


def lighthouse(url, chromium, out):
    """One Lighthouse run (mobile preset); returns its JSON report."""
    env = dict(os.environ, CHROME_PATH=chromium)
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        env=env,
        check=True,
        timeout=300,
    )
    return json.loads(Path(out).read_text(encoding="utf-8"))


def summary(report):
    audits = report["audits"]
    # A category Lighthouse could not score (a runtime error, a timeout) is
    # NaN, and its error is listed with the failed audits.
    row = {
        c: float("nan")
        if report["categories"][c]["score"] is None
        else round(report["categories"][c]["score"] * 100)
        for c in CATEGORIES
    }
    nan = float("nan")
    row["tbt"] = audits["total-blocking-time"].get("numericValue", nan)
    row["lcp"] = audits["largest-contentful-paint"].get("numericValue", nan)
    row["cls"] = audits["cumulative-layout-shift"].get("numericValue", nan)
    row["bytes"] = audits["total-byte-weight"].get("numericValue", nan)
    scripts = audits.get("bootup-time", {}).get("details", {}).get("items", [])
    row["math_js"] = sum(
        i.get("scripting", 0) for i in scripts if "mathjax" in i["url"].lower()
    )
    row["failed"] = sorted(
        a["id"]
        for c in ("accessibility", "seo", "best-practices")
        for ref in report["categories"][c]["auditRefs"]
        if ref["weight"] > 0
        for a in [audits[ref["id"]]]
        if a["score"] is not None and a["score"] < 1
    )
    if report.get("runtimeError"):
        row["failed"].append(f"runtime error: {report['runtimeError'].get('code')}")
    return row


def bench_pages(runs, only):
    chromium = find_chromium()
    if chromium is None:
        print("no Chromium found: Lighthouse skipped")
        return
    install_lighthouse()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        build(site_dir, execute=True, site_url=f"http://127.0.0.1:{port}/")
        pages = [p for p in site_pages(site_dir) if not only or p in only]
        print(f"\nLighthouse {version()} mobile, median of {runs} runs per page")
        head = f"  {'page':<30} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4}"
        print(head + f" {'TBT ms':>7} {'LCP s':>6} {'CLS':>6} {'KB':>6} {'math JS':>7}")
        with serve(site_dir, port) as base_url:
            for path in pages:
                rows = [
                    summary(
                        lighthouse(base_url + path, chromium, Path(tmp) / "lh.json")
                    )
                    for _ in range(runs)
                ]
                med = {
                    k: statistics.median(r[k] for r in rows)
                    for k in rows[0]
                    if k != "failed"
                }
                print(
                    f"  {'/' + path:<30} {med['performance']:>4.0f} {med['accessibility']:>4.0f}"
                    f" {med['best-practices']:>4.0f} {med['seo']:>4.0f} {med['tbt']:>7.0f}"
                    f" {med['lcp'] / 1000:>6.2f} {med['cls']:>6.3f} {med['bytes'] / 1024:>6.0f}"
                    f" {med['math_js']:>5.0f}ms"
                )
                failed = sorted({a for r in rows for a in r["failed"]})
                if failed:
                    print(f"    audits below 100: {', '.join(failed)}")


def bench_modes():
    """The forward/reverse-mode numbers the modes page plots (snippets/modes/)."""
    import time

    from snippets.modes.cheap_gradient import time_forward_backward
    from snippets.modes.crossover import crossover_timings

    print("jacfwd against jacrev (ms, best of 5): D_in, M_out, jacfwd, jacrev")
    for D_in, M_out, fwd, rev in crossover_timings(time.perf_counter):
        winner = "jacfwd" if fwd < rev else "jacrev"
        print(f"  {D_in:5d} {M_out:5d} {fwd * 1e3:9.3f} {rev * 1e3:9.3f}  {winner}")
    print("backward / forward time (best of 25)")
    for model, (fwd, bwd) in time_forward_backward(time.perf_counter).items():
        ratio = bwd / fwd
        print(
            f"  {model:8s} forward {fwd * 1e3:.3f} ms, backward {bwd * 1e3:.3f} ms: {ratio:.2f}x"
        )


def version():
    package = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per variant")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="runs per page")
    parser.add_argument("--pages-only", action="store_true", help="skip the builds")
    parser.add_argument(
        "--modes-only", action="store_true", help="only the modes timings"
    )
    parser.add_argument(
        "--page", action="append", help="only this page (e.g. linear_layer/)"
    )
    args = parser.parse_args()
    bench_modes()
    if args.modes_only:
        return
    if not args.pages_only:
        bench_builds(args.runs)
    bench_pages(args.lighthouse_runs, args.page)


if __name__ == "__main__":
    main()
