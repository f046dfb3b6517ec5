"""The whole book as one PDF, printed by headless Chromium from the print page.

tools/book.py prints print/index.html, part by part, to book.pdf. This test
prints it from the real build and reads it back with PDFium (pypdfium2): every chapter is
there, in nav order, with a bookmark and its title in the text; no TeX leaked
into the text; and on the printed pages no code block or figure is wider than
the page's column.
"""

import os
import re

import pypdfium2 as pdfium
import pytest

from tests.discover import ROOT
from tools.book import print_pdf
from tools.browser import HOW_TO_GET_CHROMIUM, find_chromium

# What a formula that did not typeset leaves in a PDF's text.
RAW_TEX = re.compile(
    r"\\(?:frac|mathrm|partial|sum|begin|end|left|right|delta)\b|\$|\\\(|\\\["
)

# Code blocks, figures and tables wider than the printed column.
OVERFLOW_JS = """() => {
  const col = document.querySelector('.md-content__inner').getBoundingClientRect();
  const wide = [];
  for (const el of document.querySelectorAll(
      '.md-content__inner pre, .md-content__inner img, .md-content__inner svg, '
      + '.md-content__inner table')) {
    const r = el.getBoundingClientRect();
    const cut = el.tagName === 'PRE' && el.scrollWidth > el.clientWidth + 1;
    if (r.width > 0 && (r.right > col.right + 1 || cut)) {
      wide.push(el.tagName + ': ' + (el.textContent || el.getAttribute('src') || '').slice(0, 60));
    }
  }
  return wide;
}"""


def raw_tex(text):
    return RAW_TEX.findall(text)


def read_pdf(path):
    """(bookmarks [(title, page index)], every page's text), read with PDFium."""
    pdf = pdfium.PdfDocument(path)
    try:
        bookmarks = [(b.get_title(), b.get_dest().get_index()) for b in pdf.get_toc()]
        texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    return bookmarks, texts


@pytest.fixture(scope="module")
def book(built_site):
    chromium = find_chromium()
    if not chromium:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {HOW_TO_GET_CHROMIUM}")
        pytest.skip(HOW_TO_GET_CHROMIUM)
    site_dir, _, _ = built_site
    wide = {}

    def inspect(title, page):
        wide[title] = page.evaluate(OVERFLOW_JS)

    path = print_pdf(site_dir, chromium, inspect=inspect)
    bookmarks, texts = read_pdf(path)
    return bookmarks, wide, path, texts


def nav_titles():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)["nav"]

    def walk(items):
        for item in items:
            for title, value in item.items():
                if isinstance(value, list):
                    yield from walk(value)
                else:
                    yield title

    return list(walk(nav))


def test_pdf_has_every_chapter_in_nav_order_with_its_bookmark(book):
    outline, _, path, texts = book
    titles = nav_titles()
    assert [t for t, _ in outline] == ["Contents", *titles]
    pages = [p for _, p in outline]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)
    assert len(texts) > 2 * len(titles), "every chapter prints its pages"
    for title, first in outline[1:]:
        text = texts[first]
        assert title in text, f"{title!r} not on page {first + 1}"
    print(f"\nbook.pdf: {len(texts)} pages, {path.stat().st_size / 2**20:.1f} MiB")


def test_pdf_text_has_no_raw_tex(book):
    *_, texts = book
    leaks = {}
    for i, text in enumerate(texts):
        found = raw_tex(text)
        if found:
            leaks[i + 1] = found[:5]
    assert not leaks, f"TeX in the PDF's text (page: matches): {leaks}"


def test_raw_tex_check_catches_an_untypeset_formula():
    # Planted: what an untypeset formula would leave in the text.
    assert raw_tex(r"the gradient $\frac{\partial L}{\partial W}$ is")
    assert raw_tex(r"\(x\)") and not raw_tex("dW = X.T @ dY, 8 TiB")


def test_printed_code_wraps_and_figures_fit_the_column(book):
    _, wide, *_ = book
    assert not {t: w for t, w in wide.items() if w}, wide
