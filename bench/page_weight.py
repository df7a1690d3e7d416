"""Print what a first visit to each page of the built site transfers.

    .venv/bin/python bench/page_weight.py [SITE_DIR]

Serves the site (default ``site/``; build it with ``python3 dev.py build``) on
127.0.0.1, opens each page in a fresh headless Chromium, and adds up every
response: as stored, and gzipped as a static host would send it. The target is
250 KB per chapter page, gzipped; this prints and never asserts.
"""

import gzip
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "support"))

from browser import CHROMIUM_FLAGS, chromium, serve  # noqa: E402

TARGET_KB = 250


def first_visit(browser, url: str) -> tuple[int, int, int]:
    """Bytes stored, bytes gzipped and the number of requests for one page."""
    context = browser.new_context()
    bodies = []
    context.on("response", lambda response: bodies.append(response))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    # A page that typesets in the browser (an older build, see page_speed.py)
    # asks for its fonts once MathJax is done: wait for those too.
    page.evaluate("""async () => {
      await window.MathJax?.startup?.promise;
      await document.fonts.ready;
    }""")
    sizes = [(len(b := r.body()), len(gzip.compress(b))) for r in bodies if r.ok]
    context.close()
    return sum(s for s, _ in sizes), sum(g for _, g in sizes), len(sizes)


def main(site: Path) -> None:
    """Print one row per page, heaviest first."""
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.name != "404.html"
    )
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium(), args=CHROMIUM_FLAGS
        )
        rows = [(name, *first_visit(browser, base + name)) for name in pages]
        browser.close()
    print(f"{'page':<32}{'requests':>9}{'stored KB':>11}{'gzipped KB':>12}  target")
    for name, stored, zipped, count in sorted(rows, key=lambda r: -r[2]):
        verdict = "ok" if zipped <= TARGET_KB * 1024 else "over"
        kb = f"{stored / 1024:>11.0f}{zipped / 1024:>12.0f}"
        print(f"{name:<32}{count:>9}{kb}  {verdict}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site")
