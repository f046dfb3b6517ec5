"""The text a reader sees on a built page, outside math and code.

Used by tests/test_rendered_text.py: TeX delimiters left in that text (a `$`,
`\\(` or `\\[` that no formula consumed) show literally on the page.
"""

import html.parser
import re

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}  # fmt: skip
SKIPPED_TAGS = {"code", "pre", "script", "style", "mjx-container", "svg", "math"}
SKIPPED_CLASSES = re.compile(r"\b(arithmatex|MathJax|highlight)\b")
LITERAL_TEX = re.compile(r"\$|\\\(|\\\)|\\\[|\\\]")


class _ArticleText(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.skip = 0
        self.chunks = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if tag == "article":
            self.in_article += 1
        if self.skip:
            self.skip += 1
        elif tag in SKIPPED_TAGS or SKIPPED_CLASSES.search(
            dict(attrs).get("class") or ""
        ):
            self.skip = 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.skip:
            self.skip -= 1
        if tag == "article":
            self.in_article -= 1

    def handle_data(self, data):
        if self.in_article and not self.skip:
            self.chunks.append(data)


def article_text(page_html):
    """The article's text with math, code blocks and inline code left out."""
    parser = _ArticleText()
    parser.feed(page_html)
    return "".join(parser.chunks)


def literal_tex(page_html, context=30):
    """Each TeX delimiter showing as text, with the text around it."""
    text = article_text(page_html)
    return [
        text[max(0, m.start() - context) : m.end() + context].replace("\n", " ")
        for m in LITERAL_TEX.finditer(text)
    ]
