"""A real browser looking at the built site, as a reader would.

Headless Chromium (the system's, found on PATH or in ``NNLIT_CHROMIUM``) is
driven by Playwright; no browser is downloaded. :func:`look_at` opens one page
and returns every problem a reader would meet, each naming the page.
"""

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",  # no calls home from the browser itself
    "--disable-component-update",
    "--disable-sync",
]
LOCAL = {"127.0.0.1", ""}  # "" is a file:// URL


def chromium() -> str | None:
    """The path of the system's Chromium, if there is one."""
    return (
        os.environ.get("NNLIT_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


def _guard(route, problems: list[str]) -> None:
    """Let requests to this machine through; refuse and report any other."""
    host = urlsplit(route.request.url).hostname or ""
    if host in LOCAL or route.request.url.startswith(("data:", "blob:", "about:")):
        route.continue_()
    else:
        problems.append(f"request to another host: {route.request.url}")
        route.abort()


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 at a free port; yield the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Runs in the loaded page; returns what a reader would see wrong.
INSPECT = (Path(__file__).parent / "inspect_page.js").read_text()

# Contrast ratio (WCAG) between an element's text and the background behind it.
CONTRAST = (Path(__file__).parent / "contrast.js").read_text()

# Contrast of each colour of the code palette on code and on the page.
PALETTE = (Path(__file__).parent / "palette.js").read_text()


def open_page(context, url: str):
    """Open ``url``; return the page and a list that collects its problems.

    Requests to any host but 127.0.0.1, from the page or its workers, are
    refused and reported, as are console errors and uncaught exceptions. Each
    call starts a new list: a context may open page after page (and reuse what
    its cache holds) without one page's problems reaching the next.
    """
    if not hasattr(context, "nnlit_problems"):
        context.route("**/*", lambda route: _guard(route, context.nnlit_problems))
    context.nnlit_problems = problems = []
    page = context.new_page()
    page.on(
        "console", lambda m: m.type == "error" and problems.append(f"console: {m.text}")
    )
    page.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
    page.goto(url, wait_until="load")
    return page, problems


def search(page, query: str, tries: int = 6) -> str:
    """Type ``query`` into the site search; return the first result's link.

    Types key by key, as a reader does. A query typed before the search index
    is loaded is dropped, as it would be for a reader, so type it again until
    results show or the tries run out.
    """

    def type_it(box) -> None:
        box.fill("")
        box.press_sequentially(query, delay=20)

    # A result for this query links with ?h=<query>; stale results do not.
    hits = f'.md-search-result__link[href*="h={quote_plus(query)}"]'
    return _first_hit(page, query, type_it, hits, tries)


def first_result(page, query: str, tries: int = 6) -> str:
    """Search ``query`` as a reader with an input method does; the first result's link.

    An input method commits a Chinese word at once, then the reader's key up
    runs the search (Playwright's typing of such letters sends no key up).
    """

    def type_it(box) -> None:
        box.fill(query)
        box.press("End")

    return _first_hit(page, query, type_it, ".md-search-result__link", tries)


def _first_hit(page, query: str, type_it, hits: str, tries: int) -> str:
    """Type with ``type_it(box)`` until a result ``hits`` shows; its link."""
    box = page.locator("input.md-search__input")
    first = page.locator(hits).first
    for _ in range(tries):
        type_it(box)
        try:
            first.wait_for(state="attached", timeout=5000)
            return first.get_attribute("href")
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"search for {query!r} found nothing in {tries} tries")


SCHEMES = ("light", "dark")
THEMES = {"light": "default", "dark": "slate"}  # mkdocs-material's names
THEME_IS = "(theme) => document.body.dataset.mdColorScheme === theme"


def look_at(
    context, url: str, shot: Path | None = None, schemes=SCHEMES[:1]
) -> list[str]:
    """Every problem a reader of ``url`` would meet, each prefixed with the page.

    The page loads once and is inspected in each colour scheme in turn: the
    theme follows the system's scheme live, as it does for a reader who
    switches it. With ``shot``, a full-page
    screenshot per scheme is saved as ``<shot>-<scheme>.png``.
    """
    page, problems = open_page(context, url)
    name = urlsplit(url).path.rsplit("/", 1)[-1] or "index.html"
    for scheme in schemes:
        page.emulate_media(color_scheme=scheme)
        theme = THEMES[scheme]
        try:
            page.wait_for_function(THEME_IS, arg=theme, timeout=5000)
        except PlaywrightTimeout:
            problems.append(f"the {scheme} scheme did not apply")
        found = page.evaluate(INSPECT)
        problems += [f"{p} ({scheme})" for p in found] if len(schemes) > 1 else found
        if shot:
            shot.parent.mkdir(parents=True, exist_ok=True)
            path = shot.with_name(f"{shot.name}-{scheme}.png")
            page.screenshot(path=str(path), full_page=True, animations="disabled")
    page.close()
    return [f"{name}: {p}" for p in problems]
