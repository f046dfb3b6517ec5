"""`make update-output`: rewrite `#>` lines from what the code prints.

For every snippet (run as `python -m snippets.<chapter>.<concept>`) and every
Python fence written in a page (not an include), the printed lines replace
the `#>` lines in order, each staying where it stands. Where the number of
printed lines differs from the number of `#>` lines, nothing is rewritten and
the file is named: place the new lines by hand (a `print` inside a loop
prints several lines, which must follow the loop, so no tool can guess).

    python -m tools.update_output          rewrite, and list what changed
    python -m tools.update_output --check  only report; exit 1 on a mismatch
    python -m tools.update_output snippets/softmax_cross_entropy docs/softmax_cross_entropy.md
                                           only the files under these paths
"""

import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = re.compile(r"^(\s*)#>(?: .*)?$")
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?:python|py)\b[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.S | re.M,
)


def run(args, **kwargs):
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, **kwargs
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1])
    return result.stdout.splitlines()


def replace_outputs(text, printed):
    """`text` with its `#>` lines replaced by `printed`, or None on a count mismatch."""
    lines = text.split("\n")
    slots = [i for i, line in enumerate(lines) if OUTPUT.match(line)]
    if len(slots) != len(printed):
        return None
    for i, out in zip(slots, printed, strict=True):
        indent = OUTPUT.match(lines[i]).group(1)
        lines[i] = f"{indent}#> {out}" if out else f"{indent}#>"
    return "\n".join(lines)


def snippets():
    import importlib.util

    frameworks = all(importlib.util.find_spec(m) for m in ("torch", "jax"))
    for path in sorted((ROOT / "snippets").rglob("*.py")):
        if path.name in ("__init__.py", "figures.py") or path.parent.name == "snippets":
            continue
        if path.parent.name == "frameworks" and not frameworks:
            print(
                f"skipped {path.relative_to(ROOT)}: needs PyTorch and JAX (make frameworks)"
            )
            continue
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        yield path, path.read_text(encoding="utf-8"), lambda m=module: run(["-m", m])


def selected(path, prefixes):
    rel = path.relative_to(ROOT).as_posix()
    return not prefixes or any(rel == p or rel.startswith(p + "/") for p in prefixes)


def main():
    check = "--check" in sys.argv[1:]
    prefixes = [a.rstrip("/") for a in sys.argv[1:] if a != "--check"]
    changed, mismatched = [], []

    for path, text, execute in snippets():
        if not selected(path, prefixes):
            continue
        new = replace_outputs(text, execute())
        if new is None:
            mismatched.append(path)
        elif new != text:
            changed.append(path)
            if not check:
                path.write_text(new, encoding="utf-8")

    for page in sorted((ROOT / "docs").rglob("*.md")):
        if not selected(page, prefixes):
            continue
        text = page.read_text(encoding="utf-8")
        new_text, bad = text, False
        for m in reversed(list(FENCE.finditer(text))):
            body = m.group("body")
            if "--8<--" in body:
                continue
            code = textwrap.dedent(body)
            new_body = replace_outputs(body, run(["-c", code]))
            if new_body is None:
                bad = True
                continue
            new_text = (
                new_text[: m.start("body")] + new_body + new_text[m.end("body") :]
            )
        if bad:
            mismatched.append(page)
        if new_text != text:
            changed.append(page)
            if not check:
                page.write_text(new_text, encoding="utf-8")

    for path in changed:
        print(f"{'differs' if check else 'updated'}: {path.relative_to(ROOT)}")
    for path in mismatched:
        print(f"place by hand (printed lines != #> lines): {path.relative_to(ROOT)}")
    if not changed and not mismatched:
        print("every #> line matches what the code prints")
    sys.exit(1 if check and (changed or mismatched) else 0)


if __name__ == "__main__":
    main()
