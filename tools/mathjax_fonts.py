"""Convert MathJax's woff fonts to woff2, keeping a font only if it stays identical.

Run by tools/vendor_mathjax.sh (which installs fontTools and Brotli into a
throwaway environment): `python tools/mathjax_fonts.py SRC_DIR DEST_DIR`.
Each font is decompiled before and after conversion (every table, as TTX
text); if any table differs, the original woff is served instead. Two fields
of the `head` table are set aside: the checksum adjustment, which re-packing
always changes, and flag bit 11, which the WOFF2 specification requires a
converter to set ("font data transformed losslessly"). Prints one line per font.
"""

import io
import sys
from pathlib import Path

from fontTools.ttLib import TTFont


def ttx(font):
    font["head"].checkSumAdjustment = 0
    font["head"].flags &= ~(1 << 11)
    out = io.StringIO()
    font.saveXML(out, newlinestr="\n")
    return out.getvalue()


def convert(src, dest_dir):
    font = TTFont(src, recalcTimestamp=False)
    reference = ttx(TTFont(src))
    font.flavor = "woff2"
    buf = io.BytesIO()
    font.save(buf)
    if ttx(TTFont(io.BytesIO(buf.getvalue()))) == reference:
        out = dest_dir / (src.stem + ".woff2")
        out.write_bytes(buf.getvalue())
        return out, "identical as woff2"
    out = dest_dir / src.name
    out.write_bytes(src.read_bytes())
    return out, "differs as woff2: kept as woff"


def main(src_dir, dest_dir):
    dest_dir.mkdir(parents=True, exist_ok=True)
    for src in sorted(src_dir.glob("*.woff")):
        out, verdict = convert(src, dest_dir)
        size = f"{src.stat().st_size:,} -> {out.stat().st_size:,} bytes"
        print(f"{src.name}: {verdict} ({size})")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
