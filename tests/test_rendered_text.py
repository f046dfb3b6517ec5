"""No TeX shows as text: a `$`, `\\(` or `\\[` outside math on a built page is a bug.

A `$` that wraps inline code (`$s = $` then `code`), or an unbalanced one,
is not consumed by the math extension and reaches the reader literally.
"""

import pytest

from tools.browser import site_pages
from tools.rendered_text import literal_tex

pytestmark = pytest.mark.build


def test_no_page_shows_literal_tex(built_site):
    site_dir, _, _ = built_site
    found = {}
    for path in site_pages(site_dir):
        html = (site_dir / path / "index.html").read_text(encoding="utf-8")
        bad = literal_tex(html)
        if bad:
            found[path or "/"] = bad
    assert not found, f"TeX delimiters shown as text: {found}"


@pytest.mark.parametrize(
    "planted",
    [
        "<p>so $s = $ <code>X.sum()</code>, a scalar</p>",  # the bug reductions.md had
        "<p>the mean \\(\\mu\\) of a row</p>",  # math the extension never saw
        "<p>display \\[ x \\]</p>",
    ],
)
def test_the_check_catches_planted_literal_tex(planted):
    page = f"<html><body><article>{planted}</article></body></html>"
    assert literal_tex(page), planted


def test_the_check_ignores_math_and_code():
    page = (
        "<article><p>Typeset: <span class='arithmatex'>\\(x\\)</span>, "
        "<mjx-container>$</mjx-container>, code <code>a$b</code>, "
        "<div class='highlight'><pre>\\(</pre></div> and a plain word.</p></article>"
        "<nav>$ outside the article</nav>"
    )
    assert literal_tex(page) == []
