"""The strict build passes, and each kind of bad input fails it, naming the file."""

import functools
import re
import shutil

import pytest

from tests.conftest import ROOT
from tests.parallel import run_all
from tools.build import mkdocs_build

pytestmark = pytest.mark.build

COPIED = ["docs", "snippets", "tools", "overrides", "mkdocs.yml", "pyproject.toml"]


def test_strict_build_passes(built_site):
    site_dir, _, result = built_site
    assert result.returncode == 0
    assert (site_dir / "index.html").is_file()
    assert (site_dir / "matrix_vector" / "index.html").is_file()
    # the notebook was executed and its source is downloadable from its page
    lab = site_dir / "labs" / "matrix_vector_tensor"
    assert (lab / "matrix_vector_tensor.py").is_file()
    html = (lab / "index.html").read_text(encoding="utf-8")
    assert "jp-OutputArea-output" in html, "notebook outputs missing: not executed?"
    link = re.search(
        r'<a href="([^"]*/matrix_vector_tensor\.py)"[^>]*\bdownload\b', html
    )
    assert link, "no download button for the notebook"
    assert link.group(1).endswith("/labs/matrix_vector_tensor/matrix_vector_tensor.py")
    assert "cdnjs" not in html and "cdn.jsdelivr" not in html


def test_site_references_no_other_host(built_site):
    site_dir, _, _ = built_site
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for needle in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "cdnjs"):
            assert needle not in text, f"{page.relative_to(site_dir)} loads {needle}"


def copy_of_repo(tmp_path):
    """A scratch copy of what the build reads, to break on purpose."""
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(
                src, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy(src, tmp_path / name)
    for cache in ("mathjax", "figures"):  # keyed by their inputs: safe to reuse
        if (ROOT / ".cache" / cache).is_dir():
            shutil.copytree(ROOT / ".cache" / cache, tmp_path / ".cache" / cache)
    return tmp_path


def append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# Each test below that breaks the build names, here, what it plants in a copy
# of the repository and whether the build executes notebooks. The module
# fixture runs the selected builds up front, two at a time (each is one
# mkdocs process; one at a time, the second core sits idle).
BREAKS = {}


def breaks(plant, execute=False):
    def register(test):
        BREAKS[test.__name__] = (plant, execute)
        return test

    return register


BASE = "https://example.github.io/backprop/"  # a GitHub Pages project site


@pytest.fixture(scope="module")
def builds(request, tmp_path_factory):
    """{test name: the completed `mkdocs build`} for the selected tests here."""
    selected = {
        getattr(item, "originalname", item.name) for item in request.session.items
    }
    jobs = {}
    for name, (plant, execute) in BREAKS.items():
        if name in selected:
            repo = copy_of_repo(tmp_path_factory.mktemp(name))
            plant(repo)
            jobs[name] = functools.partial(
                mkdocs_build, repo, repo / "site", execute=execute
            )
    if "test_404_page_and_sitemap_work_under_the_pages_base_path" in selected:
        site_dir = tmp_path_factory.mktemp("base") / "site"

        def build_under_base():
            return site_dir, mkdocs_build(ROOT, site_dir, site_url=BASE, execute=False)

        jobs["base"] = build_under_base
    return run_all(jobs)


def build_fails(result, *needles):
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build should have failed:\n{output[-3000:]}"
    for needle in needles:
        assert needle in output, (
            f"{needle!r} not named in the build output:\n{output[-3000:]}"
        )
    return output


def plant_missing_snippet(repo):
    fence = '\n```python\n--8<-- "snippets/matrix_vector/no_such_file.py:check"\n```\n'
    append(repo / "docs" / "matrix_vector.md", fence)


@breaks(plant_missing_snippet)
def test_missing_snippet_file_fails_the_build(builds):
    build_fails(builds["test_missing_snippet_file_fails_the_build"], "no_such_file.py")


def plant_missing_section(repo):
    fence = '\n```python\n--8<-- "snippets/matrix_vector/jacobian_wrt_w.py:no_such_section"\n```\n'
    append(repo / "docs" / "matrix_vector.md", fence)


@breaks(plant_missing_section)
def test_missing_section_fails_the_build(builds):
    build_fails(
        builds["test_missing_section_fails_the_build"],
        "no_such_section",
        "jacobian_wrt_w.py",
    )


def plant_broken_link(repo):
    append(repo / "docs" / "notation.md", "\nSee [nowhere](no_such_page.md).\n")


@breaks(plant_broken_link)
def test_broken_link_fails_the_build(builds):
    build_fails(
        builds["test_broken_link_fails_the_build"], "notation.md", "no_such_page.md"
    )


def plant_broken_anchor(repo):
    append(
        repo / "docs" / "notation.md", "\nSee [x](matrix_vector.md#no-such-anchor).\n"
    )


@breaks(plant_broken_anchor)
def test_broken_anchor_fails_the_build(builds):
    build_fails(
        builds["test_broken_anchor_fails_the_build"], "notation.md", "no-such-anchor"
    )


def plant_failing_cell(repo):
    lab = repo / "docs" / "labs" / "matrix_vector_tensor.py"
    append(lab, '\n# %%\nraise ValueError("this cell fails on purpose")\n')


@breaks(plant_failing_cell, execute=True)
def test_failing_notebook_cell_fails_the_build(builds):
    build_fails(
        builds["test_failing_notebook_cell_fails_the_build"],
        "matrix_vector_tensor.py",
        "this cell fails on purpose",
    )


def plant_failing_figure(repo):
    figures = repo / "snippets" / "matrix_vector" / "figures.py"
    append(
        figures,
        '\n\n@figure("matrix_vector/broken.svg")\ndef broken():\n'
        '    raise ValueError("figure fails on purpose")\n',
    )


@breaks(plant_failing_figure)
def test_failing_figure_fails_the_build(builds):
    build_fails(
        builds["test_failing_figure_fails_the_build"],
        "matrix_vector/broken.svg",
        "snippets/matrix_vector/figures.py",
        "figure fails on purpose",
    )


def search_index(site_dir):
    import json

    return json.loads((site_dir / "search" / "search_index.json").read_text())["docs"]


def test_search_finds_every_chapters_exercise_and_no_stray_pilcrow(built_site):
    site_dir, _, _ = built_site
    docs = search_index(site_dir)
    chapters = sorted(
        p.stem for p in (ROOT / "docs").glob("*.md") if p.stem not in ("index", "faq")
    )
    for chapter in chapters:
        titles = [d["title"] for d in docs if d["location"].startswith(f"{chapter}/#")]
        assert any(t.startswith("Exercise") for t in titles), (
            f"{chapter}: no section headed 'Exercise' in the search index"
        )
    stray = [d["title"] for d in docs if "¶" in d["title"]]
    assert not stray, f"permalink signs in search titles: {stray}"


def test_snippet_titles_link_to_the_file_and_a_download(built_site):
    site_dir, _, _ = built_site
    html = (site_dir / "matrix_vector" / "index.html").read_text(encoding="utf-8")
    name = "snippets/matrix_vector/jacobian_wrt_w.py"
    assert '<a href="https://github.com/' in html and f'/blob/main/{name}"' in html
    assert f'href="../{name}" download' in html
    served = site_dir / name
    assert served.read_bytes() == (ROOT / name).read_bytes()
    assert (site_dir / "snippets" / "gradcheck.py").is_file()
    # and the whole file, collapsed, after the file's last excerpt
    assert f"Whole file: {name}" in html


def plant_tex_error(repo):
    append(repo / "docs" / "notation.md", "\nA bad macro: $\\nosuchmacro{x}$.\n")


@breaks(plant_tex_error)
def test_tex_error_fails_the_build_naming_page_and_formula(builds):
    build_fails(
        builds["test_tex_error_fails_the_build_naming_page_and_formula"],
        "notation.md",
        "nosuchmacro",
    )


def test_pages_carry_rendered_math_and_no_math_javascript(built_site):
    site_dir, _, _ = built_site
    html = (site_dir / "linear_layer" / "index.html").read_text(encoding="utf-8")
    assert html.count("<mjx-container") > 100
    assert "<mjx-assistive-mml" in html
    assert "mathjax-config" not in html and "tex-mml-chtml" not in html
    css = site_dir / "assets" / "stylesheets" / "mathjax.css"
    assert "assets/stylesheets/mathjax.css" in html and css.stat().st_size > 1000


def test_every_page_has_its_own_meta_description(built_site):
    site_dir, _, _ = built_site
    seen = {}
    for page in sorted((ROOT / "docs").glob("*.md")):
        path = "" if page.stem == "index" else f"{page.stem}/"
        html = (site_dir / path / "index.html").read_text(encoding="utf-8")
        m = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert m, f"{page.name}: no meta description (front matter `description:`)"
        assert m.group(1) not in seen, f"{page.name} repeats {seen.get(m.group(1))}'s"
        seen[m.group(1)] = page.name
        assert 50 <= len(m.group(1)) <= 200, (
            f"{page.name}: describe the page in 50-200 characters"
        )


def references_off_base(html, site_dir, base_path):
    """href/src values on a 404 page that break when it is served at any depth:
    relative ones, absolute ones outside the base, or ones the site lacks."""
    bad = []
    for ref in re.findall(r'(?:href|src)="([^"]*)"', html):
        if ref.startswith(("http://", "https://", "#", "data:", "mailto:")):
            continue
        path = ref.split("#")[0].split("?")[0]
        if not path.startswith(base_path):
            bad.append(ref)
            continue
        target = site_dir / path.removeprefix(base_path)
        if not (target.exists() or (target / "index.html").exists()):
            bad.append(ref)
    return bad


def test_404_page_and_sitemap_work_under_the_pages_base_path(builds):
    # GitHub Pages serves a project site under /<repository>/, and its 404 page
    # for any missing path at any depth: its links must be absolute, with that base.
    base = BASE
    site_dir, result = builds["base"]
    assert result.returncode == 0, result.stderr
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    assert html.count('href="/backprop/') > 20, "the 404 page carries the navigation"
    assert references_off_base(html, site_dir, "/backprop/") == []
    # Planted: a relative link, one outside the base, one to a missing page.
    for planted in (
        'href="../notation/"',
        'href="/notation/"',
        'href="/backprop/nope/"',
    ):
        assert references_off_base(planted, site_dir, "/backprop/") != [], planted
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    pages = list((ROOT / "docs").rglob("*.md"))
    labs = list((ROOT / "docs" / "labs").glob("*.py"))
    assert len(locs) == len(pages) + len(labs), "one sitemap entry per page"
    for loc in locs:
        assert loc.startswith(base), loc
        rel = loc.removeprefix(base)
        assert (site_dir / rel / "index.html").exists(), f"sitemap lists {loc}: no page"
