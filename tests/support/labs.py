"""The labs as the tests see them: their cells, their imports, their solutions."""

import ast
import re
from itertools import pairwise
from pathlib import Path

import jupytext
from project import DOCS, ROOT

SOLUTION = "solution"
CHAPTER = re.compile(r"\d\d-[a-z-]+")


def labs() -> list[Path]:
    """Every English lab, in chapter order.

    A translation has the same code cells, which ``test_language_pairs.py``
    proves; its page and notebook are checked in the built site.
    """
    return sorted(p for p in (DOCS / "labs").glob("*.py") if len(p.suffixes) == 1)


def chapters() -> list[Path]:
    """Every numbered chapter page."""
    return sorted(p for p in DOCS.glob("*.md") if CHAPTER.fullmatch(p.stem))


def cells(lab: Path) -> list:
    return jupytext.read(lab).cells


def code_cells(lab: Path) -> list:
    return [cell for cell in cells(lab) if cell.cell_type == "code"]


def exercises(lab: Path) -> list[tuple[str, object]]:
    """Each exercise's heading, paired with the cell that follows it.

    The test of the lab's structure checks that each such cell is a solution.
    """
    found, notebook = [], cells(lab)
    for here, after in pairwise(notebook):
        heading = here.source.splitlines()[0] if here.source else ""
        if here.cell_type == "markdown" and heading.startswith("## Exercise"):
            found.append((heading, after))
    return found


def is_solution(cell) -> bool:
    return SOLUTION in cell.metadata.get("tags", [])


def asserts_on_its_own_result(source: str) -> bool:
    """True if some ``assert`` in the cell tests a name the cell itself assigns.

    An assert on a name computed elsewhere, or on a constant, checks nothing
    that the solution did.
    """
    tree = ast.parse(source)
    assigned = {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert) and not always_true(node.test):
            tested = {n.id for n in ast.walk(node.test) if isinstance(n, ast.Name)}
            if tested & assigned:
                return True
    return False


def always_true(test: ast.expr) -> bool:
    """Whether an assert's test holds whatever was computed: a tautology.

    ``x == x``, ``x <= x``, ``x is x``, ``x or True``, ``True``: each passes
    for any ``x``, so it checks nothing.
    """
    if isinstance(test, ast.Constant):
        return bool(test.value)
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        return any(always_true(value) for value in test.values)
    if isinstance(test, ast.Compare):
        reflexive = (ast.Eq, ast.LtE, ast.GtE, ast.Is, ast.In)
        sides = [ast.dump(test.left), *(ast.dump(c) for c in test.comparators)]
        return len(set(sides)) == 1 and all(isinstance(o, reflexive) for o in test.ops)
    return False


def nnlit_imports(source: str) -> list[tuple[str, str]]:
    """``(module, name)`` for every name a cell imports from nnlit."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nnlit"):
            found += [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(a.name, "") for a in node.names if a.name.startswith("nnlit")]
    return found


def _code_lines(text: str) -> list[str]:
    """Lines that carry code: stripped, without blanks, comments or lone brackets."""
    lines = (line.split("  #")[0].strip() for line in text.splitlines())
    return [line for line in lines if len(line) > 3 and not line.startswith(("#", '"'))]


def library_windows(size: int = 3) -> set[tuple[str, ...]]:
    """Every run of ``size`` consecutive code lines in nnlit's sources."""
    windows = set()
    for path in (ROOT / "nnlit").glob("*.py"):
        lines = _code_lines(path.read_text(encoding="utf-8"))
        windows |= {tuple(lines[i : i + size]) for i in range(len(lines) - size + 1)}
    return windows


def copied_runs(source: str, windows: set[tuple[str, ...]], size: int = 3) -> list:
    """Runs of ``size`` lines of ``source`` that also appear in nnlit's sources."""
    lines = _code_lines(source)
    runs = (tuple(lines[i : i + size]) for i in range(len(lines) - size + 1))
    return [run for run in runs if run in windows and not _imports_only(run)]


def _imports_only(run: tuple[str, ...]) -> bool:
    return all(line.startswith(("import ", "from ")) for line in run)
