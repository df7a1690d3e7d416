"""Each lab solution's assertions, shown to depend on what the solution computed.

A check such as ``assert gap == gap`` passes whatever ``gap`` holds, so it
checks nothing. The static test (:func:`labs.always_true`) knows a few such
forms; this one proves the point for every assertion, by running it.

Each lab runs once, cell after cell, in one namespace. In a solution cell, just
before each ``assert`` runs, its test is evaluated again with each name it reads
that the solution assigned replaced, one at a time, by a perturbed value: a
number moved up, down or flipped in sign, an array with one element changed or
one row fewer, a flipped boolean, an empty string, a container with one item
perturbed, or the value of another name the solution assigned. The assertion is
*proved* when one such replacement makes its test false. An assertion no
replacement can make false (a tautology) is reported with its lab, exercise and
line. NaN is never tried: ``gap == gap`` fails for it, yet checks nothing.
"""

import ast
import contextlib
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import jupytext
import numpy as np
from labs import is_solution

PROBE = "__lab_probe__"
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
ALL_ITEMS = 16  # containers up to this size have every item perturbed in turn


@dataclass
class Assertion:
    """One ``assert`` of a solution, and what its probe found."""

    lab: str
    exercise: str
    line: int
    test: str
    names: tuple[str, ...]
    code: object = field(repr=False)
    runs: int = 0
    tried: int = 0
    broken_by: str = ""
    note: str = ""

    def problem(self) -> str:
        """Why this assertion is not shown to check anything; empty if it is."""
        where = f"{self.lab}:{self.line}: {self.exercise}: assert {self.test}"
        if self.note:
            return f"{where} {self.note}: no probe reaches it"
        if not self.names:
            return f"{where} reads no name its solution assigned"
        if not self.runs:
            return f"{where} never ran"
        if not self.broken_by:
            return (
                f"{where} held for every perturbed value of"
                f" {', '.join(self.names)} ({self.tried} tried): it checks nothing"
            )
        return ""


# --- Perturbed values -------------------------------------------------------------


def perturbed(value: object) -> Iterator[tuple[str, object]]:
    """``(description, value)`` for each perturbation of ``value`` worth trying.

    Each is a new object; ``value`` itself is never changed.
    """
    if isinstance(value, bool | np.bool_):
        yield "flipped", not value
    elif isinstance(value, int | float | np.integer | np.floating):
        yield from _numbers(value)
    elif isinstance(value, str):
        yield "emptied", ""
        yield "replaced", "~" * max(len(value), 1)
    elif isinstance(value, np.ndarray):
        yield from _arrays(value)
    elif isinstance(value, list | tuple):
        yield from _sequences(value)
    elif isinstance(value, dict):
        yield from _mappings(value)


def _moves(x: object) -> list[tuple[str, object]]:
    """A number (or every number of an array) moved a little, a lot, or negated."""
    big = 10**6 * (1 + abs(x))
    return [
        ("+1", x + 1),
        ("-1", x - 1),
        ("negated", -x),
        ("+big", x + big),
        ("-big", x - big),
    ]


def _numbers(x: int | float | np.integer | np.floating) -> Iterator[tuple[str, object]]:
    for name, moved in _moves(x):
        if not np.isnan(moved) and moved != x:
            yield name, moved


def _arrays(a: np.ndarray) -> Iterator[tuple[str, object]]:
    if a.ndim == 0:
        for name, moved in perturbed(a[()]):
            yield name, np.asarray(moved, dtype=a.dtype)
        return
    if a.dtype == bool:
        yield "all flipped", ~a
    elif np.issubdtype(a.dtype, np.number):
        for name, moved in _moves(a):
            if not np.isnan(moved).any():
                yield f"all {name}", moved.astype(a.dtype)
        other = np.float32 if a.dtype == np.float64 else np.float64
        yield f"as {np.dtype(other).name}", a.astype(other)
    yield "one row fewer", a[:-1].copy()
    for index in _indices(a):
        for name, moved in perturbed(a.flat[index]):
            changed = a.copy()
            changed.flat[index] = moved
            yield f"item {index} {name}", changed


def _indices(a: np.ndarray) -> list[int]:
    """Every flat index of a small array; of a large one, its ends and extremes."""
    if a.size <= ALL_ITEMS:
        return list(range(a.size))
    ends = [0, a.size // 2, a.size - 1]
    if np.issubdtype(a.dtype, np.number):
        ends += [int(np.argmax(a)), int(np.argmin(a))]
    return sorted(set(ends))


def _sequences(items: list | tuple) -> Iterator[tuple[str, object]]:
    kind = type(items)
    if items:
        yield "one item fewer", kind(items[:-1])
    for index, item in enumerate(items[:ALL_ITEMS]):
        for name, moved in perturbed(item):
            changed = list(items)
            changed[index] = moved
            yield f"item {index} {name}", kind(changed)


def _mappings(mapping: dict) -> Iterator[tuple[str, object]]:
    for key in list(mapping)[:ALL_ITEMS]:
        for name, moved in perturbed(mapping[key]):
            yield f"[{key!r}] {name}", {**mapping, key: moved}


# --- Running a lab ----------------------------------------------------------------


def assigned(tree: ast.AST) -> set[str]:
    """Every name a cell binds: assignments, loop targets, ``as`` names."""
    names = {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }
    names |= {
        node.name for node in ast.walk(tree) if isinstance(node, ast.ExceptHandler)
    }
    return {name for name in names if name}


class _Instrument(ast.NodeTransformer):
    """Put a call to the probe before each ``assert``, numbered in order."""

    def __init__(self, found: list[ast.Assert]):
        self.found = found

    def visit_Assert(self, node: ast.Assert) -> list[ast.stmt]:
        self.found.append(node)
        call = ast.parse(f"{PROBE}({len(self.found) - 1})").body[0]
        return [ast.copy_location(call, node), node]

    def generic_visit(self, node: ast.AST) -> ast.AST:
        if isinstance(node, SCOPES):
            return node  # an assert in a function would see other names
        return super().generic_visit(node)


def instrument(tree: ast.Module) -> tuple[list[ast.Assert], list[ast.Assert]]:
    """Put probes before the cell's asserts: those probed, and those in functions."""
    probed: list[ast.Assert] = []
    _Instrument(probed).visit(tree)
    ast.fix_missing_locations(tree)
    inside = [
        n for n in ast.walk(tree) if isinstance(n, ast.Assert) and n not in probed
    ]
    return probed, inside


def cell_line(text: str, source: str) -> int:
    """The line of the lab file on which a code cell's source starts."""
    return text[: text.index(source)].count("\n") + 1


def probe_lab(lab: Path) -> list[Assertion]:
    """Run ``lab``, probing each assertion of its solutions as it is reached.

    Raises
    ------
    Exception
        Whatever a cell raises, with a traceback that names the lab's lines.
    """
    text = lab.read_text(encoding="utf-8")
    namespace: dict = {"__name__": "__main__"}
    heading, found = "", []
    for cell in jupytext.read(lab).cells:
        if cell.cell_type == "markdown":
            heading = (cell.source.splitlines() or [""])[0].lstrip("# ")
            continue
        tree = ast.parse(cell.source)
        ast.increment_lineno(tree, cell_line(text, cell.source) - 1)
        if is_solution(cell):
            probed, inside = instrument(tree)
            names = assigned(tree)
            checks = [_assertion(lab, heading, node, names) for node in probed]
            namespace[PROBE] = partial(_probe, checks, namespace)
            found += checks
            found += [
                _assertion(lab, heading, node, names, note="is inside a function")
                for node in inside
            ]
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(tree, str(lab), "exec"), namespace)  # the lab's own cell
    return found


def _assertion(
    lab: Path, heading: str, node: ast.Assert, names: set[str], note: str = ""
) -> Assertion:
    read = {n.id for n in ast.walk(node.test) if isinstance(n, ast.Name)}
    return Assertion(
        lab=lab.name,
        exercise=heading,
        line=node.lineno,
        test=ast.unparse(node.test),
        names=tuple(sorted(read & names)),
        code=compile(ast.Expression(node.test), str(lab), "eval"),
        note=note,
    )


def _probe(checks: list[Assertion], namespace: dict, index: int) -> None:
    """Try perturbed values for the assertion's names until one makes it fail."""
    check = checks[index]
    check.runs += 1
    if check.broken_by:
        return  # proved at an earlier pass of a loop
    for name in check.names:
        if name not in namespace:
            continue  # a comprehension's own variable: nothing outside to perturb
        original = namespace[name]
        try:
            for description, value in _candidates(name, original, check, namespace):
                check.tried += 1
                namespace[name] = value
                if not _holds(check.code, namespace):
                    check.broken_by = f"{name} {description}"
                    return
        finally:
            namespace[name] = original


def _candidates(
    name: str, value: object, check: Assertion, namespace: dict
) -> Iterator[tuple[str, object]]:
    """The perturbations of ``value``, then its siblings: other names of its type."""
    yield from perturbed(value)
    for other in check.names:
        sibling = namespace[other]
        if other != name and type(sibling) is type(value) and sibling is not value:
            yield f"replaced by {other}", sibling


def _holds(code: object, namespace: dict) -> bool:
    """Whether the test is true; a test that raises is not counted as failing."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return bool(eval(code, namespace))  # the lab's own assert test
        except Exception:
            return True
