"""Accessible to every reader: axe-core, keyboard, narrow screens, motion, figures.

axe-core's rules, the keyboard, narrow screens, reduced motion, and what each
figure says to a reader who cannot see it.

Each test reads the built site in headless Chromium as a reader would. The
tests that cover every page iterate over the built site, so pages added later
are covered without a list to update.
"""

import re
from collections import Counter
from pathlib import Path

import pytest
from axe import axe_audit, site_pages
from browser import SCHEMES, open_page
from bs4 import BeautifulSoup
from figure_text import alt_problem, is_busy, long_description
from page_checks import FOCUS, motion, skip_link
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

# Stops: enough to go round any page of the site (and leave it) at least once.
MOST_STOPS = 400


def tab_round(page) -> list[dict]:
    """Press Tab from the top until focus leaves the page; every stop on the way."""
    stops = []
    for _ in range(MOST_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        if stop is None:
            return stops
        stops.append(stop)
    raise AssertionError(f"focus never left the page in {MOST_STOPS} presses of Tab")


@pytest.fixture(params=[1280, 390], ids=lambda width: f"{width}px")
def width(request) -> int:
    return request.param


@pytest.fixture
def context(browser, width):
    """A reader at ``width`` who asked for reduced motion.

    The theme fades some focus targets in (the skip link, headings' anchors);
    without motion, each stop is checked in the state a reader settles on.
    """
    viewport = {"width": width, "height": 900}
    context = browser.new_context(viewport=viewport, reduced_motion="reduce")
    yield context
    context.close()


# Every page sweep runs in two halves (alternate pages), so that two workers
# can share it.
HALVES = pytest.mark.parametrize("half", [0, 1], ids=["odd", "even"])


@HALVES
@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_passes_axe_core_the_skip_link_and_reduced_motion(
    browser, site, base_url, width, half
):
    """One load of every built page serves three checks, each naming its page.

    - axe-core: the WCAG 2.1 A and AA rules and the best-practice rules, in the
      light and the dark scheme;
    - the skip link: the first Tab shows "Skip to content", Enter brings up the
      page's title and the next Tab goes on from there;
    - reduced motion (at 1280 px): nothing animates or slides.
    """
    checks = [skip_link, motion] if width == 1280 else [skip_link]
    names = site_pages(site)[half::2]
    found = axe_audit(browser, site, base_url, SCHEMES, width, checks, names)
    kinds = Counter(problem.split(": ", 2)[1].split(" (")[0] for problem in found)
    print(f"light and dark, {width} px: {dict(sorted(kinds.items()))}")
    assert found == [], f"{len(found)} problems by kind: {dict(kinds)}"


@pytest.mark.parametrize("name", ["01-one-neuron.html", "labs/06-backpropagation.html"])
def test_every_focus_stop_is_visible_and_on_screen(context, base_url, name):
    """Tab through the whole page: each stop has an outline or ring, in view."""
    page, problems = open_page(context, base_url + name)
    stops = tab_round(page)
    assert len(stops) > 10
    hidden = [stop["what"] for stop in stops if not (stop["marked"] and stop["shown"])]
    assert hidden == []
    what = " ".join(stop["what"] for stop in stops)
    for part in ("md-skip", "md-option", "md-search__input", "md-code__button"):
        assert part in what, f"{part} is not reached by the keyboard"
    assert problems == []


def test_the_keyboard_opens_the_solutions_and_the_drawer(browser, base_url):
    """On a phone: the menu button opens the navigation; Enter opens a solution."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page, problems = open_page(context, base_url + "labs/01-one-neuron.html")
    menu = page.locator('label.md-header__button[for="__drawer"]')
    assert menu.get_attribute("aria-expanded") == "false"
    home = page.locator(".md-sidebar--primary a.md-nav__link", has_text="Home")
    assert not home.is_visible()
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    home.wait_for(state="visible")
    page.keyboard.press("Enter")  # the menu button still has focus: closes it
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.keyboard.press(" ")
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.keyboard.press(" ")
    solution = page.locator("details > summary").first
    solution.focus()
    page.keyboard.press("Enter")
    assert solution.evaluate("(s) => s.parentElement.open")
    assert problems == []
    context.close()


def keyboard_focus(page, element) -> dict:
    """Put focus on ``element`` as the keyboard does; the stop, as FOCUS sees it.

    Focus from a script alone may not show the ring that Tab shows, so step
    back and forth with the keyboard to land on it again.
    """
    element.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert element.evaluate("(el) => el === document.activeElement")
    return page.evaluate(FOCUS)


def pages_with(site: Path, selector: str) -> list[str]:
    """Every built page with an element that ``selector`` matches (CSS)."""
    return [
        name
        for name in site_pages(site)
        if BeautifulSoup(
            (site / name).read_text(encoding="utf-8"), "html.parser"
        ).select_one(selector)
    ]


@HALVES
def test_the_keyboard_opens_and_closes_every_box(browser, site, base_url, half):
    """Every box: "How this figure is drawn", "The figure in words", solutions.

    Every details box of every page (those inside another box open with it)
    is a tab stop whose summary opens it with Enter, closes it again and opens
    it with Space.
    """
    boxes = "details:not(details details) > summary"
    names = pages_with(site, f"figure ~ {boxes}")
    assert names, "no page has a box under a figure"
    names = pages_with(site, boxes)[half::2]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    for name in names:
        page, problems = open_page(context, base_url + name)
        summaries = page.locator(f"article {boxes}")
        for index in range(summaries.count()):
            summary = summaries.nth(index)
            box = summary.locator("xpath=..")
            assert summary.evaluate("(s) => s.tabIndex") == 0, (name, index)
            stop = keyboard_focus(page, summary)
            assert stop["marked"], (name, stop)
            assert stop["shown"], (name, stop)
            for key, is_open in (("Enter", True), ("Enter", False), (" ", True)):
                page.keyboard.press(key)
                expect(box).to_have_js_property("open", is_open)
            assert box.locator(":scope > :not(summary)").first.is_visible(), name
        # A long description is tied to its figure's image for screen readers.
        for box in page.locator("article figure + details.description").all():
            expect(box).to_have_attribute("id", re.compile("."))
            image = box.locator("xpath=preceding-sibling::figure[1]//img")
            expect(image).to_have_attribute("aria-details", box.get_attribute("id"))
        assert problems == [], name
        page.close()
    context.close()


def test_the_keyboard_alone_searches_and_follows_a_result(context, base_url):
    """The slash opens the search, typing fills it, arrows pick, Enter follows."""
    page, problems = open_page(context, base_url + "index.html")
    box = page.locator("input.md-search__input")
    hits = page.locator('.md-search-result__link[href*="h=sigmoid"]')
    page.keyboard.press("/")
    expect(box).to_be_focused()
    for _ in range(6):  # a query typed before the index has loaded is dropped
        page.keyboard.press("Control+A")
        page.keyboard.type("sigmoid", delay=20)
        try:
            hits.first.wait_for(state="visible", timeout=5000)
            break
        except PlaywrightTimeout:
            continue
    page.keyboard.press("ArrowDown")
    first = page.evaluate(FOCUS)
    assert first["what"].startswith("a.md-search-result__link"), first
    assert first["marked"], first
    assert first["shown"], first
    target = page.evaluate("() => document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert "03-activations.html" in page.url
    assert problems == []


def test_the_keyboard_switches_the_palette(context, base_url):
    """Tab to the palette toggle; Enter steps through system, light and dark."""
    page, problems = open_page(context, base_url + "index.html")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('input.md-option')"):
            break
    else:
        raise AssertionError("the palette toggle is not reached by Tab")
    # The theme writes the chosen option's media query on the body.
    chosen = "() => document.body.dataset.mdColorMedia"
    scheme = "() => document.body.dataset.mdColorScheme"
    seen, schemes = [page.evaluate(chosen)], {page.evaluate(scheme)}
    for _ in range(3):
        page.keyboard.press("Enter")
        page.wait_for_function(f"(id) => ({chosen})() !== id", arg=seen[-1])
        seen.append(page.evaluate(chosen))
        schemes.add(page.evaluate(scheme))
        stop = page.evaluate(FOCUS)
        assert stop["what"].startswith("input.md-option"), stop
        assert stop["marked"], stop
        assert stop["shown"], stop
    assert len(set(seen)) == 3, seen  # every option once ...
    assert seen[0] == seen[-1]  # ... and round to the first again
    assert schemes == {"default", "slate"}
    assert problems == []


def test_the_keyboard_copies_a_code_block(context, base_url):
    """A copy button takes focus and copies its block when Enter is pressed."""
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page, problems = open_page(context, base_url + "01-one-neuron.html")
    block = page.locator("div.language-python.highlight:visible").first
    button = block.locator('button[data-md-type="copy"]')
    button.wait_for(state="attached")
    stop = keyboard_focus(page, button)
    assert stop["what"].startswith("button.md-code__button"), stop
    assert stop["marked"], stop
    assert stop["shown"], stop
    page.keyboard.press("Enter")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.rstrip("\n") == block.locator("code").inner_text().rstrip("\n")
    assert problems == []


# Every element of the content that pokes out of the window, as a sentence (the
# theme clips the page's sides, so what pokes out is lost). Code, display maths
# and tables scroll inside their own boxes, as WCAG allows.
OVERFLOW = """() => {
  const own = "pre, div.arithmatex, .md-typeset__scrollwrap";
  const out = [];
  if (document.documentElement.scrollWidth > innerWidth) {
    out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
  }
  for (const el of document.querySelectorAll("article *")) {
    if (el.closest(own)) continue;
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > innerWidth + 1 || box.left < -1)) {
      const text = el.textContent.trim().slice(0, 40);
      const right = Math.round(box.right);
      out.push(`${el.tagName.toLowerCase()} "${text}" reaches ${right} px`);
    }
  }
  return out;
}"""


@HALVES
def test_prose_reflows_at_320_pixels(browser, site, base_url, half):
    """WCAG 1.4.10: at 320 CSS px no page scrolls sideways and all prose fits."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    found = []
    for name in site_pages(site)[half::2]:
        page, problems = open_page(context, base_url + name)
        found += [f"{name}: {p}" for p in [*problems, *page.evaluate(OVERFLOW)]]
        page.close()
    context.close()
    assert found == []


def test_the_theme_moves_for_a_reader_who_did_not_ask_for_less(browser, base_url):
    """The sweep's motion check sees motion where there is some."""
    context = browser.new_context(reduced_motion="no-preference")
    page, _ = open_page(context, base_url + "index.html")
    assert motion(page, "index.html") != []
    context.close()


def page_images(site: Path):
    """``(page, img)`` for every image in the content of every built page."""
    for name in site_pages(site):
        html = BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")
        for img in html.select("article img"):
            yield name, img


def test_every_image_says_what_it_shows(site):
    """No empty alt text and no file name standing in for one, on any page."""
    found = [
        f"{name}: {img.get('src')} {problem}"
        for name, img in page_images(site)
        if (problem := alt_problem(img))
    ]
    assert found == []


def test_every_busy_figure_has_a_long_description(site):
    """A figure with a dozen things to read gets a details box that reads them.

    What is busy is measured on the drawn SVG (see figure_text.py), so a figure
    added later is judged without a list to update.
    """
    described, found = 0, []
    for name, img in page_images(site):
        svg = (site / name).parent / img["src"]
        if not (img.find_parent("figure") and svg.suffix == ".svg" and is_busy(svg)):
            continue
        box = long_description(img)
        if box is None:
            found.append(f"{name}: {img['src']} is busy and has no long description")
        elif len(box.get_text(" ", strip=True)) < 2 * len(img["alt"]):
            found.append(
                f"{name}: {img['src']}'s description says little more than its alt"
            )
        described += 1
    assert found == []
    assert described >= 5  # decision regions, diagrams, digits: the rule finds them


def test_alt_text_and_busy_figures_are_told_apart():
    """The checks catch a file name, an empty alt and a busy figure left bare."""
    html = BeautifulSoup(
        '<figure><img src="f/a-b.svg" alt="a-b.svg"></figure><p>x</p>'
        '<figure><img src="f/a-b.svg" alt="A b"></figure>'
        '<figure><img src="f/c.svg" alt="Rings of points."></figure>'
        '<details class="description"><summary>What</summary>Points.</details>',
        "html.parser",
    )
    file_name, own_name, fine = html.find_all("img")
    assert "file name" in alt_problem(file_name)
    assert "file name" in alt_problem(own_name)
    assert alt_problem(fine) is None
    assert alt_problem(BeautifulSoup('<img src="x.svg">', "html.parser").img)
    assert long_description(file_name) is None
    assert long_description(fine).summary.text == "What"
