"""Math rendered at build time: MathJax 3 inside Python, no math JavaScript in the browser.

MathJax's own es5 components (vendored in tools/mathjax/ by
tools/vendor_mathjax.sh: startup, core, the liteDOM adaptor, tex-full input,
CHTML output with its TeX font data, assistive MathML) run in an embedded V8
(the `mini-racer` package; no Node). Each formula becomes the same CHTML
markup MathJax would have produced in the reader's browser, with its hidden
MathML for screen readers. The pages then need only a stylesheet and the
fonts: `stylesheet()` is MathJax's own adaptive CSS for the formulas of the
whole site (the rules of the glyphs and the layout elements they use).

Formulas are cached on disk, keyed by the MathJax files and the
configuration below: a build whose formulas are all cached never starts V8.
"""

import hashlib
import html
import json
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ES5 = ROOT / "tools" / "mathjax" / "es5"
COMPONENTS = [  # startup first: it sets up the loader the others register with
    "startup.js",
    "core.js",
    "adaptors/liteDOM.js",
    "input/tex-full.js",
    "output/chtml.js",
    "output/chtml/fonts/tex.js",
    "a11y/assistive-mml.js",
]
# What MathJax in the browser chose on these pages (matchFontHeight: the
# ex-height of the text font around a formula, measured in whole pixels):
# 119.5 % in body text (16 px), 119.6 % in the smaller text (12.8 px) of
# admonitions, collapsible blocks, tables and footnotes. render_page() applies
# the one that fits where each formula stands, so the pages look exactly as
# when the browser typeset them.
SCALE = 1.196
BODY_SCALE, SMALL_SCALE = "119.5%", "119.6%"
SMALL_TEXT = re.compile(
    r'^<(?:details|table)\b|^<div class="[^"]*\b(?:admonition|footnote)\b'
)
# Every TeX package of tex-full except `noundefined`, so that an unknown macro
# is an error (which fails the build) rather than red text.
CONFIG = {
    "loader": {"load": []},
    "startup": {"typeset": False},
    "tex": {"packages": {"[-]": ["noundefined"]}},
    "chtml": {
        "fontURL": "FONTURL",
        "adaptiveCSS": True,  # CSS only for the glyphs and elements used
        "scale": SCALE,
        "matchFontHeight": False,
    },
}
FONTS_URL = "../mathjax/fonts"  # from assets/stylesheets/ to assets/mathjax/fonts/
FONTS_DIR = ROOT / "docs" / "assets" / "mathjax" / "fonts"
CACHE_DIR = ROOT / ".cache" / "mathjax"


class TeXError(ValueError):
    """A formula MathJax could not typeset; the message names it."""


def digest():
    h = hashlib.sha256(json.dumps(CONFIG, sort_keys=True).encode())
    for name in COMPONENTS:
        h.update((ES5 / name).read_bytes())
    return h.hexdigest()[:16]


class Renderer:
    """TeX to CHTML, with a per-formula cache and a record of the glyphs used."""

    def __init__(self, cache_dir=CACHE_DIR):
        self.key = digest()
        self.cache_dir = Path(cache_dir)
        self.cache_file = self.cache_dir / f"{self.key}.json"
        self.cache = {}
        if self.cache_file.is_file():
            self.cache = json.loads(self.cache_file.read_text(encoding="utf-8"))
        self.dirty = False
        self._ctx = None
        self.converted = 0  # formulas typeset by V8 in this build (cache misses)
        self.used = set()  # cache keys of every formula on the site

    @staticmethod
    def _new_context():
        from py_mini_racer import MiniRacer

        ctx = MiniRacer()
        ctx.eval(f"var global = globalThis; var MathJax = {json.dumps(CONFIG)};")
        for name in COMPONENTS:
            ctx.eval((ES5 / name).read_text(encoding="utf-8"))
        ctx.eval("MathJax.startup.defaultReady();")
        ctx.eval(
            "function render(tex, display) {"
            "  const node = MathJax.tex2chtml(tex, {display: display});"
            "  return MathJax.startup.adaptor.outerHTML(node);"
            "}"
            "function stylesheet() {"
            "  return MathJax.startup.adaptor.textContent(MathJax.chtmlStylesheet());"
            "}"
        )
        return ctx

    def _v8(self):
        if self._ctx is None:
            self._ctx = self._new_context()
        return self._ctx

    def close(self):
        """Free the V8 context now.

        Left to the interpreter's exit, freeing it can deadlock (seen: two
        builds at once, one ending in an error, hung in mr_free_context).
        """
        if self._ctx is not None:
            self._ctx.close()
            self._ctx = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def render(self, tex, display):
        """The CHTML markup of one formula (an <mjx-container>); TeXError on a TeX error."""
        key = ("D|" if display else "I|") + tex
        markup = self.cache.get(key)
        if markup is None:
            markup = self._v8().call("render", tex, display)
            self.converted += 1
            error = re.search(r'<mjx-merror data-mjx-error="([^"]*)"', markup)
            if error:
                raise TeXError(f"{html.unescape(error.group(1))} in {tex!r}")
            self.cache[key] = markup
            self.dirty = True
        self.used.add(key)
        return markup

    def save(self):
        """Write the formula cache, dropping formulas no page uses any more."""
        if self.dirty or set(self.cache) != self.used:
            self.cache = {k: v for k, v in self.cache.items() if k in self.used}
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            for stale in self.cache_dir.glob("*.json"):
                if stale != self.cache_file:
                    stale.unlink(missing_ok=True)
            tmp = self.cache_file.with_name(f"{self.cache_file.name}.{os.getpid()}")
            tmp.write_text(json.dumps(self.cache, sort_keys=True), "utf-8")
            tmp.replace(self.cache_file)  # atomic: a concurrent build reads old or new
            self.dirty = False

    def stylesheet(self):
        """MathJax's adaptive CSS for every formula on the site, fonts served by the site.

        The rules MathJax in the browser would add for these formulas: their
        glyphs and the layout elements they use. Computed in a fresh document
        from the formulas of the whole site (about 2 ms a formula), and cached
        for that set of formulas.
        """
        keys = sorted(self.used)
        h = hashlib.sha256("\n".join([self.key, *keys]).encode()).hexdigest()[:16]
        css_file = self.cache_dir / f"site-{h}.css"
        if not css_file.is_file():
            with self._new_context() as ctx:
                for key in keys:
                    ctx.call("render", key[2:], key.startswith("D|"))
                css = ctx.call("stylesheet")
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            for stale in self.cache_dir.glob("site-*.css"):
                stale.unlink(missing_ok=True)
            tmp = css_file.with_name(f"{css_file.name}.{os.getpid()}")
            tmp.write_text(css, encoding="utf-8")
            tmp.replace(css_file)
        return tidy_stylesheet(css_file.read_text(encoding="utf-8"))


_FONT = re.compile(r'url\("FONTURL/([\w-]+)\.woff"\) format\("woff"\)')


def tidy_stylesheet(css):
    """MathJax's CSS without comments and blank lines, its fonts those the site serves.

    Each font shows text at once in a fallback while it loads
    (`font-display: swap`): CHTML positions every glyph by CSS, not by the
    font's metrics, so the swap moves nothing.
    """
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = "\n".join(line.strip() for line in css.splitlines() if line.strip())
    css = re.sub(r"@font-face\s*\{", "@font-face {\nfont-display: swap;", css)
    return _FONT.sub(_font_url, css) + "\n"


def _font_url(m):
    name = m.group(1)
    if (FONTS_DIR / f"{name}.woff2").is_file():
        return f'url("{FONTS_URL}/{name}.woff2") format("woff2")'
    return f'url("{FONTS_URL}/{name}.woff") format("woff")'


# ---------------------------------------------------------------------------
# Finding the math in a built page.

# pymdownx.arithmatex (generic): \( \) inline in a span, \[ \] display in a div.
_ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.S
)
# Notebook Markdown cells (mkdocs-jupyter) keep $...$ and $$...$$ as text.
_NB_CELL = re.compile(
    r'(<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>)(.*?)(</div>)', re.S
)
_NB_MATH = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", re.S)
_CODE = re.compile(r"(<(?:code|pre)\b.*?</(?:code|pre)>)", re.S)


_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
         "source", "track", "wbr"}  # fmt: skip


def small_text_regions(page_html):
    """[(start, end)] of the elements whose text is set smaller (SMALL_TEXT)."""
    regions, stack = [], []
    for m in _TAG.finditer(page_html):
        closing, name = m.group(1), m.group(2).lower()
        if name in _VOID or m.group(0).endswith("/>"):
            continue
        if not closing:
            stack.append((name, m.start(), bool(SMALL_TEXT.match(m.group(0)))))
            continue
        while stack:  # pop to the matching open tag (tolerates unclosed ones)
            open_name, start, small = stack.pop()
            if small:
                regions.append((start, m.end()))
            if open_name == name:
                break
    return regions


def _scale(position, regions):
    small = any(start <= position < end for start, end in regions)
    return SMALL_SCALE if small else BODY_SCALE


def _wrap(tag, tex, markup, display, scale):
    cls = "arithmatex" + (" arithmatex-display" if display and tag == "span" else "")
    markup = markup.replace(f"font-size: {SCALE:.1%};", f"font-size: {scale};", 1)
    return f'<{tag} class="{cls}" data-tex="{html.escape(tex, quote=True)}">{markup}</{tag}>'


def render_page(page_html, renderer):
    """page_html with every formula replaced by its CHTML markup; TeXError names the formula."""
    regions = small_text_regions(page_html)

    def arithmatex(m):
        raw = html.unescape(m.group("tex")).strip()
        display = raw.startswith("\\[")
        if not (raw[:2] in ("\\(", "\\[") and raw[-2:] in ("\\)", "\\]")):
            raise TeXError(f"unexpected arithmatex content {raw[:60]!r}")
        tex = raw[2:-2].strip()
        markup = renderer.render(tex, display)
        return _wrap(m.group("tag"), tex, markup, display, _scale(m.start(), regions))

    out = _ARITHMATEX.sub(arithmatex, page_html)
    regions = small_text_regions(out)

    def notebook_math(m, offset):
        display = m.group(1) is not None
        tex = html.unescape(m.group(1) if display else m.group(2)).strip()
        markup = renderer.render(tex, display)
        return _wrap("span", tex, markup, display, _scale(offset + m.start(), regions))

    def cell(m):
        parts, offset, body = _CODE.split(m.group(2)), m.start(2), []
        for i, part in enumerate(parts):  # never inside code
            if i % 2:
                body.append(part)
            else:
                body.append(
                    _NB_MATH.sub(lambda n, at=offset: notebook_math(n, at), part)
                )
            offset += len(part)
        return m.group(1) + "".join(body) + m.group(3)

    return _NB_CELL.sub(cell, out)
