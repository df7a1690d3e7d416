"""Every displayed line of every chapter is checked from the page's own TeX.

Each line's sides are parsed by SymPy's LaTeX parser and evaluated on random
inputs with the page's names bound to nnlit (``tests/support/derivations.py``);
a line that cannot be checked says why in a ``% unchecked:`` comment.
"""

from pathlib import Path

import pytest
from derivations import check_page
from labs import chapters
from project import FIXTURES
from site_build.facts import fill_facts
from tex_math import Line, displays

from nnlit.facts import FACTS

CHECKED_SHARE = 0.8  # the least share of displayed lines checked, not marked


def page_displays(page: Path) -> list:
    """The page's displays, its facts filled in as the build fills them."""
    return displays(page, fill_facts(page.read_text(), FACTS, page.name))


def lines_of(pages: list[Path]) -> list[Line]:
    return [line for page in pages for d in page_displays(page) for line in d.lines]


@pytest.mark.parametrize("page", chapters(), ids=lambda p: p.name)
def test_every_displayed_line_holds(page: Path):
    assert check_page(page_displays(page)) == []


def test_most_lines_are_checked_and_every_unchecked_one_says_why(capsys):
    lines = lines_of(chapters())
    unchecked = [line for line in lines if line.how == "unchecked"]
    assert all(len(line.detail.split()) >= 3 for line in unchecked), [
        line.where() for line in unchecked if len(line.detail.split()) < 3
    ]
    checked = len(lines) - len(unchecked)
    with capsys.disabled():
        print(
            f"\ndisplayed lines: {len(lines)}, checked {checked},"
            f" marked {len(unchecked)}"
        )
        for line in unchecked:
            print(f"  unchecked {line.where()}: {line.detail}")
    assert checked >= CHECKED_SHARE * len(lines)


def test_a_wrong_step_fails_naming_page_and_line():
    problems = check_page(page_displays(FIXTURES / "wrong-derivation" / "index.md"))
    assert problems[0].startswith(
        r"index.md:8: '\sigma(z)\,\big(1 + \sigma(z)\big)' is "
    ), problems
    assert "but the line's left side is" in problems[0]
    assert any(
        p.startswith("index.md:17: defines 'q' without a check") for p in problems
    )
    assert any(
        p.startswith("index.md:18: unknown nnlit binding 'no_such_thing'")
        for p in problems
    )


def test_tex_the_parser_cannot_read_fails_naming_the_line():
    problems = check_page(page_displays(FIXTURES / "wrong-derivation" / "index.md"))
    assert any(p.startswith("index.md:19: cannot check:") for p in problems), problems


def test_the_chapter_3_fault_from_the_issue_is_caught():
    """sigma(1 - sigma) changed to sigma(1 + sigma), as a reviewer tried."""
    page = next(p for p in chapters() if p.name == "03-activations.md")
    text = page.read_text()
    wrong = text.replace(
        r"\sigma(z)\,\big(1 - \sigma(z)\big)", r"\sigma(z)\,\big(1 + \sigma(z)\big)"
    )
    assert wrong != text
    problems = check_page(displays(page, wrong))
    line = text[: text.index(r"\sigma(z)\,\big(1 - \sigma(z)\big)")].count("\n") + 1
    assert any(p.startswith(f"03-activations.md:{line}: ") for p in problems), problems
