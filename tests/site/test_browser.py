"""The built site in headless Chromium: what a reader really sees.

Needs the system's Chromium (``.ci/run`` installs Debian's). Without it these
tests skip, unless ``NNLIT_REQUIRE_BROWSER`` is set, as CI sets it (see the
``browser`` fixture in conftest.py). With ``NNLIT_SCREENSHOTS`` set to a folder,
a screenshot of every page, light and dark, goes there for people to look at
(full-page screenshots are a quarter of these tests' time, so they are asked for).
"""

import os
import re
from pathlib import Path

import pytest
from browser import (
    CONTRAST,
    INSPECT,
    PALETTE,
    SCHEMES,
    THEME_IS,
    THEMES,
    first_result,
    look_at,
    open_page,
    search,
)
from language_pairs import built_pages

SCREENSHOTS = os.environ.get("NNLIT_SCREENSHOTS")
PAGES = built_pages()  # every edition's


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture(scope="module")
def reader(browser):
    """One reader going from page to page: the scripts load from the cache."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.mark.parametrize("page", PAGES)
def test_page_as_a_reader_sees_it_in_light_and_dark(reader, base_url, page):
    shot = Path(SCREENSHOTS) / page.removesuffix(".html") if SCREENSHOTS else None
    assert look_at(reader, base_url + page, shot, schemes=SCHEMES) == []


def test_the_theme_toggle_switches_and_keeps_code_and_maths_legible(context, base_url):
    page, problems = open_page(context, base_url + "03-activations.html")
    seen = {}
    for _ in range(3):  # the toggle cycles: follow the system, light, dark
        scheme = page.evaluate("() => document.body.dataset.mdColorScheme")
        seen[scheme] = {
            part: page.evaluate(CONTRAST, selector)
            for part, selector in (
                ("code", ".highlight code"),
                ("maths", "mjx-container"),
            )
        }
        page.locator(".md-header__option label:visible").first.click()
    assert set(seen) == {"default", "slate"}, seen
    for scheme, contrasts in seen.items():
        for part, ratio in contrasts.items():
            assert ratio >= 4.5, f"{part} contrast {ratio:.1f} in the {scheme} theme"
    assert problems == []


def test_copy_button_copies_exactly_the_block(context, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page, problems = open_page(context, base_url + "01-one-neuron.html")
    title = page.locator("span.filename", has_text="nnlit/one_neuron.py")
    block = page.locator("div.language-python.highlight", has=title)
    block.hover()
    block.locator('button[data-md-type="copy"]').click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    shown = block.locator("code").inner_text()
    assert copied.rstrip("\n") == shown.rstrip("\n")
    assert "def neuron_input(" in copied
    assert problems == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("backpropagation", "06-backpropagation.html"),
        ("sigmoid", "03-activations.html"),
    ],
)
def test_search_finds_the_right_page(context, base_url, query, expected):
    page, problems = open_page(context, base_url + "index.html")
    assert expected in search(page, query)
    assert problems == []


CHINESE_QUERIES = [
    ("反向传播", "06-backpropagation"),
    ("激活函数", "03-activations"),
    ("学习率", "05-gradient-descent"),
]


@pytest.mark.parametrize("over", ["http", "file"])
@pytest.mark.parametrize(("query", "chapter"), CHINESE_QUERIES)
def test_a_chinese_search_finds_the_chapter_first(
    context, base_url, site, over, query, chapter
):
    """From a Chinese page, over http and from disk: only the Chinese index loads."""
    start = (
        base_url + "zh/index.html"
        if over == "http"
        else ((site / "zh" / "index.html").as_uri())
    )
    indexes = []
    context.on("request", lambda r: "search_index" in r.url and indexes.append(r.url))
    page, problems = open_page(context, start)
    first = first_result(page, query)
    assert first.split("?")[0].split("#")[0].endswith(f"{chapter}.html"), first
    assert "/zh/" in page.evaluate(f"() => new URL({first!r}, location).href")
    assert indexes, "no search index was requested"
    assert all("/zh/search/" in url for url in indexes), indexes
    assert page.locator("html").get_attribute("lang") == "zh"
    assert problems == []


def test_the_site_works_from_disk(context, site):
    """Opened as files (file://): pages, maths, figures and search all work."""
    problems = look_at(context, (site / "05-gradient-descent.html").as_uri())
    assert problems == []
    page, problems = open_page(context, (site / "index.html").as_uri())
    assert "05-gradient-descent.html" in search(page, "gradient descent")
    assert problems == []


def test_a_screen_reader_gets_each_formula_as_maths(context, base_url):
    """The drawings are hidden from assistive technology; MathML stands for them."""
    page, problems = open_page(context, base_url + "01-one-neuron.html")
    formulas = page.locator(".arithmatex")
    count = formulas.count()
    assert count > 20
    tree = page.locator("article").aria_snapshot()
    assert len(re.findall(r"^\s*- math\b", tree, re.MULTILINE)) == count
    first = page.locator("div.arithmatex").first.aria_snapshot()
    assert re.match(r'- math: "z = w x \+ b input half', first), first
    assert "img" not in first
    assert problems == []


WIDTHS = """() => [...document.querySelectorAll(".arithmatex svg")].map(
  (svg) => svg.getBoundingClientRect().width)"""


def test_formulas_are_vector_drawings_that_grow_with_the_text(context, base_url):
    """Zoomed in (twice the text size), each formula is drawn twice as wide."""
    page, problems = open_page(context, base_url + "02-layers.html")
    before = page.evaluate(WIDTHS)
    page.evaluate(
        """() => {
          const root = document.documentElement;
          root.style.fontSize = `${2 * parseFloat(getComputedStyle(root).fontSize)}px`;
        }"""
    )
    after = page.evaluate(WIDTHS)
    assert len(before) == len(after) > 20
    for number, (small, large) in enumerate(zip(before, after, strict=True), 1):
        if small:  # a formula in a closed box has no width to compare
            assert large == pytest.approx(2 * small, rel=0.02), f"formula {number}"
    assert page.locator(".arithmatex svg[viewBox]").count() == len(before)
    assert problems == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_formulas_print_legibly_from_either_theme(context, base_url, scheme):
    page, problems = open_page(context, base_url + "05-gradient-descent.html")
    page.emulate_media(media="print", color_scheme=scheme)
    assert page.evaluate(CONTRAST, ".arithmatex mjx-container") >= 4.5
    assert [p for p in page.evaluate(INSPECT) if "has no size" in p] == []
    assert problems == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_code_colour_reads_on_code_and_output_blocks(context, base_url, scheme):
    """Each token colour of the palette, not only those on today's pages, 4.5:1."""
    page, problems = open_page(context, base_url + "index.html")
    page.emulate_media(color_scheme=scheme)
    page.wait_for_function(THEME_IS, arg=THEMES[scheme])
    ratios = page.evaluate(PALETTE)
    assert len(ratios) == 26
    low = {pair: round(ratio, 2) for pair, ratio in ratios.items() if ratio < 4.5}
    assert low == {}, f"below 4.5:1 in {scheme}"
    assert problems == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_copy_button_stands_out_from_its_code(context, base_url, scheme):
    """A control's icon needs 3:1 against what is behind it (WCAG 1.4.11)."""
    page, problems = open_page(context, base_url + "01-one-neuron.html")
    page.emulate_media(color_scheme=scheme)
    page.wait_for_function(THEME_IS, arg=THEMES[scheme])
    copy = 'button[data-md-type="copy"]'
    page.locator(copy).first.wait_for(state="attached")
    assert page.evaluate(CONTRAST, copy) >= 3
    assert problems == []
