"""The built site in headless Chromium: what a reader really sees.

Needs the system's Chromium (``.ci/run`` installs Debian's). Without it these
tests skip, unless ``NNLIT_REQUIRE_BROWSER`` is set, as CI sets it (see the
``browser`` fixture in conftest.py). With ``NNLIT_SCREENSHOTS`` set to a folder,
a screenshot of every page, light and dark, goes there for people to look at
(full-page screenshots are a quarter of these tests' time, so they are asked for).
"""

import os
from pathlib import Path

import pytest
from browser import (
    SCHEMES,
    CONTRAST,
    look_at,
    open_page,
    search,
)
from docblocks import pages
from labs import labs
from project import DOCS, ROOT

SCREENSHOTS = os.environ.get("NNLIT_SCREENSHOTS")
PAGES = [
    page.relative_to(DOCS).with_suffix(".html").as_posix()
    for page in [*pages(), *labs()]
]


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


def test_the_site_works_from_disk(context, site):
    """Opened as files (file://): pages, maths, figures and search all work."""
    problems = look_at(context, (site / "05-gradient-descent.html").as_uri())
    assert problems == []
    page, problems = open_page(context, (site / "index.html").as_uri())
    assert "05-gradient-descent.html" in search(page, "gradient descent")
    assert problems == []
