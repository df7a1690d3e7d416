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
from site_audit import (
    CSS_URL,
    audit,
    broken_links,
    html_files,
    html_of,
    is_remote,
    outbound_links,
    parsed,
    remote_loads,
    silent_continuations,
    soup,
)
from site_build.labs import notebook_for_download

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
    for code, folder in (("en", "figures"), ("zh", "zh/figures")):
        drawn = f"figures: {len(FIGURES)} drawn, 0 from the cache, in {code}"
        assert drawn in result.stderr
        assert {p.name for p in site.glob(f"{folder}/*")} == {
            f"{n}.svg" for n in FIGURES
        }
        for path in site.glob(f"{folder}/*.svg"):
            again = project / "site" / folder / path.name
            assert path.read_bytes() == again.read_bytes(), f"{path} differs"


def test_each_edition_draws_its_figures_in_its_own_words(site: Path):
    """Only the words differ: the English and Chinese SVGs are not the same file."""
    for name in FIGURES:
        english = (site / "figures" / f"{name}.svg").read_bytes()
        chinese = (site / "zh" / "figures" / f"{name}.svg").read_bytes()
        assert b"<text" not in chinese, f"{name}: text as paths, no font needed"
        if name.startswith(("digit-samples", "digits-misclassified")):
            continue  # no words at all: the same figure
        assert english != chinese, f"{name}: the Chinese figure has English words"


CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
CJK_BREAK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]\n[\u3400-\u9fff]")


@pytest.mark.parametrize(("folder", "lang"), [("", "en"), ("zh", "zh")])
def test_each_edition_speaks_its_own_language_in_the_theme(site: Path, folder, lang):
    """The page's language, the palette toggle's names and the heading links."""
    root = site / folder
    pages = [p for p in root.rglob("*.html") if folder or "zh" not in p.parts]
    assert len(pages) > 20
    for path in pages:
        if path.name == "404.html":
            continue  # the English one, at the root (hooks/editions.py)
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert html.html["lang"] == lang, path
        names = [x["aria-label"] for x in html.select("input[name=__palette]")]
        names += [x["title"] for x in html.select("a.headerlink")]
        assert names, path
        for name in names:
            assert bool(CJK.search(name)) == (lang == "zh"), (path, name)
            assert bool(LATIN.search(name)) == (lang == "en"), (path, name)
        for paragraph in html.select("article p"):
            assert not CJK_BREAK.search(str(paragraph)), (path, str(paragraph)[:80])


def test_the_notebook_downloads_are_the_same_from_any_build(site: Path, tmp_path: Path):
    """The build's notebooks equal ones written here, in another process.

    The Chinese edition's are the translations (the English lab's where there
    is none yet), at the same names under zh/.
    """
    sources = [p for p in sorted(DOCS.glob("labs/*.py")) if len(p.suffixes) == 1]
    for folder, code in (("labs", "en"), ("zh/labs", "zh")):
        assert len(list(site.glob(f"{folder}/*.ipynb"))) == len(sources)
        for source in sources:
            translated = source.with_suffix(f".{code}.py")
            lab = translated if translated.exists() else source
            again = tmp_path / code / source.with_suffix(".ipynb").name
            again.parent.mkdir(exist_ok=True)
            nbformat.write(notebook_for_download(lab), again)
            built = site / folder / again.name
            assert built.read_bytes() == again.read_bytes(), f"{built} differs"


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


def test_each_edition_has_its_own_search_index(site: Path):
    """A first visit downloads its own edition's index, segmented for its language."""
    english = json.loads((site / "search" / "search_index.json").read_text())
    chinese = json.loads((site / "zh" / "search" / "search_index.json").read_text())
    assert english["docs"]
    assert chinese["docs"]
    # Locations are relative to the edition's folder, where its pages point
    # their search (see hooks/editions.py).
    assert not any(doc["location"].startswith("zh/") for doc in english["docs"])
    assert not any(doc["location"].startswith("zh/") for doc in chinese["docs"])
    assert r"\u200b" in chinese["config"]["separator"]
    assert r"\u200b" not in english["config"]["separator"]
    words = " ".join(doc["text"] for doc in chinese["docs"]).split("\u200b")
    assert "反向传播" in words  # the glossary's term, kept whole for the search
    for folder in ("", "zh/"):
        script = (site / folder / "search" / "search_index.js").read_text()
        index = (site / folder / "search" / "search_index.json").read_text()
        assert script == f"var __index = {index}"


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
