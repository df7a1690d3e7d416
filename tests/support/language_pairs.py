r"""Each page and its translation: what must be the same in both, and what differs.

A translation (``docs/<page>.zh.md``, ``docs/labs/<lab>.zh.py``) changes the
prose and nothing a test checks: the same code blocks with the same expected
outputs, the same snippet includes, facts, figures, pytest markers, maths
(bar the words inside ``\text{}``), derivation markers, heading anchors and
link targets; a lab has the same code cells. :func:`differences` names each
kind that differs, so the doc tests can run the English blocks alone: a
Chinese block is proven the same block, with the same expected output.
"""

import re
from pathlib import Path

from project import DOCS

LANGUAGES = ("zh",)  # every edition besides the English one

# English pages and labs with no translation yet. The pair test fails for a
# page missing from here without a twin, and for one listed here with a twin;
# when every translation is merged this list is empty, and stays empty.
FENCE = re.compile(r"^( *)(```+|~~~+)([^\n]*)\n(.*?)^\1\2[ \t]*$", re.M | re.S)
HEADING = re.compile(r"^(#{1,6}) (.+?)[ \t]*$", re.M)
ANCHOR = re.compile(r"\{[ \t]*#([\w-]+)[ \t]*\}$")
FILE_TITLE = re.compile(r'title="([^"]*\.[a-z]+)"')
TEXT = re.compile(r"\\text\{[^{}]*\}")


def language_of(path: Path) -> str:
    """``zh`` for ``x.zh.md``, ``en`` for ``x.md``."""
    suffixes = path.suffixes
    return suffixes[-2].lstrip(".") if len(suffixes) > 1 else "en"


def is_english(path: Path) -> bool:
    return language_of(path) == "en"


def twin(page: Path, code: str) -> Path:
    """The translation of an English page: ``x.md`` -> ``x.zh.md``."""
    return page.with_suffix(f".{code}{page.suffix}")


def english_of(page: Path) -> Path:
    """The English page of a translation: ``x.zh.md`` -> ``x.md``."""
    if is_english(page):
        return page
    return page.with_name(page.name.split(".")[0] + page.suffix)


def sources(docs: Path = DOCS) -> list[Path]:
    """Every page and lab of the site, in every language."""
    return sorted([*docs.rglob("*.md"), *docs.glob("labs/*.py")])


def slug(heading: str) -> str:
    """The id Python-Markdown's toc gives a heading (ASCII headings only)."""
    text = re.sub(r"`|\\\(|\\\)", "", heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def markdown_of(path: Path) -> tuple[str, list[str]]:
    """A page's Markdown, and for a lab its code cells (``[]`` for a page)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return text, []
    cells = re.split(r"^# %%", text, flags=re.M)
    code = [cell.strip() for cell in cells if not cell.startswith(" [markdown]")]
    prose = [
        re.sub(r"^# ?", "", cell, flags=re.M)
        for cell in cells
        if cell.startswith(" [markdown]")
    ]
    return "\n".join(prose), code


def kept(path: Path) -> dict[str, list]:
    """Everything of a page that its translation must keep, by kind."""
    markdown, code_cells = markdown_of(path)
    fences = FENCE.findall(markdown)
    prose = FENCE.sub("", markdown)
    headings = []
    # A lab's headings have no { #id } (a notebook has no attr_list): their
    # ids follow the words, so a lab's anchors are not compared.
    for _, heading in HEADING.findall(prose) if not code_cells else []:
        anchor = ANCHOR.search(heading)
        headings.append(anchor.group(1) if anchor else slug(heading))
    return {
        "code cells": code_cells,
        "code blocks (language and body)": [
            (info.split()[0] if info.split() else "", body)
            for _, _, info, body in fences
        ],
        "block titles that name a file": [FILE_TITLE.findall(i) for *_, i, _ in fences],
        "snippet includes": re.findall(r"^[ \t]*--8<--.*$", markdown, re.M),
        "facts (name and arguments)": re.findall(r"\{\{.*?\}\}", markdown),
        "figures and images": re.findall(r"!\[[^\]]*\]\(([^)\s]+)", markdown),
        "pytest markers": re.findall(r"<!--\s*pytest.*?-->", markdown),
        "display maths (words in \\text{} aside)": [
            TEXT.sub(r"\\text{}", m).strip()
            for m in re.findall(r"\$\$(.*?)\$\$", markdown, re.S)
        ],
        # A sentence may put its inline formulas and links in another order.
        "inline maths (words in \\text{} aside, in any order)": sorted(
            " ".join(TEXT.sub(r"\\text{}", m).split())  # wrapped lines too
            for m in re.findall(r"\\\((.*?)\\\)", prose, re.S)
        ),
        "derivation markers": re.findall(
            r"% (?:nnlit|where|unchecked):.*$", markdown, re.M
        ),
        "heading anchors": headings,
        # A lab's anchors are its English twin's, given by position (the
        # build's labs.english_anchors): its headings must match one to one.
        "heading levels": [len(level) for level, _ in HEADING.findall(prose)],
        "link targets (in any order)": sorted(
            re.findall(r"(?<!!)\[[^\]]*\]\(([^)\s]+)", prose)
        ),
    }


def shown(path: Path) -> str:
    """A page as messages name it: its path under docs/, or its name."""
    return path.relative_to(DOCS).as_posix() if path.is_relative_to(DOCS) else path.name


def differences(english: Path, translation: Path) -> list[str]:
    """``page: kind #n differs`` for each kind the translation does not keep."""
    found = []
    mine, theirs = kept(english), kept(translation)
    for kind, expected in mine.items():
        got = theirs[kind]
        if got == expected:
            continue
        n = next(
            (i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b),
            min(len(expected), len(got)),
        )
        want = expected[n] if n < len(expected) else "(nothing)"
        have = got[n] if n < len(got) else "(missing)"
        found.append(
            f"{shown(translation)}: {kind} differ from {english.name}'s at #{n + 1}"
            f" ({len(got)} against {len(expected)}): {str(have)[:120]!r}"
            f" where the English has {str(want)[:120]!r}"
        )
    return found


def missing_twins(docs: Path = DOCS) -> dict[str, list[str]]:
    """By language, the English pages without a translation (paths under docs/)."""
    english = [p for p in sources(docs) if is_english(p)]
    return {
        code: [
            p.relative_to(docs).as_posix()
            for p in english
            if not twin(p, code).exists()
        ]
        for code in LANGUAGES
    }


def orphans(docs: Path = DOCS) -> list[str]:
    """Translations whose English page does not exist."""
    return [
        p.relative_to(docs).as_posix()
        for p in sources(docs)
        if not is_english(p) and not english_of(p).exists()
    ]


def pairs(docs: Path = DOCS) -> list[tuple[Path, Path]]:
    """Each translated page with its English page."""
    return [(english_of(p), p) for p in sources(docs) if not is_english(p)]


def built_path(page: Path, docs: Path = DOCS) -> str:
    """Where a page or lab is built, under site/: ``zh/01-one-neuron.html``."""
    code = language_of(page)
    english = english_of(page).relative_to(docs).with_suffix(".html").as_posix()
    return english if code == "en" else f"{code}/{english}"


def built_pages(docs: Path = DOCS) -> list[str]:
    """Every page of the built site, every edition's (untranslated ones too)."""
    english = [built_path(p, docs) for p in sources(docs) if is_english(p)]
    return english + [f"{code}/{path}" for code in LANGUAGES for path in english]
