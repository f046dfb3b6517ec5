"""Math rendered at build time: MathJax's markup, errors that fail, a cache that holds."""

import re

import pytest

from tools.mathjax_render import (
    BODY_SCALE,
    FONTS_DIR,
    SMALL_SCALE,
    Renderer,
    TeXError,
    render_page,
)


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    with Renderer(cache_dir=tmp_path_factory.mktemp("mathjax-cache")) as r:
        yield r


def test_a_formula_becomes_chtml_with_mathml_for_screen_readers(renderer):
    markup = renderer.render(
        r"\frac{\partial b_i}{\partial W_{jk}} = \delta_{ij} a_k", True
    )
    assert markup.startswith('<mjx-container class="MathJax" jax="CHTML"')
    assert 'display="true"' in markup
    assert "<mjx-assistive-mml" in markup and "<mfrac>" in markup


def test_an_undefined_macro_is_an_error_naming_it(renderer):
    with pytest.raises(TeXError, match=r"nosuchmacro"):
        renderer.render(r"x + \nosuchmacro{y}", False)


def test_a_warm_cache_never_starts_mathjax(tmp_path):
    with Renderer(cache_dir=tmp_path) as first:
        markup = first.render("a^2 + b^2", False)
        first.save()
    with Renderer(cache_dir=tmp_path) as second:
        assert second.render("a^2 + b^2", False) == markup
        assert second.converted == 0 and second._ctx is None


def test_the_stylesheet_holds_the_glyphs_used_and_serves_our_fonts(tmp_path):
    with Renderer(cache_dir=tmp_path) as r:
        r.render("a", False)
        css = r.stylesheet()
    assert "mjx-c.mjx-c1D44E.TEX-I::before" in css  # italic a: used
    assert "mjx-c1D467" not in css  # italic z: never used, no rule
    fonts = re.findall(r'url\("\.\./mathjax/fonts/([\w-]+\.woff2?)"\)', css)
    assert fonts and all((FONTS_DIR / f).is_file() for f in fonts)
    assert "FONTURL" not in css


def test_a_page_has_its_arithmatex_and_notebook_math_rendered(renderer):
    page = (
        '<p>body <span class="arithmatex">\\(x &lt; y\\)</span></p>'
        '<div class="admonition note"><p><span class="arithmatex">\\(z\\)</span></p></div>'
        '<div class="arithmatex">\\[ \\sum_i x_i \\]</div>'
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown"><p>cell $a_k$ and '
        "$$b$$ but not <code>$code$</code></p></div>"
    )
    out = render_page(page, renderer)
    assert out.count("<mjx-container") == 5
    assert 'data-tex="x &lt; y"' in out  # the TeX, for copying
    body, small = out.split("admonition", 1)
    assert f"font-size: {BODY_SCALE}" in body and f"font-size: {SMALL_SCALE}" in small
    assert "<code>$code$</code>" in out
    assert "\\(" not in out and "\\[" not in out
