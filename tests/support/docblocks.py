"""The code blocks of the site's pages, as a reader sees them, ready to run.

Blocks are found by pytest-codeblocks' own parser, so its markers
(``<!--pytest-codeblocks:expected-output-->``, ``cont``, ``<!--pytest.mark.skip-->``)
keep their meaning. Before a block runs, its ``--8<--`` includes are expanded by
pymdownx.snippets with the very configuration of ``mkdocs.yml``, so a block that
shows library code runs exactly the code the page shows.

``code_style.py`` lints these blocks with ruff; ``update_outputs.py`` rewrites a
page's expected outputs from a real run (``python3 dev.py update-outputs``).
"""

import ast
import importlib.util
import io
import re
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from mkdocs.config import load_config
from project import DOCS, ROOT
from pytest_codeblocks.main import extract_from_buffer
from site_build.snippets import snippet_preprocessor


@dataclass
class Fence:
    """One fenced block as the page's author wrote it."""

    lineno: int  # the line of the opening fence, counted from 1
    code: str  # its lines as on the page, the fence's indentation cut


@dataclass
class Block:
    """One runnable unit: a Python block, with any ``cont`` blocks merged in."""

    page: Path
    lineno: int
    code: str
    expected_output: str | None
    marks: list[str] = field(default_factory=list)
    importorskip: str | None = None
    fences: list[Fence] = field(default_factory=list)  # this block's, then `cont`s
    output: Fence | None = None  # the fence holding the expected output

    def __str__(self) -> str:
        return f"{self.page.name}:{self.lineno}"


@cache
def snippets():
    """The snippet preprocessor configured exactly as the site build configures it."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return snippet_preprocessor(config.mdx_configs["pymdownx.snippets"])


def expand(code: str) -> str:
    """Replace ``--8<--`` include lines with the code they include."""
    return "\n".join(snippets().run(code.splitlines())) + "\n"


def language(syntax: str | None) -> str:
    """The fence's language, without attributes such as ``title="..."``."""
    return (syntax or "").split(" ", 1)[0]


_MARKER = re.compile(r"<!--[-\s]*pytest-codeblocks:(.*)-->")  # as the parser reads it
_OUTPUT_MARKERS = {"expected-output", "expected-output-ignore-whitespace"}


def _parse(text: str, ignoring: set[str] = frozenset()) -> list:
    """pytest-codeblocks' blocks of ``text``, with the ``ignoring`` markers blanked.

    Blanking a marker keeps every line number, so each fence that the marker
    would have joined to the block above comes out as a block of its own.
    """
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        marker = _MARKER.match(line.strip())
        if marker and marker.group(1).strip("- ") in ignoring:
            lines[i] = "\n"
    return extract_from_buffer(io.StringIO("".join(lines)))


def fence_body(lines: list[str], lineno: int) -> tuple[int, int, str]:
    """Where the content of the fence opening at ``lineno`` lies in ``lines``.

    Returns the slice's start and end, and the indentation of the fence.
    """
    opening = lines[lineno - 1]
    stripped = opening.lstrip()
    ticks = len(stripped) - len(stripped.lstrip("`"))
    end = lineno
    while not lines[end].lstrip().startswith("`" * ticks):
        end += 1
    return lineno, end, opening[: len(opening) - len(stripped)]


def _as_written(lines: list[str], lineno: int) -> Fence:
    """The fence opening at ``lineno``, its lines as on the page, indentation cut.

    pytest-codeblocks drops the blank lines of an indented fence (as in an
    admonition); a reader sees them, and so must ruff.
    """
    start, end, indent = fence_body(lines, lineno)
    body = lines[start:end]
    cuts = [min(len(indent), len(line) - len(line.lstrip(" \t"))) for line in body]
    return Fence(
        lineno, "".join(line[cut:] for line, cut in zip(body, cuts, strict=True))
    )


def _unblank(code: str) -> list[str]:
    """The lines of code that are not blank."""
    return [line for line in code.splitlines() if line.strip()]


def page_blocks(page: Path) -> list[Block]:
    """Every Python block of a Markdown page, includes expanded.

    Each block also knows its fences as written (``fences``: the block's own,
    then any ``cont`` fence joined to it) and the fence of its expected output
    (``output``), so that tools can point at page lines and rewrite outputs.
    The parser joins a ``cont`` or output fence to the last block before it;
    parsing again with those markers blanked tells which fence is which.
    """
    text = page.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    found = _parse(text)
    every_fence = _parse(text, {"cont", *_OUTPUT_MARKERS})
    not_outputs = {b.lineno for b in _parse(text, {"cont"})}
    fences: dict[int, list[Fence]] = {b.lineno: [] for b in found}
    outputs: dict[int, Fence] = {}
    owner = None  # the block the fences seen so far belong to
    for fence in every_fence:
        if fence.lineno in fences:
            owner = fence.lineno
        if owner is None:
            continue
        if fence.lineno in not_outputs:
            fences[owner].append(_as_written(lines, fence.lineno))
        else:
            outputs[owner] = _as_written(lines, fence.lineno)
    blocks = []
    for b in found:
        if language(b.syntax) != "python":
            continue
        if _unblank("".join(f.code for f in fences[b.lineno])) != _unblank(b.code):
            raise RuntimeError(f"{shown_path(page)}:{b.lineno}: fences out of step")
        blocks.append(
            Block(
                page,
                b.lineno,
                expand(b.code),
                b.expected_output,
                b.marks,
                b.importorskip,
                fences[b.lineno],
                outputs.get(b.lineno),
            )
        )
    return blocks


def pages() -> list[Path]:
    """Every Markdown page of the site, every edition's (``x.md``, ``x.zh.md``)."""
    return sorted(DOCS.rglob("*.md"))


def shown_path(page: Path) -> str:
    """The page's path as messages give it: from the repository's root if inside."""
    return str(page.relative_to(ROOT)) if page.is_relative_to(ROOT) else str(page)


def printed(block: Block, cwd: Path) -> str:
    """What a block prints when run in a fresh interpreter, as a reader pasting it.

    Raises
    ------
    AssertionError
        If the block raises; the message names the page and the line of the
        block's opening fence.
    """
    result = subprocess.run(
        [sys.executable, "-c", block.code],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        where = f"{shown_path(block.page)}:{block.lineno}"
        raise AssertionError(f"{where}: the block raised\n{result.stderr}")
    return result.stdout


def run_block(block: Block, cwd: Path) -> None:
    """Run a block in a fresh interpreter, as a reader pasting it would.

    Raises
    ------
    AssertionError
        If the block raises or prints other than its expected output; the
        message names the page and the line of the block's opening fence.
    """
    stdout = printed(block, cwd)
    where = f"{shown_path(block.page)}:{block.lineno}"
    if block.expected_output is not None and stdout != block.expected_output:
        raise AssertionError(
            f"{where}: the block printed\n{stdout}\n"
            f"but the page shows\n{block.expected_output}"
        )


# Set by .ci/run: there a block the suite would not run fails instead of skipping.
REQUIRE_EVERY_BLOCK = "NNLIT_REQUIRE_EVERY_BLOCK"


def unrun_reason(block: Block) -> str | None:
    """Why the suite would not run ``block`` here, or None if it would.

    A page's skip or xfail mark leaves its block and output unchecked, and so
    does ``importorskip`` naming a module that is not installed.
    """
    if block.marks:
        return f"the page marks it {block.marks[0].strip()}"
    if block.importorskip and importlib.util.find_spec(block.importorskip) is None:
        return f"it needs {block.importorskip}, which is not installed"
    return None


def require_run(block: Block) -> None:
    """Refuse a block that the suite would not run, as CI refuses it.

    Raises
    ------
    AssertionError
        If :func:`unrun_reason` gives a reason; the message names the page and
        the line of the block's opening fence.
    """
    reason = unrun_reason(block)
    if reason is not None:
        raise AssertionError(
            f"{shown_path(block.page)}:{block.lineno}: the block would not run:"
            f" {reason}; {REQUIRE_EVERY_BLOCK} is set, so every block must run"
            " (CI installs requirements-torch.txt for the PyTorch comparison)"
        )


MARKERS = {"skip": pytest.mark.skip, "xfail": pytest.mark.xfail}


def parse_mark(text: str, where: str) -> pytest.MarkDecorator:
    """A page's ``pytest.mark.skip(reason="...")`` as a mark, read, never run.

    Only ``skip`` and ``xfail`` with a literal ``reason`` are allowed: a page's
    comment must not run code at collection, and a block that does not run
    must say why.
    """
    try:
        call = ast.parse(text.strip(), mode="eval").body
        name = call.func.attr
        keywords = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    except (SyntaxError, AttributeError, ValueError):
        name, keywords = None, {}
    if name not in MARKERS or not isinstance(call, ast.Call) or call.args:
        raise ValueError(f"{where}: {text!r} is not pytest.mark.skip(reason=...)")
    if set(keywords) != {"reason"} or not str(keywords["reason"]).strip():
        raise ValueError(f"{where}: {text!r} must give a reason, and only that")
    return MARKERS[name](reason=keywords["reason"])
