"""The built site in headless Chromium: every formula rendered, nothing leaves the machine.

Each page of the strict build is opened from 127.0.0.1. The math was
rendered at build time, so a page passes when every formula is CHTML markup
with its MathML and no MathJax error, no MathJax script was loaded or
requested, the console shows no error, no request failed and no request went
to another host (such requests are aborted before they leave). A screenshot
of each page is saved under build/screenshots/ for review.

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
    full_page_screenshot,
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


def problems(page, log):
    return math_problems(page.evaluate(MATH_REPORT_JS), log.requests) + log.problems()


def test_every_page_typesets_with_no_error_and_no_outside_request(browser, site):
    site_dir, base_url = site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = site_pages(site_dir)
    assert "matrix_vector/" in pages and "" in pages
    failures = {}
    total_formulas = 0
    for path in pages:
        page, log, report = open_page(browser, base_url, path)
        log.settle(page)
        name = re.sub(r"[^\w]+", "_", path).strip("_") or "index"
        # Screenshots to look at (about 2 s a page): SCREENSHOTS=1 make test.
        # The whole book (print/) is too tall for one.
        if os.environ.get("SCREENSHOTS") == "1" and path != "print/":
            full_page_screenshot(page, SCREENSHOTS / f"{name}.png")
        found = problems(page, log)
        if path.startswith("labs/") and report["formulas"] == 0:
            found.append("no math rendered in the notebook's Markdown cells")
        if found:
            failures[path or "/"] = found
        total_formulas += report["formulas"]
        page.close()
    assert not failures, failures
    assert total_formulas > 20, "the pages should hold formulas to check"


def test_navigation_shows_rendered_math(browser, site):
    _, base_url = site
    page, log, _ = open_page(browser, base_url, "")
    # Let the home page finish its font loads first: a click while a font is
    # still in flight aborts it (net::ERR_ABORTED), which is the browser
    # leaving the page, not a fault of either page (seen once in CI).
    log.settle(page)
    page.click('nav.md-nav a[href$="matrix_vector/"]')
    page.wait_for_url(re.compile(r".*/matrix_vector/$"))
    page.wait_for_selector("article .arithmatex mjx-container", timeout=10_000)
    log.settle(page)
    report = page.evaluate(MATH_REPORT_JS)
    assert report["formulas"] > 0
    assert problems(page, log) == []
    page.close()


def test_checker_reports_what_it_should(browser, site):
    """The page checks can fail: a MathJax error, a formula left as TeX, a formula
    without MathML, a too-wide formula, a MathJax script, a CDN request."""
    _, base_url = site
    page, log, _ = open_page(browser, base_url, "notation/")
    page.evaluate(
        """() => {
          const article = document.querySelector('article');
          const add = (html) => article.insertAdjacentHTML('beforeend', html);
          add('<span class="arithmatex"><mjx-container><mjx-merror '
              + 'data-mjx-error="Undefined control sequence \\\\nosuchmacro">'
              + '</mjx-merror></mjx-container></span>');
          add('<span class="arithmatex">\\\\(x\\\\)</span>');
          add('<div class="arithmatex" data-tex="wide"><mjx-container display="true" '
              + 'style="display:block; overflow:auto"><span style="display:inline-block; '
              + 'width:5000px">wide</span></mjx-container></div>');
          add('<img src="https://cdn.example.invalid/x.png">');
          const s = document.createElement('script');
          s.src = '/assets/mathjax/es5/tex-mml-chtml.js';
          document.head.appendChild(s);
        }"""
    )
    page.wait_for_timeout(300)
    found = problems(page, log)
    expected = [
        "nosuchmacro",
        "not rendered to markup",
        "without MathML",
        "wider than the column",
        "MathJax script on the page",
        "MathJax script requested",
        "cdn.example.invalid",
    ]
    for needle in expected:
        assert any(needle in p for p in found), (needle, found)
    page.close()


def test_search_works_offline_and_highlights(browser, site):
    """The search index is served by the site; a result opens with the term highlighted."""
    _, base_url = site
    page, log, _ = open_page(browser, base_url, "")
    log.settle(page)  # nothing of the home page in flight when the result is clicked
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
    log.settle(page)
    marks = page.eval_on_selector_all(
        "article mark", "els => els.map(e => e.textContent)"
    )
    assert marks and all(m.lower() == "kronecker" for m in marks), (
        marks
    )  # search.highlight
    assert log.problems() == []
    page.close()


COPY_JS = """
(selector) => {
  const block = document.querySelector(selector);
  const range = document.createRange();
  range.selectNodeContents(block);
  const selection = document.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  const data = new DataTransfer();
  const event = new ClipboardEvent('copy', {clipboardData: data, bubbles: true, cancelable: true});
  block.dispatchEvent(event);
  return [data.getData('text/plain'), event.defaultPrevented,
          [block, ...block.querySelectorAll('[data-tex]')]
            .filter(el => el.dataset.tex).map(el => el.dataset.tex)];
}
"""


def test_copying_a_selection_with_math_gives_its_tex(browser, site):
    _, base_url = site
    page, log, _ = open_page(browser, base_url, "matrix_vector/")
    paragraph = "article p:has(.arithmatex)"
    text, handled, formulas = page.evaluate(COPY_JS, paragraph)
    assert handled and formulas
    for tex in formulas:
        assert f"${tex}$" in text, (tex, text)
    assert "mjx" not in text and "<math" not in text
    display = "article div.arithmatex"
    text, handled, formulas = page.evaluate(COPY_JS, display)
    assert handled and text.strip() == f"$${formulas[0]}$$"
    assert log.problems() == []
    page.close()


def test_math_scales_with_the_text_when_the_reader_zooms(browser, site):
    _, base_url = site
    page, _, _ = open_page(browser, base_url, "matrix_vector/")
    width = (
        "document.querySelector('article mjx-container').getBoundingClientRect().width"
    )
    before = page.evaluate(width)
    page.evaluate("document.documentElement.style.fontSize = '250%'")  # Material: 125 %
    after = page.evaluate(width)
    assert after / before == pytest.approx(2.0, rel=0.02)
    page.close()
