"""The built site: what a reader's browser would load and see."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from bs4 import BeautifulSoup
from docblocks import pages
from project import DOCS, build, config_with_nav, copy_project
from site_build.labs import notebook_for_download
from site_audit import (
    CSS_URL,
    is_remote,
    remote_loads,
    audit,
    broken_links,
    html_files,
    html_of,
    outbound_links,
    parsed,
    silent_continuations,
    soup,
)

from nnlit.figures import FIGURES


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_audit_every_visible_block_is_run_or_checked(page: Path, site: Path):
    assert audit(page, parsed(html_of(page, site))) == []


def test_continued_blocks_say_so(site: Path):
    for path in html_files(site):
        assert silent_continuations(parsed(path)) == [], path


def test_nothing_loads_from_another_host(site: Path):
    offenders = [
        f"{path.relative_to(site)}: {load}"
        for path in html_files(site)
        for load in remote_loads(parsed(path))
    ]
    assert not offenders, "\n".join(offenders)


def test_every_way_of_loading_from_another_host_is_caught():
    page = BeautifulSoup(
        """<img src="a.png" srcset="b.png 1x, https://cdn.example/c.png 2x">
        <video poster="//cdn.example/p.jpg"></video>
        <object data="http://cdn.example/o.svg"></object>
        <svg><image href="https://cdn.example/i.png"/></svg>
        <p style="background: url('https://cdn.example/bg.png')"></p>
        <style>@font-face { src: url(https://fonts.example/f.woff2) }</style>
        <img src="data:image/png;base64,AAAA"><a href="https://example.org">ok</a>""",
        "html.parser",
    )
    assert remote_loads(page) == [
        "<img srcset=https://cdn.example/c.png>",
        "<video poster=//cdn.example/p.jpg>",
        "<object data=http://cdn.example/o.svg>",
        "<image href=https://cdn.example/i.png>",
        "CSS url(https://cdn.example/bg.png)",
        "CSS url(https://fonts.example/f.woff2)",
    ]


def test_no_stylesheet_loads_from_another_host(site: Path):
    for path in site.rglob("*.css"):
        remote = [u for u in CSS_URL.findall(path.read_text()) if is_remote(u)]
        assert not remote, f"{path.relative_to(site)}: url({remote[0]})"


def test_no_font_or_cdn_url_in_stylesheets_or_scripts(site: Path):
    ours = [*site.glob("stylesheets/*.css"), *site.glob("javascripts/**/*.js")]
    for path in ours:
        assert not re.search(r"https?://", path.read_text()), path


def test_internal_links_and_anchors_resolve(site: Path):
    assert broken_links(site) == []


def test_images_have_alt_text(site: Path):
    for path in html_files(site):
        for img in parsed(path).find_all("img"):
            assert img.get("alt", "").strip(), (
                f"{path}: image {img.get('src')} has no alt text"
            )


def test_every_figure_is_built_and_shown(site: Path):
    shown = {
        Path(img["src"]).name
        for path in html_files(site)
        for img in parsed(path).find_all("img", src=True)
    }
    for name in FIGURES:
        svg = site / "figures" / f"{name}.svg"
        assert svg.read_bytes().startswith(b"<?xml"), svg
        assert f"{name}.svg" in shown, f"figure {name} is built but no page shows it"


def test_every_figure_keeps_its_room_before_it_loads(site: Path):
    """Each figure's <img> has the figure's size, so nothing moves when it loads."""
    checked = 0
    for path in html_files(site):
        for img in parsed(path).select('img[src*="figures/"]'):
            svg = (path.parent / img["src"]).read_text()
            root = re.search(r'<svg[^>]*?viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
            points = [float(n) for n in root.groups()]
            assert [int(img["width"]), int(img["height"])] == [
                pytest.approx(n * 4 / 3, abs=0.5) for n in points
            ], f"{path}: {img['src']}"
            checked += 1
    assert checked >= len(FIGURES)


@pytest.mark.builds
def test_a_fresh_build_draws_byte_identical_figures(site: Path, tmp_path: Path):
    """Another process, no cache: every figure comes out byte for byte the same."""
    project = copy_project(tmp_path / "project", {"index.md": "# Home\n"}, caches=())
    result = build(project, config=config_with_nav(project, ["index.md"]))
    assert result.returncode == 0, result.stderr
    assert f"figures: {len(FIGURES)} drawn, 0 from the cache" in result.stderr
    assert {p.name for p in site.glob("figures/*")} == {f"{n}.svg" for n in FIGURES}
    for path in site.glob("figures/*.svg"):
        again = project / "site" / "figures" / path.name
        assert path.read_bytes() == again.read_bytes(), f"{path.name} differs"


def test_the_notebook_downloads_are_the_same_from_any_build(site: Path, tmp_path: Path):
    """The build's notebooks equal ones written here, in another process."""
    sources = sorted(DOCS.glob("labs/*.py"))
    assert len(list(site.glob("labs/*.ipynb"))) == len(sources)
    for source in sources:
        again = tmp_path / source.with_suffix(".ipynb").name
        nbformat.write(notebook_for_download(source), again)
        built = site / "labs" / again.name
        assert built.read_bytes() == again.read_bytes(), f"{again.name} differs"


def test_no_raw_tex_reaches_a_reader(site: Path):
    """Every formula is typeset at build time: no TeX is left in any page's text."""
    for path in html_files(site):
        html = soup(path)
        for element in html.select("pre, code, script, style"):
            element.decompose()
        text = html.get_text()
        for delimiter in ("\\(", "\\[", "$$", "\\frac", "\\hat"):
            assert delimiter not in text, f"{path}: raw TeX {delimiter!r} on the page"


def test_search_indexes_the_prose_not_the_code_listings(site: Path):
    """Every first visit downloads the index: listings would double its size."""
    index = json.loads((site / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "<pre>" not in text
    assert "def neuron_input(" not in text  # a listing in chapter 1
    assert "neuron_input" in text  # named in chapter 1's prose
    assert "Backpropagation" in text


def test_plain_links_out_are_allowed_and_loading_from_there_is_not(site: Path):
    """The site links to other hosts, but a page never fetches from one."""
    hosts = {
        urlsplit(url).hostname
        for path in html_files(site)
        for url in outbound_links(parsed(path))
    }
    assert {"d2l.ai", "neuralnetworksanddeeplearning.com"} <= hosts
    assert {"www.coursera.org", "www.udacity.com", "stats.oarc.ucla.edu"} <= hosts
    assert broken_links(site) == []  # the links out were not taken for files
    url = "https://d2l.ai/index.html"
    page = BeautifulSoup(
        f'<a href="{url}">d2l</a><img src="{url}" alt="">', "html.parser"
    )
    assert outbound_links(page) == [url]
    assert remote_loads(page) == [f"<img src={url}>"]
