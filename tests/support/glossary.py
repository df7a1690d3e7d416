"""The glossary page, the source's terms and the terms the chapters bold, as data.

``docs/glossary.md`` is one table: names of a term (comma-separated), its
Chinese terms (separated by 、, a † marking one the source does not use), a
meaning, and links to the sections that introduce it. The source's terms are
listed in ``tests/fixtures/source/terms.tsv`` (its header says how the list was
made). A later Chinese edition can read both with :func:`entries` and
:func:`source_terms`.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from project import DOCS, FIXTURES
from prose_numbers import FENCE

GLOSSARY = DOCS / "glossary.md"
SOURCE_TERMS = FIXTURES / "source" / "terms.tsv"
DAGGER = "†"  # after a Chinese term: the usual translation, not the source's word
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

# Bold spans in the chapters that are neither terms nor run-in headings.
NOT_TERMS = {
    "three": "chapter 2 stresses a count: its example network has three layers",
}


@dataclass(frozen=True)
class Entry:
    """One row of the glossary."""

    names: tuple[str, ...]  # the term and its other names, as the page writes them
    chinese: tuple[str, ...]  # each as written, a trailing † kept
    meaning: str
    links: tuple[str, ...]  # "page.md#anchor", relative to docs/
    line: int  # of the glossary page, from 1


_LINK = re.compile(r"\]\(([^)\s]+)\)")
_ZH = re.compile(r'<span lang="zh-Hans">(.*)</span>')


def entries(path: Path = GLOSSARY) -> list[Entry]:
    """The glossary's rows, the header and the separator left out."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith("|") or set(line) <= set("|- "):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if cells[0] == "Term":
            continue
        names, chinese, meaning, where = cells
        marked = _ZH.fullmatch(chinese)  # the language set, for fonts and voices
        if marked is None:
            raise ValueError(f"{path.name}:{number}: wrap {chinese} in {_ZH.pattern}")
        chinese = marked.group(1)
        found.append(
            Entry(
                tuple(name.strip() for name in names.split(",")),
                tuple(term.strip() for term in chinese.split("、")),
                meaning,
                tuple(_LINK.findall(where)),
                number,
            )
        )
    return found


def source_terms(path: Path = SOURCE_TERMS) -> list[tuple[str, str, str]]:
    """``(as the source writes it, Chinese term, English term)`` for each row."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            written, chinese, english = line.split("\t")
            rows.append((written, chinese, english))
    return rows


def forms(name: str) -> set[str]:
    """A name and the plural or verb forms a chapter may bold it in, lower case."""
    name = " ".join(name.lower().split())
    return {name, name + "s", name + "es"}


def entry_for(term: str, glossary: list[Entry]) -> Entry | None:
    """The entry one of whose names ``term`` is a form of, if any."""
    wanted = " ".join(term.lower().split())
    for entry in glossary:
        if any(wanted in forms(name) for name in entry.names):
            return entry
    return None


def _blank(match: re.Match) -> str:
    return "\n" * match.group(0).count("\n")  # keeps every line number


def prose(text: str) -> str:
    """A page's prose: code blocks, inline code and comments blanked out."""
    text = FENCE.sub(_blank, text)
    for pattern in (r"<!--.*?-->", r"`[^`\n]*`"):
        text = re.sub(pattern, _blank, text, flags=re.S)
    return text


_BOLD = re.compile(r"\*\*((?:(?!\*\*|\n[ \t]*\n).)+?)\*\*", re.S)


def bolded_terms(text: str) -> list[tuple[int, str]]:
    """``(line, term)`` for each term the prose of ``text`` sets in bold.

    A bold span that ends a sentence (``**The bias.**``) is a run-in heading,
    and one that starts with an article (``**A learning rate that is too
    large**``) names a case; neither is a term, nor is a span in
    :data:`NOT_TERMS`.
    """
    text = prose(text)
    found = []
    for match in _BOLD.finditer(text):
        span = " ".join(match.group(1).split())
        lead = span.split()[0] in ("A", "An", "The")
        if span.endswith((".", ":", "?", "!")) or lead or span in NOT_TERMS:
            continue
        found.append((text.count("\n", 0, match.start()) + 1, span))
    return found


def chapters() -> list[Path]:
    """Every numbered chapter present, in order (English: the glossary's terms)."""
    return sorted(p for p in DOCS.glob("[0-9][0-9]-*.md") if len(p.suffixes) == 1)


def missing_bold_terms(pages: list[Path], glossary: list[Entry]) -> list[str]:
    """Each term a page bolds that no glossary entry names, with page and line."""
    return [
        f"{page.name}:{line}: **{term}** is bold but not in the glossary"
        for page in pages
        for line, term in bolded_terms(page.read_text(encoding="utf-8"))
        if entry_for(term, glossary) is None
    ]


def _split(link: str) -> tuple[str, str]:
    page, _, anchor = link.partition("#")
    return page, anchor


def heading(site: Path, link: str) -> Tag | None:
    """The heading a glossary link lands on in the built site, if it is one."""
    page, anchor = _split(link)
    path = site / Path(page).with_suffix(".html")
    if not anchor or not path.exists():
        return None
    stat = path.stat()
    found = _parsed(path, stat.st_mtime_ns, stat.st_size).find(id=anchor)
    return found if found is not None and found.name in HEADINGS else None


@cache
def _parsed(path: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    """A built page, parsed once for all its links (a changed file, anew)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def link_problems(glossary: list[Entry], site: Path) -> list[str]:
    """Entries without a link, and links that land on no heading of the site."""
    problems = []
    for entry in glossary:
        if not entry.links:
            problems.append(f"glossary.md:{entry.line}: {entry.names[0]} has no link")
        for link in entry.links:
            if heading(site, link) is None:
                problems.append(
                    f"glossary.md:{entry.line}: {link} is not a heading of the site"
                )
    return problems


def section_text(start: Tag) -> str:
    """The text of a heading's section: up to the next heading of its rank or above."""
    rank = HEADINGS.index(start.name)
    parts = [start.get_text(" ")]
    for sibling in start.find_next_siblings():
        if sibling.name in HEADINGS and HEADINGS.index(sibling.name) <= rank:
            break
        parts.append(sibling.get_text(" "))
    return " ".join(" ".join(parts).split())


def mentions(text: str, names: tuple[str, ...]) -> bool:
    """Whether ``text`` uses one of ``names`` (or a form of it) as a word."""
    return any(
        re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, flags=re.I)
        for name in names
        for form in forms(name)
    )
