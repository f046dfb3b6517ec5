"""Pages and snippets point at each other: every snippet is shown, every include exists."""

import pytest

from tests.discover import ROOT, includes, pages, sections, snippet_files

REQUIRED_ORDER = ["forward", "jacobian", "backward", "check"]


def rel(path):
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", snippet_files(), ids=rel)
def test_every_snippet_is_included_by_a_page(path):
    shown = {f for _, f, _ in includes()}
    assert rel(path) in shown, f"{rel(path)} is not included by any page in docs/"


@pytest.mark.parametrize("path", snippet_files(), ids=rel)
def test_sections_are_well_formed(path):
    found = sections(path)  # raises with the line on an unpaired marker
    assert found, f"{rel(path)} has no named sections to include"
    starts = [found[name][0] for name in REQUIRED_ORDER if name in found]
    assert starts == sorted(starts), (
        f"{rel(path)}: sections out of order, expected {REQUIRED_ORDER}"
    )


@pytest.mark.parametrize(
    ("page", "target", "section"),
    includes(),
    ids=[f"{rel(p)}->{t}:{s}" for p, t, s in includes()],
)
def test_every_include_exists(page, target, section):
    path = ROOT / target
    assert path.is_file(), f"{rel(page)} includes missing file {target}"
    if section:
        assert section in sections(path), (
            f"{rel(page)} includes section {section!r} that {target} does not define"
        )


def test_pages_are_found():
    assert len(pages()) >= 4
