r"""Check each displayed line of a page: every side equal, and equal to nnlit.

The sides are parsed from the page's TeX (``tex_math``) and evaluated on
random inputs (``math_values``), for several seeds and for each of nnlit's
smooth activations in place of a generic ``g``. A line's left side is what
nnlit computes where the line says so (``nnlit_bindings``).
"""

import re

import network_maths as net
import numpy as np
import sympy
from math_values import NAMED, Scope, definition, evaluate, key_of, network_value
from nnlit_bindings import BINDINGS
from sympy.tensor.indexed import Indexed
from tex_math import Display, Line, parse

SEEDS = (0, 1, 2)
GENERIC = ("sigmoid", "tanh")  # what a generic g or f stands for, in turn
# A display about a network with layers: its names are nnlit's forward pass.
ABOUT_A_NETWORK = re.compile(r"\^\{\[|\\hat Y|\bY_\{")


class Mismatch(AssertionError):
    """A line whose sides disagree, or that nothing checks."""


def check_page(displays: list[Display]) -> list[str]:
    """Problems with the page's displayed lines: each names the page and line.

    A ``% where`` holds from its display to the end of the page, as a reader
    carries a definition forward, until a later one redefines the name; the
    displays about a network with layers keep theirs apart from the others.
    """
    problems = []
    for seed in SEEDS:
        for generic in GENERIC:
            where: dict[bool, list[str]] = {False: [], True: []}
            for display in displays:
                layered = any(ABOUT_A_NETWORK.search(ln.tex) for ln in display.lines)
                where[layered] += display.where
                scope = Scope(seed, generic, layered)
                _read_where(where[layered], scope)
                problems += _check_lines(display.lines, scope)
    return list(dict.fromkeys(problems))


def _read_where(where: list[str], scope: Scope) -> None:
    for equation in where:
        left, right = (parse(side) for side in equation.split("=", 1))
        if right.is_Integer:
            scope.ints[str(left)] = int(right)
        elif str(left) in ("f", "g") and str(right) in NAMED:
            scope.generic = NAMED[str(right)]  # f = \sigma: this activation only
        else:  # kept with its letters: a_k = f(h_k) holds for every k
            scope.defs[key_of(left, Scope(0, "", layered=False))] = right


def _check_lines(lines: list[Line], scope: Scope) -> list[str]:
    problems, left = [], None
    for line in lines:
        try:
            left = _check_line(line, scope, left)
        except Mismatch as problem:
            problems.append(f"{line.where()}: {problem}")
        except Exception as error:
            problems.append(
                f"{line.where()}: cannot check: {type(error).__name__}: {error}"
            )
            return problems
    return problems


def _equations(line: Line) -> list[list[str]]:
    equations: list[list[str]] = [[]]
    for side in line.sides:
        if side == "|":
            equations.append([])
        else:
            equations[-1].append(side)
    return equations


def _check_line(line: Line, scope: Scope, left: tuple | None) -> tuple | None:
    """Check the line's equations; return the left side the next line continues.

    ``left`` is the side's text and its value (None for an unchecked line).
    """
    for sides in _equations(line):
        if sides[0]:
            left = (sides[0], None)
        elif left is None:
            raise Mismatch("continues a line, but no line comes before it")
        if line.how == "unchecked":
            continue
        text, value = left
        if value is None:
            value = _left_value(line, text, scope)
            left = (text, value)
        tolerance = _tolerance(line.tex)
        if scope.layered:
            tolerance = max(tolerance, net.TOLERANCE)  # slopes are measured
        for side in sides[1:]:
            found = evaluate(parse(side), scope)
            if not _close(found, value, tolerance):
                raise Mismatch(f"'{side}' {_differs(found, value)}")
    return left


def _left_value(line: Line, side: str, scope: Scope) -> object:
    expr = parse(side)
    if line.how == "nnlit":
        name, *args = line.detail.split()
        if name not in BINDINGS:
            raise Mismatch(
                f"unknown nnlit binding {name!r}; known: {', '.join(BINDINGS)}"
            )
        value = BINDINGS[name](scope, expr, *args)
        if isinstance(expr, (sympy.Symbol, Indexed)):
            scope.values[key_of(expr, scope)] = value
        return value
    if isinstance(expr, (sympy.Symbol, Indexed)) and not _known(expr, scope):
        raise Mismatch(
            f"defines '{side}' without a check: bind it to nnlit (% nnlit: KEY)"
            " or say why not (% unchecked: REASON)"
        )
    return evaluate(expr, scope)


def _known(expr: sympy.Expr, scope: Scope) -> bool:
    """True if the scope gives ``expr`` a value: nnlit's, or a definition's."""
    if key_of(expr, scope) in scope.values or definition(expr, scope) is not None:
        return True
    return scope.layered and network_value(expr, scope) is not None


def _tolerance(tex: str) -> float:
    """Half the last digit of the least precise decimal the line shows, else tiny."""
    decimals = [len(d) for d in re.findall(r"\d\.(\d+)", tex)]
    return 0.5 * 10.0 ** -min(decimals) if decimals else 1e-9


def _close(a: object, b: object, tolerance: float) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-9, atol=tolerance)


def _differs(found: object, left: object) -> str:
    """How a side differs from the line's left side, in words."""
    a, b = np.asarray(found, dtype=float), np.asarray(left, dtype=float)
    if a.ndim == 0 and b.ndim == 0:
        return f"is {float(a):.6g}, but the line's left side is {float(b):.6g}"
    if a.shape != b.shape:
        return f"has shape {a.shape}, but the line's left side has shape {b.shape}"
    gap = float(np.max(np.abs(a - b)))
    return f"differs from the line's left side by up to {gap:.3g}"
