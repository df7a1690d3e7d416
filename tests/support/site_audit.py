"""Checks of the built HTML that the site tests and the fault tests share."""

import importlib
import re
from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Comment
from docblocks import page_blocks
from language_pairs import built_path
from project import ROOT

# Languages a reader may see in a code block: Python (run by the tests), the
# output a Python block printed (checked by the tests) and shell sessions (shown,
# never run). Anything else must be added here with a reason.
SHOWN_LANGUAGES = {"python", "text", "console"}
# Every way an element of a page makes the browser fetch something.
LOADING_ATTRIBUTES = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "track": ["src"],
    "image": ["href", "xlink:href"],  # SVG
    "use": ["href", "xlink:href"],  # SVG
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")


def is_remote(url: str) -> bool:
    """Whether fetching ``url`` leaves the site: a scheme (but data:) or ``//``."""
    url = url.strip()
    scheme = urlsplit(url).scheme
    return url.startswith("//") or (bool(scheme) and scheme != "data")


def remote_loads(html: BeautifulSoup) -> list[str]:
    """Every fetch from another host that a page's markup or inline CSS asks for."""
    found = []
    for tag, attributes in LOADING_ATTRIBUTES.items():
        for element in html.find_all(tag):
            for attribute in attributes:
                value = element.get(attribute, "")
                urls = [u.split()[0] for u in value.split(",") if u.strip()]
                if attribute != "srcset":
                    urls = [value] if value else []
                found += [f"<{tag} {attribute}={u}>" for u in urls if is_remote(u)]
    styles = [e.get("style", "") for e in html.find_all(style=True)]
    styles += [e.get_text() for e in html.find_all("style")]
    for css in styles:
        found += [f"CSS url({u})" for u in CSS_URL.findall(css) if is_remote(u)]
    return found


def outbound_links(html: BeautifulSoup) -> list[str]:
    """Every plain link out of the site: an ``<a href>`` to another host.

    Following a link is the reader's choice, so it loads nothing by itself: the
    site may link out (to the courses, the data's origin, other books) while
    :func:`remote_loads` still refuses anything that fetches from another host.
    """
    return [
        a["href"]
        for a in html.find_all("a", href=True)
        if urlsplit(a["href"]).scheme in ("http", "https")
    ]


def html_of(page: Path, site: Path) -> Path:
    """The built HTML file of a Markdown page (no directory URLs: see mkdocs.yml)."""
    return site / built_path(page)


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
    raw = [
        pre
        for pre in html.select("article pre")
        if not pre.find_parent(class_="highlight")
    ]
    if raw:
        problems.append(
            f"{page.name}: {len(raw)} raw <pre> block(s) that no test runs or checks"
        )
    problems += console_problems(page)
    problems += [f"{page.name}: {p}" for p in inline_code_problems(html)]
    # A skipped or expected-to-fail block's output is shown but never compared.
    checked = sum(b.expected_output is not None and not b.marks for b in blocks)
    if shown["text"] != checked:
        problems.append(
            f"{page.name}: {shown['text']} output blocks shown, {checked} checked"
        )
    return problems


# What a continuing block's title says, in each edition (the Chinese edition's
# "Continues the block above" is 接上一个代码块).
CONTINUES = ("continue", "接上")


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
            said = title.get_text().lower() if title is not None else ""
            if not any(word in said for word in CONTINUES):
                silent.append(block.get_text()[:60])
    return silent


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


CONSOLE_FENCE = re.compile(
    r"^(?P<indent> *)```console[^\n]*\n(?P<body>.*?)^(?P=indent)```", re.M | re.S
)
COMMAND = re.compile(r"^(\$ )?(\.venv/bin/)?(python3?|pip|mkdocs|pytest|bash)\b")


def console_problems(page: Path) -> list[str]:
    """Shell sessions a page shows: commands only, naming files that exist.

    A ``console`` block is shown, never run, so it may not claim an output
    (every line must be a command), and a script it runs must be in the
    repository.
    """
    text = page.read_text(encoding="utf-8")
    problems = []
    for fence in CONSOLE_FENCE.finditer(text):
        first = text.count("\n", 0, fence.start()) + 2
        for offset, line in enumerate(fence.group("body").splitlines()):
            command = line.strip().split("  #")[0].strip()
            where = f"{page.name}:{first + offset}"
            if command and not COMMAND.match(command):
                problems.append(
                    f"{where}: a console line that is not a command: {line.strip()!r}"
                )
            for word in command.split():
                if word.endswith(".py") and not (ROOT / word).is_file():
                    problems.append(f"{where}: runs {word}, which does not exist")
    return problems


API_NAME = re.compile(r"nnlit(\.[A-Za-z_]\w*)*")
REPO_PATH = re.compile(r"[\w.-]+(/[\w.-]*)+")


def resolves(dotted: str) -> bool:
    """Whether ``nnlit.a.b`` names a module, or something inside one."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            if not hasattr(found, name):
                return False
            found = getattr(found, name)
        return True
    return False


def inline_code_problems(html: BeautifulSoup) -> list[str]:
    """Inline code in the prose that names nnlit's API or a file: it must exist."""
    problems = []
    for code in html.select("article code"):
        if code.find_parent("pre"):
            continue
        text = code.get_text()
        if API_NAME.fullmatch(text) and not resolves(text):
            problems.append(f"`{text}` names nothing in nnlit")
        elif REPO_PATH.fullmatch(text) and not (ROOT / text).exists():
            problems.append(f"`{text}` is not a file or folder of the repository")
    return problems
