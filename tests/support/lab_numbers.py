"""Numbers typed in a lab's prose: an input its exercise's code uses, or explained.

A lab's Markdown cells do not pass through the facts hook (mkdocs-jupyter
renders the notebook file itself, and the download is that file), so a
``{{ fact }}`` there would reach the reader raw. A number in a lab's prose must
therefore be one of:

- an input: a literal of the code the exercise runs (the lab's set-up cells
  before it and the code cells right after it), such as a learning rate the
  exercise asks for; a measured result belongs in that code's printed output;
- structural: listed in :data:`REASONS` with why it is not a measurement;
- a small count (:data:`prose_numbers.SMALL`: chapter, layer and exercise
  numbers).

Code comments are not inputs: a number only a comment holds is not run.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import jupytext
from prose_numbers import NUMBER, SMALL
from site_build.facts import FACT_LIKE

MARKER = "# %%"
THOUSANDS = re.compile(r"(\d)\\,(?=\d{3}(?!\d))")  # TeX's 20\,000
GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")  # a value, not a pair

# Lab: {number: why it is typed}. A number here is not a measurement.
REASONS = {
    "01-one-neuron.py": {
        "0,0": "an input corner of the AND gate, (0,0) and so on",
        "0,1": "an input corner of the AND gate",
        "1,0": "an input corner of the AND gate",
        "1,1": "an input corner of the AND gate",
    },
}


@dataclass
class Cell:
    """A cell of a lab file: its kind, its first line of text, its lines."""

    kind: str
    line: int
    lines: list[str]
    solution: bool


def lab_cells(lab: Path) -> list[Cell]:
    """The lab's cells with their line numbers in the file.

    Read straight from the percent format, and checked against jupytext's own
    reading, so the line numbers are those of the file.
    """
    cells: list[Cell] = []
    for number, line in enumerate(lab.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(MARKER):
            kind = "markdown" if "[markdown]" in line else "code"
            cells.append(Cell(kind, number + 1, [], '"solution"' in line))
        elif cells:
            cells[-1].lines.append(_uncommented(line, cells[-1].kind))
    theirs = [(c.cell_type, c.source) for c in jupytext.read(lab).cells]
    ours = [(c.kind, "\n".join(c.lines).strip()) for c in cells]
    if ours != theirs:
        raise ValueError(f"{lab.name}: its cells do not read as jupytext reads them")
    return cells


def _uncommented(line: str, kind: str) -> str:
    if kind == "markdown":
        return line.removeprefix("#").removeprefix(" ")
    return line


def prose_numbers(text: str) -> list[str]:
    """Every number of one line of a lab's Markdown, outside code and links."""
    for pattern in (r"<!--.*?-->", r"`[^`]*`", r"\]\([^)]*\)"):
        text = re.sub(pattern, " ", text)
    return [m.group(1) for m in NUMBER.finditer(THOUSANDS.sub(r"\1", text))]


def literals(cells: list[Cell]) -> set[float]:
    """Every number written in the code of ``cells`` (not in their comments)."""
    tree = ast.parse("\n".join(line for cell in cells for line in cell.lines))
    return {
        float(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    }


def exercise_code(cells: list[Cell], index: int) -> list[Cell]:
    """The code a Markdown cell's reader runs: set-up cells, then the cells after."""
    setup = [c for c in cells[:index] if c.kind == "code" and not c.solution]
    after = []
    for cell in cells[index + 1 :]:
        if cell.kind == "markdown":
            break
        after.append(cell)
    return setup + after


@dataclass
class Audit:
    """What the audit of one lab's prose found."""

    numbers: int = 0  # every number, small counts too
    inputs: int = 0  # typed, and a literal of the exercise's code
    structural: int = 0  # typed, and explained in REASONS
    small: int = 0  # a small count
    problems: tuple[str, ...] = ()


def audit_lab(lab: Path) -> Audit:
    """Every number in ``lab``'s Markdown cells, sorted by why it may be there."""
    cells, reasons = lab_cells(lab), REASONS.get(lab.name, {})
    audit, problems = Audit(), []
    for index, cell in enumerate(cells):
        if cell.kind != "markdown":
            continue
        inputs = literals(exercise_code(cells, index))
        for offset, text in enumerate(cell.lines):
            where = f"{lab.name}:{cell.line + offset}"
            if FACT_LIKE.search(text):
                problems.append(
                    f"{where}: a lab's Markdown is not filled with facts;"
                    " print the value from a code cell instead"
                )
            for number in prose_numbers(text):
                audit.numbers += 1
                if number in SMALL:
                    audit.small += 1
                elif number in reasons:
                    audit.structural += 1
                elif _value(number) in inputs:
                    audit.inputs += 1
                else:
                    problems.append(
                        f"{where}: {number} is typed in the lab's prose and its"
                        " exercise's code does not use it; print it from a code"
                        " cell, or say in tests/support/lab_numbers.py why it is"
                        " not a measurement"
                    )
    audit.problems = tuple(problems)
    return audit


def _value(number: str) -> float | None:
    """The number's value; None for a pair such as ``0,1``."""
    if not GROUPED.fullmatch(number):
        return None
    return float(number.replace(",", ""))
