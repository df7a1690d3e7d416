"""Lighthouse's accessibility score for every page of the built site.

    .venv/bin/python bench/accessibility.py [--site DIR] [--pages NAME ...]

Builds the site as the working tree is now, in a temporary folder (or takes an
already built ``--site``), serves it on 127.0.0.1 as a static host does, and
runs Lighthouse (the version bench/page_speed.py pins, installed into
``.cache/`` the same way) on each page with only its accessibility category,
driving the system's headless Chromium. Prints one row per page: the score out
of 100 and, for a page below 100, each failing audit with the elements it names.

It prints and never asserts: the browser tests hold the site to axe-core's
rules (Lighthouse runs axe-core too, with a few rules of its own weighted).
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "support"))
sys.path.insert(0, str(ROOT / "bench"))

from page_speed import build, lighthouse_cli, lighthouse_report, serve  # noqa: E402


def accessibility(node: Path, cli: Path, url: str) -> tuple[float, list[str]]:
    """Lighthouse's accessibility score of ``url``, and what it found failing."""
    result = lighthouse_report(node, cli, url, "accessibility")
    category = result["categories"]["accessibility"]
    failing = []
    for ref in category["auditRefs"]:
        audit = result["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            items = (audit.get("details") or {}).get("items", [])
            where = [item.get("node", {}).get("selector", "?") for item in items]
            failing.append(f"{ref['id']}: {', '.join(where[:5]) or audit['title']}")
    return 100 * category["score"], failing


def pages_of(site: Path) -> list[str]:
    """Every page of ``site`` a reader reaches, as paths relative to its root."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.name != "404.html"
    )


def main() -> None:
    """Build (or take) the site, run Lighthouse on every page, print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site")
    parser.add_argument("--pages", nargs="*", help="e.g. 01-one-neuron.html")
    args = parser.parse_args()
    node, cli = lighthouse_cli()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            print("building the site as it is now", file=sys.stderr)
            build(ROOT, site)
        pages = args.pages or pages_of(site)
        print(f"Lighthouse accessibility, {len(pages)} pages")
        with serve(site) as base:
            for page in pages:
                score, failing = accessibility(node, cli, base + page)
                print(f"{page:<40}{score:>5.0f}", flush=True)
                for problem in failing:
                    print(f"    {problem}", flush=True)


if __name__ == "__main__":
    main()
