"""The whole book: one print page with every chapter, and a PDF printed from it.

`print_page(site_dir, nav_pages)` runs at the end of every build
(tools/mkdocs_hooks.py): it takes each built page's article, in nav order,
and writes them into one page, print/index.html, that reuses the home page's
frame and the math already rendered. Every page sits one folder deep, as the
print page does, so their relative links and figures resolve unchanged (the
home page's and the lab's are rewritten to that depth).

`python -m tools.book SITE_DIR` (`make pdf`) prints that page to
SITE_DIR/book.pdf with headless Chromium (Playwright's page.pdf), serving the
site on 127.0.0.1 so that its fonts and figures load as on the web.
"""

import io
import re
import sys
from pathlib import Path

PRINT_DIR = "print"
PDF_NAME = "book.pdf"

_ARTICLE = re.compile(
    r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S
)
_REF = re.compile(r'\b(href|src)="(?![a-z][\w+.-]*:|#|/)([^"]*)"')
# Collapsed "whole file" blocks repeat the excerpts above them: left out.
_WHOLE_FILE = re.compile(
    r'<details class="example">\s*<summary>Whole file: .*?</details>', re.S
)
_EDIT_BUTTONS = re.compile(
    r'<a href="[^"]*" title="[^"]*" class="md-content__button.*?</a>', re.S
)


def _rebase(html, depth):
    """Relative links of a page `depth` folders deep, made right one folder deep."""
    if depth == 1:
        return html

    def fix(m):
        attr, ref = m.groups()
        if depth == 0:
            ref = "../" + ref
        else:
            ref = ref.removeprefix("../" * (depth - 1))
        return f'{attr}="{ref}"'

    return _REF.sub(fix, html)


def _article(path):
    m = _ARTICLE.search(path.read_text(encoding="utf-8"))
    if not m:
        raise ValueError(f"{path}: no article")
    return m.group(2)


def print_page(site_dir, nav_pages):
    """Write print/index.html; nav_pages: [(url, title)] in nav order."""
    site_dir = Path(site_dir)
    chapters = []
    for i, (url, title) in enumerate(nav_pages):
        depth = url.strip("/").count("/") + 1 if url.strip("/") else 0
        body = _article(site_dir / url / "index.html")
        body = _WHOLE_FILE.sub("", body)
        body = _EDIT_BUTTONS.sub("", body)
        # Exercises print with their solutions open.
        body = re.sub(
            r"<details class=\"(question|success)\"", r'<details open class="\1"', body
        )
        body = _rebase(body, depth)
        # Anchors stay unique on one page: each chapter's ids get its prefix.
        prefix = f"c{i}-"
        body = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}\1"', body)
        body = re.sub(r'href="#([^"]+)"', rf'href="#{prefix}\1"', body)
        chapters.append(
            f"<!-- book-chapter -->"
            f'<section class="book-chapter" id="chapter-{i}" '
            f'data-title="{title}">{body}</section><!-- /book-chapter -->'
        )
    toc = "".join(
        f'<li><a href="#chapter-{i}">{title}</a></li>'
        for i, (_, title) in enumerate(nav_pages)
    )
    front = (
        '<h1 id="book">Tensor derivatives for backprop: the whole book</h1>'
        "<p>Every chapter of the site on one page, in the order of its "
        "navigation, with the math rendered. "
        f'<a href="../{PDF_NAME}">The same as a PDF</a>. The collapsed '
        "whole-file listings are left out: each excerpt's title links to its file.</p>"
        f'<nav class="book-toc"><ol>{toc}</ol></nav>'
    )
    frame = (site_dir / "index.html").read_text(encoding="utf-8")
    frame = _rebase(frame, 0)
    # The home page's "Next: Notation" footer means nothing here (and its text
    # lost its contrast at the bottom of a page this long).
    frame = re.sub(
        r'<nav class="md-footer__inner[^"]*".*?</nav>', "", frame, count=1, flags=re.S
    )
    # Material's own configuration: its base (search index, worker) is relative too.
    frame = frame.replace('"base": "."', '"base": ".."', 1)
    frame = frame.replace('"search": "assets/', '"search": "../assets/', 1)
    frame = re.sub(
        r"<title>[^<]*</title>",
        "<title>The whole book - Tensor derivatives for backprop</title>",
        frame,
        count=1,
    )
    frame = re.sub(
        r'<meta name="description" content="[^"]*">',
        '<meta name="description" content="Tensor derivatives for backprop, the whole '
        "book on one page: every chapter in the order of the navigation, to read or "
        'print offline.">',
        frame,
        count=1,
    )
    frame = re.sub(
        r'(<link rel="canonical" href="[^"]*?)/?">',
        rf'\1/{PRINT_DIR}/">',
        frame,
        count=1,
    )
    m = _ARTICLE.search(frame)
    front = f"<!-- book-front -->{front}<!-- /book-front -->"
    html = frame[: m.start(2)] + front + "".join(chapters) + frame[m.end(2) :]
    html = html.replace('<body dir="ltr"', '<body dir="ltr" data-book', 1)
    out = site_dir / PRINT_DIR / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return out


_PART = re.compile(r"<!-- (book-front|book-chapter) -->(.*?)<!-- /\1 -->", re.S)


def book_parts(html):
    """The print page split into documents: its front matter, then one per chapter.

    Each keeps the page's whole frame (styles, fonts) around one part. Chromium
    prints a chapter-sized document in about a second, but the whole page, with
    every formula of the site in one DOM, in minutes.
    """
    parts = list(_PART.finditer(html))
    if not parts:
        raise ValueError("print page without book parts")
    head, tail = html[: parts[0].start()], html[parts[-1].end() :]
    # Each part is its own document: no page break before its first chapter.
    head = head.replace(
        "</head>", "<style>.book-chapter{break-before:auto!important}</style></head>", 1
    )
    titles = [re.search(r'data-title="([^"]*)"', p.group(2)) for p in parts]
    return [
        (t.group(1) if t else "Contents", head + p.group(2) + tail)
        for p, t in zip(parts, titles, strict=True)
    ]


def print_pdf(site_dir, chromium=None, inspect=None):
    """Print print/index.html of a built site to book.pdf; return its path.

    Each part (front matter, then each chapter) is printed on its own pages and
    the parts are joined with pypdf, with one bookmark per chapter.
    inspect(title, page), if given, sees each part loaded with print media.
    """
    from pypdf import PdfWriter

    from tools.browser import (
        HOW_TO_GET_CHROMIUM,
        find_chromium,
        free_port,
        launch,
        serve,
    )

    site_dir = Path(site_dir)
    chromium = chromium or find_chromium()
    if not chromium:
        raise SystemExit(HOW_TO_GET_CHROMIUM)
    html = (site_dir / PRINT_DIR / "index.html").read_text(encoding="utf-8")
    parts = book_parts(html)
    out = site_dir / PDF_NAME
    writer = PdfWriter()
    tmps = []
    tmp = (
        site_dir / PRINT_DIR / ".part.html"
    )  # beside the page: the same relative links
    try:
        with serve(site_dir, free_port()) as base, launch(chromium) as browser:
            page = browser.new_page()
            page.emulate_media(media="print")
            for i, (title, doc) in enumerate(parts):
                tmp = site_dir / PRINT_DIR / f".part-{i}.html"
                tmps.append(tmp)
                tmp.write_text(doc, encoding="utf-8")
                page.goto(f"{base}{PRINT_DIR}/{tmp.name}", wait_until="load")
                if inspect:
                    inspect(title, page)
                pdf = page.pdf(
                    format="A4",
                    print_background=True,
                    margin={
                        "top": "16mm",
                        "bottom": "16mm",
                        "left": "14mm",
                        "right": "14mm",
                    },
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=(
                        '<div style="font-size:8px;width:100%;text-align:center;color:#555">'
                        f"Tensor derivatives for backprop · {title}</div>"
                    ),
                )
                first = len(writer.pages)
                writer.append(io.BytesIO(pdf))
                writer.add_outline_item(title=title, page_number=first)
    finally:
        for tmp in tmps:
            tmp.unlink(missing_ok=True)
    writer.add_metadata({"/Title": "Tensor derivatives for backprop"})
    with open(out, "wb") as f:
        writer.write(f)
    return out


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    path = print_pdf(site)
    print(f"{path}: {path.stat().st_size / 2**20:.1f} MiB")
