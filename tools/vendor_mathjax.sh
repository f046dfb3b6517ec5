#!/usr/bin/env bash
# Refresh the MathJax files the site serves itself (docs/assets/mathjax/).
# The site never loads MathJax from a CDN: this copies, from the npm package
# `mathjax` at the pinned version below, the one component the pages load
# (es5/tex-mml-chtml.js), its woff-v2 fonts, the TeX extensions that
# `autoload` may request (\boldsymbol, \cancel, ...), and the LICENSE.
#
# Usage: scripts/vendor_mathjax.sh            (needs npm and the npm registry)
set -euo pipefail
MATHJAX_VERSION=3.2.2
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/docs/assets/mathjax"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "mathjax@$MATHJAX_VERSION" >/dev/null && tar xzf "mathjax-$MATHJAX_VERSION.tgz")
src="$tmp/package"

rm -rf "$dest"
mkdir -p "$dest/es5/output/chtml/fonts" "$dest/es5/input/tex"
cp "$src/LICENSE" "$dest/LICENSE"
cp "$src/es5/tex-mml-chtml.js" "$dest/es5/"
cp -r "$src/es5/output/chtml/fonts/woff-v2" "$dest/es5/output/chtml/fonts/"
cp -r "$src/es5/input/tex/extensions" "$dest/es5/input/tex/"
echo "$MATHJAX_VERSION" > "$dest/VERSION"
echo "vendored mathjax@$MATHJAX_VERSION into ${dest#"$here"/} ($(du -sh "$dest" | cut -f1))"
