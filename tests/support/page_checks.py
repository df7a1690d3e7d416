"""Checks of one loaded page that the every-page sweep runs beside axe-core.

Each takes a Playwright page, already loaded, and returns its problems as
sentences (none when the page passes). They run after axe-core on the same
load, since they press keys and move focus.
"""

from pathlib import Path

# The focused element and whether it is seen to have focus (see the file).
FOCUS = (Path(__file__).parent / "focus.js").read_text()

# Whether focus is on or inside the page's title.
ON_TITLE = "() => document.activeElement.closest('article h1') !== null"

# Every element that moves when the reader asked for less motion.
MOVING = """() => {
  const out = [];
  if (getComputedStyle(document.documentElement).scrollBehavior === "smooth") {
    out.push("the page scrolls smoothly");
  }
  for (const el of document.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    const seconds = (list) => Math.max(...list.split(",").map((t) => parseFloat(t)));
    if (style.animationName !== "none" && seconds(style.animationDuration) > 0) {
      out.push(`${el.tagName.toLowerCase()}.${el.className} is animated`);
    }
    if (seconds(style.transitionDuration) > 0 && style.transitionProperty !== "none") {
      out.push(`${el.tagName.toLowerCase()}.${el.className} has transitions`);
    }
  }
  return out;
}"""


def skip_link(page, name: str) -> list[str]:
    """The first Tab shows "Skip to content"; Enter brings up the title; Tab goes on.

    The theme's "not found" page has nothing before its one line to skip.
    """
    if name == "404.html":
        return []
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS)
    if first is None or not first["what"].startswith("a.md-skip"):
        return [f"skip link: the first Tab stop is {first}, not the skip link"]
    if not (first["marked"] and first["shown"]):
        return [f"skip link: focused, it is not seen to be: {first}"]
    page.keyboard.press("Enter")
    title = page.locator("article h1").first
    if title.evaluate("(h) => h.getBoundingClientRect().top") >= 200:
        return ["skip link: Enter left the title out of view"]
    # The next Tab starts from the title, not from the header. (The URL's
    # "#title" is no proof: the theme's section tracking may clear it.)
    page.keyboard.press("Tab")
    if not page.evaluate(ON_TITLE):
        return ["skip link: the Tab after it started again from the header"]
    return []


def motion(page, name: str) -> list[str]:
    """What still moves on a page whose reader asked for reduced motion."""
    return [f"motion: {moving}" for moving in page.evaluate(MOVING)]
