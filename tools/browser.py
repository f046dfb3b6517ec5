"""Serve a built site on 127.0.0.1 and inspect its pages in headless Chromium.

Shared by the browser tests (tests/test_browser.py) and the benchmark
(tools/bench.py). Chromium is Debian's `chromium` binary, driven by
Playwright's Python package: no browser download.
"""

import contextlib
import functools
import gzip
import http.server
import io
import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

HOW_TO_GET_CHROMIUM = (
    "no Chromium found: install Debian's package (`sudo apt-get install chromium`) "
    "or set CHROMIUM=/path/to/chromium"
)


def find_chromium():
    """Path of a Chromium binary, or None."""
    env = os.environ.get("CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@functools.lru_cache(maxsize=512)
def _gzipped(path):
    return gzip.compress(path.read_bytes(), mtime=0)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types when asked, as GitHub Pages serves them."""

    COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".xml", ".py", ".txt")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the slash URL
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzip_ok and path.suffix in self.COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory, port):
    """Serve `directory` at http://127.0.0.1:<port>/ in a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


# Blocks below the first screen use `content-visibility: auto`: the browser
# paints them only near the viewport, so a full-page screenshot would show
# them blank. Screenshots add this style first.
PAINT_EVERYTHING_CSS = (
    ".md-content__inner > * { content-visibility: visible !important; }"
)


def full_page_screenshot(page, path):
    page.add_style_tag(content=PAINT_EVERYTHING_CSS)
    page.screenshot(path=path, full_page=True)


def site_pages(site_dir):
    """Relative URLs of every HTML page of a built site (404 page excluded)."""
    site_dir = Path(site_dir)
    pages = []
    for index in sorted(site_dir.rglob("index.html")):
        rel = index.parent.relative_to(site_dir).as_posix()
        if rel.startswith(("assets", "search")):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


@contextlib.contextmanager
def launch(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


class PageLog:
    """Everything a page did that a reader would not want: errors and requests."""

    def __init__(self, base_url):
        self.host = urlparse(base_url).netloc
        self.requests = []
        self.blocked = []  # requests to any other host: aborted, never sent
        self.failed = []
        self.pending = set()  # requests sent, not yet finished or failed
        self.console_errors = []
        self.page_errors = []
        self.bytes = 0

    def attach(self, page, block=True):
        """Record what the page does; with block, abort off-host requests unsent.

        Routing every request through Playwright adds latency: the benchmark
        attaches with block=False and only observes.
        """
        if block:
            page.route("**/*", self._route)
        else:
            page.on("request", self._observe_host)
        page.on("request", self._on_request)
        page.on("requestfinished", self._done)
        page.on("requestfailed", self._on_failed)
        page.on("response", self._on_response)
        page.on("console", self._on_console)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).netloc == self.host:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _observe_host(self, request):
        url = request.url
        if not url.startswith(("data:", "blob:")) and urlparse(url).netloc != self.host:
            self.blocked.append(url)

    def _on_request(self, request):
        self.requests.append(request.url)
        self.pending.add(request)

    def _done(self, request):
        self.pending.discard(request)

    def settle(self, page, timeout=10.0):
        """Wait until the page's fonts are loaded and no request is in flight.

        What `wait_for_load_state("networkidle")` checks, without its fixed
        500 ms of quiet on every page. Raises TimeoutError with what is pending.
        """
        deadline = time.monotonic() + timeout
        quiet = 0
        while quiet < 2:  # twice in a row: a font load can start a request
            page.evaluate("document.fonts.ready.then(() => true)")
            quiet = quiet + 1 if not self.pending else 0
            if time.monotonic() > deadline:
                urls = sorted(r.url for r in self.pending)
                raise TimeoutError(
                    f"requests still in flight after {timeout} s: {urls}"
                )
            page.wait_for_timeout(20)

    def _on_failed(self, request):
        self.pending.discard(request)
        if request.url not in self.blocked:
            self.failed.append(f"{request.url} ({request.failure})")

    def _on_response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")
        with contextlib.suppress(Exception):
            sizes = response.request.sizes()
            self.bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]

    def _on_console(self, msg):
        if msg.type == "error":
            self.console_errors.append(msg.text)

    def problems(self):
        out = []
        out += [f"request to another host: {u}" for u in self.blocked]
        out += [f"failed request: {u}" for u in self.failed]
        out += [f"console error: {m}" for m in self.console_errors]
        out += [f"page error: {m}" for m in self.page_errors]
        return out


# Runs in the page: is every formula rendered markup, with no error?
# The math is rendered at build time (tools/mathjax_render.py); the browser
# runs no math JavaScript, so this only reads the DOM.
MATH_REPORT_JS = """
() => {
  const arith = [...document.querySelectorAll('article .arithmatex')];
  const unrendered = arith.filter(el => el.querySelectorAll('mjx-container').length !== 1)
                          .map(el => el.textContent.slice(0, 80));
  const errors = [...document.querySelectorAll('mjx-merror')]
                   .map(el => el.getAttribute('data-mjx-error') || el.textContent);
  // Every formula keeps its MathML for screen readers.
  const noMathML = arith.filter(el => !el.querySelector('mjx-assistive-mml > math'))
                        .map(el => (el.dataset.tex || '').slice(0, 80));
  // Display math wider than the text column scrolls sideways: split it.
  const wide = [...document.querySelectorAll('article mjx-container[display="true"]')]
    .filter(c => c.scrollWidth > c.clientWidth + 2)
    .map(c => (c.closest('.arithmatex') || c).textContent.slice(0, 80));
  const scripts = [...document.scripts].map(s => s.src).filter(src => /mathjax/i.test(src));
  return {
    formulas: arith.length,
    rendered: document.querySelectorAll('article mjx-container').length,
    mathjaxGlobal: typeof window.MathJax !== 'undefined',
    unrendered, errors, noMathML, wide, scripts,
  };
}
"""


def math_problems(report, requests=()):
    """Human-readable problems from MATH_REPORT_JS's result and the page's requests."""
    out = [f"formula not rendered to markup: {t!r}" for t in report["unrendered"]]
    out += [f"MathJax error: {e}" for e in report["errors"]]
    out += [
        f"formula without MathML for screen readers: {t!r}" for t in report["noMathML"]
    ]
    out += [f"display formula wider than the column: {t!r}" for t in report["wide"]]
    out += [f"MathJax script on the page: {s}" for s in report["scripts"]]
    out += [
        f"MathJax script requested: {u}"
        for u in requests
        if re.search(r"mathjax[^/]*\.js|/es5/", u, re.I)
    ]
    if report["mathjaxGlobal"]:
        out.append("a MathJax global exists: math JavaScript ran in the browser")
    return out
