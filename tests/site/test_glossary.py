"""The glossary covers the chapters' bold terms and the source's terms, and links true.

Chapters are collected when the tests run, so a new chapter's bold terms must
join the glossary too.
"""

from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from glossary import (
    DAGGER,
    Entry,
    bolded_terms,
    chapters,
    entries,
    entry_for,
    heading,
    link_problems,
    mentions,
    missing_bold_terms,
    section_text,
    source_terms,
)
from source_listings import SOURCE_TEXT

GLOSSARY = entries()


def test_the_glossary_is_a_table_of_whole_entries():
    assert len(GLOSSARY) >= 50
    for entry in GLOSSARY:
        assert all(entry.names), entry
        assert all(entry.chinese), entry
        assert entry.meaning.endswith("."), entry
    names = [name.lower() for entry in GLOSSARY for name in entry.names]
    assert len(names) == len(set(names)), "a name is listed twice"
    firsts = [entry.names[0].lower() for entry in GLOSSARY]
    assert firsts == sorted(firsts), "entries are not in alphabetical order"


def test_every_term_a_chapter_bolds_is_in_the_glossary():
    pages = chapters()
    assert len(pages) >= 7
    assert sum(len(bolded_terms(p.read_text(encoding="utf-8"))) for p in pages) >= 20
    assert missing_bold_terms(pages, GLOSSARY) == []


def test_every_term_of_the_source_is_in_the_glossary_with_its_chinese_term():
    rows = source_terms()
    assert len(rows) >= 50
    missing = []
    for written, chinese, english in rows:
        entry = entry_for(english, GLOSSARY)
        if entry is None:
            missing.append(f"{english}: no entry")
            continue
        # the source's own word stands unmarked; a translation of ours is marked
        expected = chinese if written == chinese else chinese + DAGGER
        if expected not in entry.chinese:
            missing.append(f"{english}: {expected} not among {entry.chinese}")
    assert missing == []


@pytest.mark.skipif(not SOURCE_TEXT.exists(), reason="the source text is not here")
def test_the_source_terms_are_the_sources_words():
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    assert [w for w, _, _ in source_terms() if w not in text] == []
    chinese = [term for entry in GLOSSARY for term in entry.chinese]
    marked = [t.removesuffix(DAGGER) for t in chinese if t.endswith(DAGGER)]
    unmarked = [t for t in chinese if not t.endswith(DAGGER)]
    assert [t for t in unmarked if t not in text] == [], "unmarked but not the source's"
    assert [t for t in marked if t in text] == [], "marked † but the source's own"
    assert len(unmarked) >= 50
    assert marked


def test_every_glossary_link_lands_on_a_heading(site: Path):
    assert sum(len(entry.links) for entry in GLOSSARY) >= len(GLOSSARY)
    assert link_problems(GLOSSARY, site) == []


def test_a_bold_term_links_to_a_section_that_uses_it(site: Path):
    """The link of a term a chapter bolds goes where that term is explained."""
    bold = {term for page in chapters() for _, term in bolded_terms(page.read_text())}
    unused = []
    for term in sorted(bold):
        entry = entry_for(term, GLOSSARY)
        for link in entry.links:
            if not mentions(section_text(heading(site, link)), entry.names):
                unused.append(f"{term}: {link} does not use it")
    assert unused == []


# The checks themselves, on made-up pages: each finds what it must.


def test_bold_terms_are_told_from_run_in_headings_cases_and_code():
    text = """# 9. A chapter

Training by **gradient
descent** needs a **learning rate**.

**The bias.** A run-in heading. **A rate that is too large** is a case.
A count: **three**. `**not_bold**` is code, and so is this:

```python
f(**{"X": 1})  # **kwargs**
```
"""
    assert bolded_terms(text) == [(3, "gradient descent"), (4, "learning rate")]


def test_a_bold_term_missing_from_the_glossary_is_named_with_its_line(tmp_path):
    page = tmp_path / "09-new.md"
    page.write_text("# 9. New\n\nAn **attention** layer mixes **weights**.\n")
    assert missing_bold_terms([page], GLOSSARY) == [
        "09-new.md:3: **attention** is bold but not in the glossary"
    ]


def test_a_link_to_no_heading_is_found(tmp_path: Path):
    (tmp_path / "page.html").write_text(
        '<article><h2 id="the-idea">The idea</h2><p>A <b>weight</b>.</p>'
        '<p id="a-paragraph">Not a heading.</p><h2 id="next">Next</h2><p>x</p>'
        "</article>"
    )
    entry = Entry(("weight",), ("权重",), "A factor.", (), 3)
    links = ("page.md#the-idea", "page.md#a-paragraph", "page.md#gone", "nope.md#x")
    problems = link_problems([replace(entry, links=links), entry], tmp_path)
    assert problems == [
        "glossary.md:3: page.md#a-paragraph is not a heading of the site",
        "glossary.md:3: page.md#gone is not a heading of the site",
        "glossary.md:3: nope.md#x is not a heading of the site",
        "glossary.md:3: weight has no link",
    ]
    section = section_text(heading(tmp_path, "page.md#the-idea"))
    assert section == "The idea A weight . Not a heading."
    assert mentions(section, ("weight",))
    assert not mentions(section, ("bias",))
    html = BeautifulSoup((tmp_path / "page.html").read_text(), "html.parser")
    assert not mentions(section_text(html.find(id="next")), ("weight",))
