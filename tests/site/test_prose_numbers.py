"""Numbers in the prose are computed, or inputs the page's code shows, or explained."""

from pathlib import Path

import pytest
from docblocks import pages
from project import FIXTURES
from prose_numbers import REASONS, prose_numbers, unexplained_numbers


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_no_measurement_is_typed_in_the_prose(page: Path):
    assert unexplained_numbers(page) == []


def test_a_number_typed_by_hand_is_caught_naming_page_and_line():
    page = FIXTURES / "typed-number" / "index.md"
    assert unexplained_numbers(page) == [
        "index.md:3: 0.0012 is typed in the prose; make it a fact, or say in"
        " tests/support/prose_numbers.py why it is not a measurement"
    ]


@pytest.mark.parametrize("name", sorted(REASONS))
def test_every_stated_reason_is_still_needed(name: str):
    page = next(p for p in pages() if p.name == name)
    typed = {number for _, number in prose_numbers(page)}
    assert set(REASONS[name]) <= typed, f"{name}: reasons for numbers it no longer has"


def test_a_number_typed_in_an_alt_text_or_a_caption_is_caught():
    """Figures' alt texts and captions are prose too; a fact in them is not typed."""
    page = FIXTURES / "typed-number-figure" / "index.md"
    assert [problem.split(" is typed")[0] for problem in unexplained_numbers(page)] == [
        "index.md:4: 0.195",
        "index.md:5: 900",
    ]
