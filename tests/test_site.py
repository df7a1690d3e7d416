"""The built site: what a reader's browser would load and see."""

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Comment
from conftest import build_site
from docblocks import DOCS, page_blocks, pages

from nnlit.figures import FIGURES

# Languages a reader may see in a code block: Python (run by the tests), the
# output a Python block printed (checked by the tests) and shell sessions (shown,
# never run). Anything else must be added here with a reason.
SHOWN_LANGUAGES = {"python", "text", "console"}
LOADING_ATTRIBUTES = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
}


def html_of(page: Path, site: Path) -> Path:
    """The built HTML file of a Markdown page (no directory URLs: see mkdocs.yml)."""
    return site / page.relative_to(DOCS).with_suffix(".html")


@cache
def parsed(path: Path) -> BeautifulSoup:
    """Parse a built page once; tests that only read it share the result."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def soup(path: Path) -> BeautifulSoup:
    """A fresh parse, for tests that change the tree."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def code_blocks(html: BeautifulSoup) -> Counter:
    """Count the highlighted code blocks of a page by language."""
    languages = Counter()
    for div in html.select("div.highlight"):
        names = [
            c.removeprefix("language-")
            for c in div["class"]
            if c.startswith("language-")
        ]
        languages[names[0] if names else "(none)"] += 1
    return languages


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def audit(page: Path, html: BeautifulSoup) -> list[str]:
    """Problems with the code blocks a page shows: each must be run or checked."""
    problems = []
    shown = code_blocks(html)
    if not set(shown) <= SHOWN_LANGUAGES:
        problems.append(f"{page.name}: untested block languages {dict(shown)}")
    blocks = page_blocks(page)
    continued = sum(
        "pytest-codeblocks:cont" in c for c in html.find_all(string=Comment)
    )
    if shown["python"] != len(blocks) + continued:
        problems.append(
            f"{page.name}: {shown['python']} Python blocks on the page, but the tests "
            f"collect {len(blocks)} (+{continued} continued)"
        )
    checked = sum(b.expected_output is not None for b in blocks)
    if shown["text"] != checked:
        problems.append(
            f"{page.name}: {shown['text']} output blocks shown, {checked} checked"
        )
    return problems


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_audit_every_visible_block_is_run_or_checked(page: Path, site: Path):
    assert audit(page, parsed(html_of(page, site))) == []


def silent_continuations(html: BeautifulSoup) -> list[str]:
    """Blocks marked to continue the block above whose title does not say so.

    Every other block runs alone in a fresh interpreter, so a reader may copy it
    alone; a continuing block must tell the reader it is not one of those.
    """
    silent = []
    for marker in html.find_all(string=Comment):
        if "pytest-codeblocks:cont" in marker:
            block = marker.find_next("div", class_="highlight")
            title = block.find(class_="filename")
            if title is None or "continue" not in title.get_text().lower():
                silent.append(block.get_text()[:60])
    return silent


def test_continued_blocks_say_so(site: Path):
    for path in html_files(site):
        assert silent_continuations(parsed(path)) == [], path


def test_nothing_loads_from_another_host(site: Path):
    offenders = []
    for path in html_files(site):
        for tag, attribute in LOADING_ATTRIBUTES.items():
            for element in parsed(path).find_all(tag):
                url = element.get(attribute, "")
                if urlsplit(url).scheme or url.startswith("//"):
                    offenders.append(
                        f"{path.relative_to(site)}: <{tag} {attribute}={url}>"
                    )
    assert not offenders, "\n".join(offenders)


def test_no_font_or_cdn_url_in_stylesheets_or_scripts(site: Path):
    ours = [*site.glob("stylesheets/*.css"), *site.glob("javascripts/*.js")]
    for path in ours:
        assert not re.search(r"https?://", path.read_text()), path


def _resolve(page: Path, url: str, site: Path) -> tuple[Path, str]:
    parts = urlsplit(url)
    base = site if parts.path.startswith("/") else page.parent
    target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def broken_links(site: Path) -> list[str]:
    """Every link or image source in the site that points at nothing."""
    broken = []
    for path in html_files(site):
        html = parsed(path)
        urls = [a["href"] for a in html.find_all("a", href=True)]
        urls += [img["src"] for img in html.find_all("img", src=True)]
        for url in urls:
            if urlsplit(url).scheme or url.startswith(("//", "mailto:")):
                continue
            target, anchor = _resolve(path, url, site)
            page = path.relative_to(site)
            if not target.exists():
                broken.append(f"{page}: {url} (no such file)")
            elif (
                anchor
                and target.suffix == ".html"
                and not parsed(target).find(id=anchor)
            ):
                broken.append(f"{page}: {url} (no such anchor)")
    return broken


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


def test_two_builds_give_byte_identical_figures_and_notebooks(
    site: Path, tmp_path: Path
):
    again = build_site(tmp_path / "again")
    made = [*site.glob("figures/*.svg"), *site.glob("labs/*.ipynb")]
    assert {p.name for p in site.glob("figures/*")} == {f"{n}.svg" for n in FIGURES}
    assert len(list(site.glob("labs/*.ipynb"))) == len(list(DOCS.glob("labs/*.py")))
    for path in made:
        name = path.relative_to(site)
        assert path.read_bytes() == (again / name).read_bytes(), f"{name} differs"


def test_math_is_left_for_mathjax_only_inside_arithmatex(site: Path):
    """Raw TeX outside an arithmatex element would reach the reader untypeset."""
    for path in html_files(site):
        html = soup(path)
        for element in html.select(".arithmatex, pre, code, script, style"):
            element.decompose()
        text = html.get_text()
        for delimiter in ("\\(", "\\[", "$$", "\\frac", "\\hat"):
            assert delimiter not in text, f"{path}: raw TeX {delimiter!r} outside math"


def test_pages_load_mathjax_from_the_site(site: Path):
    for part in ("startup.js", "core.js", "input/tex-base.js", "output/chtml.js"):
        assert (site / "assets/mathjax" / part).stat().st_size > 10_000, part
    assert list((site / "assets/mathjax/output/chtml/fonts/woff-v2").glob("*.woff"))
    chapter = soup(html_of(DOCS / "01-one-neuron.md", site))
    sources = [s.get("src", "") for s in chapter.find_all("script")]
    assert any(s.endswith("assets/mathjax/startup.js") for s in sources)
    assert len(chapter.select(".arithmatex")) > 20


def test_search_indexes_the_prose_not_the_code_listings(site: Path):
    """Every first visit downloads the index: listings would double its size."""
    index = json.loads((site / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "<pre>" not in text
    assert "def neuron_input(" not in text  # a listing in chapter 1
    assert "neuron_input" in text  # named in chapter 1's prose
    assert "Backpropagation" in text
