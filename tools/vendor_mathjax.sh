#!/usr/bin/env bash
# Refresh the vendored MathJax. The site renders all math at build time
# (tools/mathjax_render.py runs MathJax inside Python through mini-racer's
# embedded V8) and serves no MathJax JavaScript. From the npm package
# `mathjax` at the pinned version below this copies:
#
#   tools/mathjax/es5/   the components the build runs (startup, core, the
#                        liteDOM adaptor, tex-full input, CHTML output and
#                        its TeX font data, assistive MathML): in the
#                        repository, not served
#   docs/assets/mathjax/fonts/
#                        the CHTML fonts the pages use, converted to woff2
#                        where that keeps every table identical
#                        (tools/mathjax_fonts.py), served by the site
#
# and MathJax's LICENSE beside each. Needs npm and a Python 3.11+; fontTools
# and Brotli are installed, pinned, into a throwaway environment.
#
# Usage: tools/vendor_mathjax.sh
set -euo pipefail
MATHJAX_VERSION=3.2.2
FONTTOOLS_VERSION=4.68.0
BROTLI_VERSION=1.2.1
here="$(cd "$(dirname "$0")/.." && pwd)"
build="$here/tools/mathjax"
fonts="$here/docs/assets/mathjax"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "mathjax@$MATHJAX_VERSION" >/dev/null && tar xzf "mathjax-$MATHJAX_VERSION.tgz")
src="$tmp/package"

rm -rf "$build" "$fonts"
for component in startup.js core.js adaptors/liteDOM.js input/tex-full.js \
                 output/chtml.js output/chtml/fonts/tex.js a11y/assistive-mml.js; do
  mkdir -p "$build/es5/$(dirname "$component")"
  cp "$src/es5/$component" "$build/es5/$component"
done
cp "$src/LICENSE" "$build/LICENSE"
echo "$MATHJAX_VERSION" > "$build/VERSION"

python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet "fonttools==$FONTTOOLS_VERSION" "brotli==$BROTLI_VERSION"
"$tmp/venv/bin/python" "$here/tools/mathjax_fonts.py" "$src/es5/output/chtml/fonts/woff-v2" "$fonts/fonts"
cp "$src/LICENSE" "$fonts/LICENSE"
echo "$MATHJAX_VERSION" > "$fonts/VERSION"
echo "vendored mathjax@$MATHJAX_VERSION: ${build#"$here"/} ($(du -sh "$build" | cut -f1)), ${fonts#"$here"/} ($(du -sh "$fonts" | cut -f1))"
