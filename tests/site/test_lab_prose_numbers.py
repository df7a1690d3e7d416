"""Numbers in a lab's prose are inputs its code uses, or explained."""

from pathlib import Path

import pytest
from lab_numbers import REASONS, audit_lab, lab_cells, prose_numbers
from labs import labs
from project import DOCS, FIXTURES


@pytest.mark.parametrize("lab", labs(), ids=lambda p: p.stem)
def test_no_measurement_is_typed_in_a_labs_prose(lab: Path):
    audit = audit_lab(lab)
    assert audit.problems == ()
    assert audit.numbers == audit.small + audit.inputs + audit.structural
    print(
        f"{lab.name}: {audit.numbers} numbers in the prose: {audit.small} small"
        f" counts, {audit.inputs} inputs of the code, {audit.structural}"
        " structural, 0 from facts"
    )


def test_a_number_typed_in_a_lab_is_caught_naming_lab_and_line():
    audit = audit_lab(FIXTURES / "typed-number-lab.py")
    assert audit.problems == (
        "typed-number-lab.py:24: 0.0123 is typed in the lab's prose and its"
        " exercise's code does not use it; print it from a code cell, or say in"
        " tests/support/lab_numbers.py why it is not a measurement",
        "typed-number-lab.py:25: a lab's Markdown is not filled with facts;"
        " print the value from a code cell instead",
    )
    assert audit.inputs == 3  # 0.5 and 200 in the title cell, 200 again below


def test_a_labs_cells_are_read_with_their_lines():
    cells = lab_cells(FIXTURES / "typed-number-lab.py")
    assert [(cell.kind, cell.line, cell.solution) for cell in cells] == [
        ("markdown", 10, False),
        ("code", 16, False),
        ("markdown", 22, False),
        ("code", 28, True),
    ]
    assert cells[2].lines[2].startswith("Its loss ends near 0.0123")


def test_numbers_in_code_links_and_tex_thousands_are_read_as_the_reader_sees_them():
    line = "Run `lr = 0.75` on $m = 20\\,000$ examples ([see](../05-x.md#3-4))."
    assert prose_numbers(line) == ["20000"]


@pytest.mark.parametrize("name", sorted(REASONS))
def test_every_stated_reason_for_a_lab_is_still_needed(name: str):
    cells = lab_cells(DOCS / "labs" / name)
    typed = {
        number
        for cell in cells
        if cell.kind == "markdown"
        for line in cell.lines
        for number in prose_numbers(line)
    }
    assert set(REASONS[name]) <= typed, f"{name}: reasons for numbers it no longer has"
