r"""The display equations of a page, read from its Markdown and parsed by SymPy.

A display (``$$ ... $$``) holds one line, or an ``aligned`` block of lines split
at ``\\``. Each line states one or more equations. A LaTeX comment at the end
of a line (invisible on the page) says how the line is checked:

``% nnlit: KEY``
    the line's left side is what nnlit computes as ``KEY`` (see
    ``derivations.BINDINGS``); every right side must equal it.
``% unchecked: REASON``
    the line is not checked, for the stated reason.

A line with neither is checked against the lines before it: every side must
equal the left side. A comment line ``% where: EQ; EQ; ...`` at the top of a
display defines symbols for the whole display (``n = 3``, ``\hat y = f(h)``).
"""

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import sympy
from sympy.parsing.latex import parse_latex
from sympy.tensor.indexed import IndexedBase

DISPLAY = re.compile(r"^\$\$\n(.*?)\n\$\$$", re.S | re.M)
BRACED = r"(?:[^{}]|\{[^{}]*\})+"  # text with braces at most one deep
MARK = re.compile(r"%\s*(nnlit|unchecked|where):\s*(.*?)\s*$")

# Page notation that the parser does not read, rewritten to notation it does:
# first these, then the names with layers (LAYERED), then AFTER_NAMES.
NOTATION: list[tuple[str, str]] = [
    # (M)_{jk}: entry (j, k) of the matrix M, read back as P(M, j, k)
    (r"\\left\((.*?)\\right\)_\{(\\?[a-z]+?|\d)\s*(\\?[a-z]+|\d)\}", r"P(\1, \2, \3)"),
    (r"\\textstyle\s*\\sum_\{\\text\{columns\}\}\s*(.*)$", r"C(\1)"),  # column sums
    (r"\\(?:big|Big|bigg|Bigg)[lr]?(?=[()|\[\]])", ""),
    (r"\\left|\\right", ""),
    (r"\\[,;! ]|\\quad|\\textstyle|\\displaystyle", " "),
    (r"\\[td]frac", r"\\frac"),
    (r"\\hat\s*(?:\{y\}|y)", r"\\upsilon"),
    (r"\\hat\s*(?:\{Y\}|Y)", r"\\Upsilon"),
    (r"\\operatorname\{LeakyReLU\}", r"\\lambda"),
    (r"\\operatorname\{ReLU\}", r"\\rho"),
    (r"\\tanh'", r"\\tau'"),
    (r"(\w)'\^\{\[[^\]]+\]\}", r"\1'"),  # g'^{[l]}: layer l's activation
    (r"\b([fg])\^\{\[[^\]]+\]\}", r"\1"),
    (r"\^\{\\top\}", r"^{T}"),
    (r"\\mathbf\{(\w)\}\s*\\cdot\s*\\mathbf\{(\w)\}", r"\\sum_{k=1}^{n} \1_{k} \2_{k}"),
    # a_1 b_1 + a_2 b_2 + \dots + a_n b_n: the sum the ellipsis stands for
    (
        r"(\w)_1 (\w)_1 \+ \1_2 \2_2 \+ \\dots \+ \1_n \2_n",
        r"\\sum_{k=1}^{n} \1_{k} \2_{k}",
    ),
    (r"\\mathbf\{(\w)\}", r"\1"),
]
AFTER_NAMES: list[tuple[str, str]] = [
    (r"(\\xi_\{\d+\}(?:\^\{T\})?)\s*\\odot\s*(.*)$", r"H(\1, \2)"),  # entry by entry
    (r"\\Delta\s*([A-Za-z])_\{?(\w+)\}?", r"\\Delta_{\1 \2}"),  # the step of w_i
    (r"\\Delta\s*([A-Za-z])", r"\\Delta_{\1}"),
    (r"\\sum_(\w)(?![{\w])", r"\\sum_{\1=1}^{n}"),  # a sum over all of k
    (r"(\w_\{[^{}]*\})\s*\(", r"\1 \\cdot ("),  # W_{2} (...) is a product, not a call
]


@dataclass
class Line:
    """One line of a display: its equations, and how it is to be checked."""

    page: Path
    lineno: int
    tex: str
    how: str = ""  # "nnlit", "unchecked" or "" (checked against the lines before)
    detail: str = ""
    sides: list[str] = field(default_factory=list)

    def where(self) -> str:
        """``page.md:line``, as messages name the line."""
        return f"{self.page.name}:{self.lineno}"


@dataclass
class Display:
    """A ``$$`` block: its lines and the definitions its ``% where`` adds."""

    page: Path
    lineno: int
    lines: list[Line]
    where: list[str]


def displays(page: Path, text: str | None = None) -> list[Display]:
    """Every display equation of ``page`` (or of ``text``, as if it were the page)."""
    text = page.read_text() if text is None else text
    found = []
    for match in DISPLAY.finditer(text):
        start = text.count("\n", 0, match.start(1)) + 1
        found.append(_display(page, start, match.group(1).split("\n")))
    return found


def _display(page: Path, start: int, rows: list[str]) -> Display:
    where, lines, pending = [], [], None
    for offset, row in enumerate(rows):
        mark = MARK.search(row)
        body = MARK.sub("", row).strip()
        if mark and mark.group(1) == "where":
            where += [part.strip() for part in mark.group(2).split(";")]
            continue
        if body in (r"\begin{aligned}", r"\end{aligned}", ""):
            continue
        if pending is None:
            pending = Line(page, start + offset, "")
        pending.tex += " " + body
        if mark:
            pending.how, pending.detail = mark.groups()
        if _ends_line(body) or offset == len(rows) - 1 or _last_row(rows, offset):
            pending.tex = pending.tex.strip().removesuffix(r"\\").strip()
            pending.sides = sides(pending.tex)
            lines.append(pending)
            pending = None
    return Display(page, start, lines, where)


def _ends_line(body: str) -> bool:
    return body.endswith(r"\\") and r"\begin{cases}" not in body


def _last_row(rows: list[str], offset: int) -> bool:
    rest = [MARK.sub("", row).strip() for row in rows[offset + 1 :]]
    return all(row in (r"\end{aligned}", "") for row in rest)


def sides(tex: str) -> list[str]:
    r"""The sides of a line's equations, annotations dropped.

    ``a &= b = c && \text{why}`` gives ``["a", "b", "c"]``; a line that starts
    with ``&=`` continues the one before, and its first side is ``""``.
    Several equations on one line (split by ``\qquad`` or ``, &``) are joined.
    """
    maths = _top_level_split(tex, "&&")[0]
    out: list[str] = []
    for equation in re.split(r"\\qquad|,\s*&(?!=)", maths):
        parts = _top_level_split(_drop_alignment(equation), "=")
        if out and parts[0].strip():
            out.append("|")  # a new equation starts: a new left side
        out += [part.strip().rstrip(",.").strip() for part in parts]
    return out


def _drop_alignment(tex: str) -> str:
    """Remove the ``&`` that align lines, keeping those inside ``cases``."""
    kept = re.split(r"\\begin\{cases\}.*?\\end\{cases\}", tex, flags=re.S)
    cases = CASES.findall(tex)
    out = kept[0].replace("&", "")
    for inner, after in zip(cases, kept[1:], strict=True):
        out += rf"\begin{{cases}}{inner}\end{{cases}}" + after.replace("&", "")
    return out


def _compares(tex: str, i: int, sep: str) -> bool:
    """True where an ``=`` belongs to ``<=``, ``>=``, ``!=`` or a TeX command."""
    return sep == "=" and i > 0 and tex[i - 1] in "<>!\\"


def _top_level_split(tex: str, sep: str) -> list[str]:
    r"""Split at ``sep`` outside braces and outside ``\begin{cases}``."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(tex):
        if tex.startswith(r"\begin{", i):
            depth += 1
        elif tex.startswith(r"\end{", i):
            depth -= 1
        elif tex[i] in "{(":
            depth += 1
        elif tex[i] in "})":
            depth -= 1
        elif depth == 0 and tex.startswith(sep, i) and not _compares(tex, i, sep):
            parts.append(tex[start:i])
            start = i + len(sep)
            i += len(sep)
            continue
        i += 1
    return [*parts, tex[start:]]


# A name the parser would misread: one with a layer (W^{[l]}, dZ^{[l]}_{j\mu}),
# with two indices (w_{ij}: the parser sorts them), an error term (\delta^h_j),
# or an entry of Y or \hat Y. Each is read here and stands in as \xi_{N}.
LAYERED = re.compile(
    r"(\\Upsilon|\\delta\^\w|\bY|\bd?[A-Za-z])"
    r"(?:\^\{\[([^\]]+)\](\\top)?\})?"
    r"(?:_\{((?:\\[a-z]+|\w|\s)+)\}|_(\w))?"
)
STAND_IN = re.compile(r"xi_\{(\d+)\}")
TOKENS: dict[str, sympy.Expr] = {}  # the names LAYERED read, by their stand-in


def _token(match: re.Match) -> str:
    base, layer, top, entry = match[1], match[2], match[3], match[4] or match[5]
    entries = [sympy.Symbol(i) for i in re.findall(r"(?<=\\)[a-z]+|\w", entry or "")]
    special = base.startswith("\\delta") or (base in ("Y", r"\Upsilon") and entries)
    if layer is None and not special and len(entries) < 2:
        return match[0]
    indices = ([sympy.sympify(layer)] if layer is not None else []) + entries
    name = base.lstrip("\\").replace("^", "")
    found = IndexedBase(name)[tuple(indices)] if indices else sympy.Symbol(name)
    key = next((k for k, v in TOKENS.items() if v == found), str(len(TOKENS) + 1))
    TOKENS[key] = found
    return rf"\xi_{{{key}}}" + ("^{T}" if top else "")


def rewrite(tex: str) -> str:
    """Page notation rewritten into what SymPy's LaTeX parser reads."""
    for pattern, replacement in NOTATION:
        tex = re.sub(pattern, replacement, tex)
    tex = LAYERED.sub(_token, tex)
    for pattern, replacement in AFTER_NAMES:
        tex = re.sub(pattern, replacement, tex)
    tex = _partials(tex)
    return tex.strip()


def _partials(tex: str) -> str:
    r"""Partial derivatives become calls ``D(what, by)``, read back by ``parse``.

    The parser reads ``\frac{d}{dx}`` only for a one-letter ``x`` and does not
    read ``\partial`` with a numerator. ``\frac{\partial}{\partial x} ...``
    applies to the rest of the side.
    """
    with_top = re.compile(
        rf"\\frac\{{\\partial\s*({BRACED})\}}\{{\\partial\s*({BRACED})\}}"
    )
    tex = with_top.sub(lambda m: f" D({m.group(1)}, {m.group(2)}) ", tex)
    operator = re.compile(rf"\\frac\{{\\partial\}}\{{\\partial\s*({BRACED})\}}(.*)$")
    return operator.sub(lambda m: f" D({m.group(2)}, {m.group(1)})", tex)


CASES = re.compile(r"\\begin\{cases\}(.*?)\\end\{cases\}", re.S)
SUBSCRIPTED = re.compile(r"([A-Za-z]+)_\{(.+)\}")


@cache
def parse(tex: str) -> sympy.Expr:
    """One side of an equation as a SymPy expression, factors kept in order."""
    cases = CASES.search(tex)
    if cases:
        rows = [row.split("&") for row in cases.group(1).split(r"\\")]
        return sympy.Piecewise(*((parse(value), parse(when)) for value, when in rows))
    return _model(parse_latex(rewrite(tex), backend="antlr", strict=True))


def _model(expr: sympy.Expr) -> sympy.Expr:
    """``D(a, x)`` becomes a derivative, ``w_{ij}`` the entry ``w[i, j]``.

    Nothing is evaluated, so products keep the page's order (matrices).
    """
    with sympy.evaluate(False):
        return _rebuilt(expr)


def _rebuilt(expr: sympy.Expr) -> sympy.Expr:
    expr = expr.replace(
        lambda e: isinstance(e, sympy.Symbol) and STAND_IN.fullmatch(e.name),
        lambda e: TOKENS[STAND_IN.fullmatch(e.name)[1]],
    )
    expr = expr.replace(
        lambda e: isinstance(e, sympy.Symbol) and SUBSCRIPTED.fullmatch(e.name),
        _indexed,
    )
    return expr.replace(
        lambda e: getattr(e.func, "__name__", "") == "D" and len(e.args) == 2,
        lambda e: sympy.Derivative(e.args[0], e.args[1]),
    )


def _indexed(symbol: sympy.Symbol) -> sympy.Expr:
    base, inner = SUBSCRIPTED.fullmatch(symbol.name).groups()
    parts = inner.split("*") if re.fullmatch(r"\w(\*\w)+", inner) else [inner]
    return IndexedBase(base)[tuple(sympy.sympify(p) for p in parts)]
