"""The built site in headless Chromium: every formula typeset, nothing leaves the machine.

Each page of the strict build is opened from 127.0.0.1. A page passes when
every formula typeset with no MathJax error, the console shows no error, no
request failed and no request went to another host (such requests are
aborted before they leave). A screenshot of each page is saved under
build/screenshots/ for review.

Chromium: Debian's `chromium` (or CHROMIUM=/path). Without one these tests
skip with a message, unless REQUIRE_BROWSER=1 (as in .ci/run) makes that a
failure.
"""

import os
import re

import pytest

from tests.conftest import ROOT
from tools.browser import (
    HOW_TO_GET_CHROMIUM,
    MATH_REPORT_JS,
    PageLog,
    find_chromium,
    launch,
    math_problems,
    serve,
    site_pages,
)

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "build" / "screenshots"


@pytest.fixture(scope="module")
def chromium():
    path = find_chromium()
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {HOW_TO_GET_CHROMIUM}")
        pytest.skip(HOW_TO_GET_CHROMIUM)
    return path


@pytest.fixture(scope="module")
def site(built_site):
    site_dir, port, _ = built_site
    with serve(site_dir, port) as base_url:
        yield site_dir, base_url


@pytest.fixture(scope="module")
def browser(chromium):
    with launch(chromium) as b:
        yield b


def open_page(browser, base_url, path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log = PageLog(base_url)
    log.attach(page)
    page.goto(base_url + path, wait_until="load")
    report = page.evaluate(MATH_REPORT_JS)
    return page, log, report


def test_every_page_typesets_with_no_error_and_no_outside_request(browser, site):
    site_dir, base_url = site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = site_pages(site_dir)
    assert "matrix_vector/" in pages and "" in pages
    failures = {}
    total_formulas = 0
    for path in pages:
        page, log, report = open_page(browser, base_url, path)
        page.wait_for_load_state("networkidle")
        name = re.sub(r"[^\w]+", "_", path).strip("_") or "index"
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
        problems = math_problems(report) + log.problems()
        if path.startswith("labs/") and report.get("notebookMath", 0) == 0:
            problems.append("no math typeset in the notebook's Markdown cells")
        if problems:
            failures[path or "/"] = problems
        total_formulas += report.get("formulas", 0)
        page.close()
    assert not failures, failures
    assert total_formulas > 20, "the pages should hold formulas to check"


def test_instant_navigation_retypesets_math(browser, site):
    _, base_url = site
    page, log, _ = open_page(browser, base_url, "")
    page.evaluate("window.__sameDocument = true")  # lost on a full reload
    page.click('nav.md-nav a[href$="matrix_vector/"]')
    page.wait_for_url(re.compile(r".*/matrix_vector/$"))
    page.wait_for_function(
        "document.querySelectorAll('article .arithmatex').length > 0 && "
        "[...document.querySelectorAll('article .arithmatex')]"
        ".every(el => el.querySelector('mjx-container'))",
        timeout=10_000,
    )
    assert page.evaluate("window.__sameDocument === true"), (
        "navigation reloaded the page"
    )
    report = page.evaluate(MATH_REPORT_JS)
    assert report["formulas"] > 0
    assert math_problems(report) == [] and log.problems() == []
    page.close()


def test_checker_reports_tex_errors_and_outside_requests(browser, site):
    """The page checks can fail: an undefined macro, a too-wide formula, a CDN
    request, a double render."""
    _, base_url = site
    page, log, _ = open_page(browser, base_url, "notation/")
    page.evaluate(
        """async () => {
          const span = document.createElement('span');
          span.className = 'arithmatex';
          span.textContent = '\\\\(\\\\nosuchmacro{x}\\\\)';
          document.querySelector('article').appendChild(span);
          const img = document.createElement('img');
          img.src = 'https://cdn.example.invalid/x.png';
          document.querySelector('article').appendChild(img);
          const wide = document.createElement('div');
          wide.className = 'arithmatex';
          wide.textContent = '\\\\[' + 'x_1 + '.repeat(200) + 'x \\\\]';
          document.querySelector('article').appendChild(wide);
          await MathJax.typesetPromise([span, wide]);
        }"""
    )
    page.wait_for_timeout(300)
    report = page.evaluate(MATH_REPORT_JS)
    problems = math_problems(report)
    assert any("nosuchmacro" in p for p in problems), problems
    assert any("wider than the column" in p for p in problems), problems
    assert any("cdn.example.invalid" in p for p in log.problems()), log.problems()
    # A second pass over the whole page (what the first document$ emission
    # used to trigger) renders formulas twice: the check sees it.
    page.evaluate("async () => { await MathJax.typesetPromise(); }")
    assert any(
        "rendered twice" in p for p in math_problems(page.evaluate(MATH_REPORT_JS))
    )
    page.close()


def test_search_works_offline_and_highlights(browser, site):
    """The search index is served by the site; a result opens with the term highlighted."""
    _, base_url = site
    page, log, _ = open_page(browser, base_url, "")
    page.click(".md-search__input")
    page.keyboard.type("Kronecker", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    links = page.eval_on_selector_all(
        ".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))"
    )
    assert any("notation/" in href for href in links), links
    assert "h=kronecker" in links[0], links  # the term travels to the page
    page.click(".md-search-result__item a")
    page.wait_for_url(re.compile(r".*h=kronecker.*"))
    page.wait_for_selector("article mark", state="attached", timeout=10_000)
    marks = page.eval_on_selector_all(
        "article mark", "els => els.map(e => e.textContent)"
    )
    assert marks and all(m.lower() == "kronecker" for m in marks), (
        marks
    )  # search.highlight
    assert log.problems() == []
    page.close()
