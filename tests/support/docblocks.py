"""The code blocks of the site's pages, as a reader sees them, ready to run.

Blocks are found by pytest-codeblocks' own parser, so its markers
(``<!--pytest-codeblocks:expected-output-->``, ``cont``, ``<!--pytest.mark.skip-->``)
keep their meaning. Before a block runs, its ``--8<--`` includes are expanded by
pymdownx.snippets with the very configuration of ``mkdocs.yml``, so a block that
shows library code runs exactly the code the page shows.

Besides running blocks, this module lints them with ruff (:func:`lint_block`) and
rewrites a page's expected outputs from a real run (:func:`update_outputs`, the
work of ``python3 dev.py update-outputs``).
"""

import difflib
import importlib.util
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

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
def _snippets():
    """The snippet preprocessor configured exactly as the site build configures it."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return snippet_preprocessor(config.mdx_configs["pymdownx.snippets"])


def expand(code: str) -> str:
    """Replace ``--8<--`` include lines with the code they include."""
    return "\n".join(_snippets().run(code.splitlines())) + "\n"


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


def _fence_body(lines: list[str], lineno: int) -> tuple[int, int, str]:
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
    start, end, indent = _fence_body(lines, lineno)
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
            raise RuntimeError(f"{_where(page)}:{b.lineno}: fences out of step")
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
    """Every Markdown page of the site."""
    return sorted(DOCS.rglob("*.md"))


def _where(page: Path) -> str:
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
        where = f"{_where(block.page)}:{block.lineno}"
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
    where = f"{_where(block.page)}:{block.lineno}"
    if block.expected_output is not None and stdout != block.expected_output:
        raise AssertionError(
            f"{where}: the block printed\n{stdout}\n"
            f"but the page shows\n{block.expected_output}"
        )


# --- Style: the chapters' code held to the library's standard -----------------


def ruff_command() -> list[str]:
    """The command that runs this environment's ruff."""
    beside = shutil.which("ruff", path=str(Path(sys.executable).parent))
    return [beside] if beside else [sys.executable, "-m", "ruff"]


def _stdin_name(page: Path) -> str:
    """The name ruff is told a page's code has: ``docs/<page>.md.py``.

    A ``.py`` name, because ruff would read ``.md`` as Markdown; under the page's
    own folder, so that pyproject.toml's per-file settings for pages apply.
    """
    name = Path(_where(page))
    if name.is_absolute():  # a copy outside the repository: lint it as a chapter
        name = Path("docs") / page.name
    return f"{name.as_posix()}.py"


def _is_include(line: str) -> bool:
    """Whether a line is a ``--8<--`` include: the snippet preprocessor changes it."""
    line = line.rstrip("\n")
    return "8<" in line and _snippets().run([line]) != [line]


def _ruff_check(code: str, page: Path) -> list[dict]:
    """The findings of ``ruff check`` on ``code``, as JSON records."""
    options = ["--output-format", "json", "--stdin-filename", _stdin_name(page)]
    result = subprocess.run(
        [*ruff_command(), "check", *options, "-"],
        input=code,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode not in (0, 1):
        raise RuntimeError(f"ruff check failed on {_where(page)}:\n{result.stderr}")
    return json.loads(result.stdout)


def _ruff_format(code: str, page: Path) -> str | None:
    """``code`` as ruff format writes it, or None if it is not valid Python."""
    result = subprocess.run(
        [*ruff_command(), "format", "--stdin-filename", _stdin_name(page), "-"],
        input=code,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return result.stdout if result.returncode == 0 else None


def lint_block(block: Block) -> list[str]:
    """What ``ruff check`` and ``ruff format`` find in a block, by page and line.

    Each problem reads ``docs/<page>.md:<line>: ...``, the line being the page's
    own (the fence's opening line plus the offset in the fence).

    What is linted is the code the page's author wrote. A ``--8<--`` include
    shows library code, which ``ruff check .`` and ``ruff format --check .``
    already hold to the standard where it lives; pasted together, sections are
    not a file anyone writes (one ``imports`` section serves them all, so most
    of it is unused; sections meet without the blank lines between definitions),
    so their problems are not the page's. Hence:

    - ``ruff check`` runs on the whole runnable block (its fences and any
      ``cont`` fences joined, includes expanded), so that names defined above or
      by an include resolve, and reports only problems on lines the author wrote;
    - ``ruff format`` runs on each fence alone, include lines left out, since
      each fence is a listing the reader sees on its own.

    The settings are pyproject.toml's, with the per-file settings for
    ``docs/**/*.md.py`` (see :func:`_stdin_name`).
    """
    where = _where(block.page)
    problems = []
    checked, lines = [], []  # code for ruff check, and each line's page line
    for fence in block.fences:
        for offset, line in enumerate(fence.code.splitlines(keepends=True), 1):
            if _is_include(line):
                expanded = _snippets().run([line.rstrip("\n")])
                checked += [f"{text}\n" for text in expanded]
                lines += [None] * len(expanded)
            else:
                checked.append(line)
                lines.append(fence.lineno + offset)
    for found in _ruff_check("".join(checked), block.page):
        line = lines[min(found["location"]["row"], len(lines)) - 1]
        if line is not None:
            problems.append(f"{where}:{line}: {found['code']} {found['message']}")

    for fence in block.fences:
        own = [
            (fence.lineno + offset, line)
            for offset, line in enumerate(fence.code.splitlines(keepends=True), 1)
            if not _is_include(line)
        ]
        if not own:
            continue
        code = [line for _, line in own]
        formatted = _ruff_format("".join(code), block.page)
        if formatted is None:
            continue  # not valid Python: ruff check has said where
        new = formatted.splitlines(keepends=True)
        matcher = difflib.SequenceMatcher(None, code, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            line = own[i1][0] if i1 < len(own) else own[-1][0] + 1
            change = [f"  - {text.rstrip()}" for text in code[i1:i2]]
            change += [f"  + {text.rstrip() or '(blank line)'}" for text in new[j1:j2]]
            problems.append(
                f"{where}:{line}: ruff format would change this:\n" + "\n".join(change)
            )
    return problems


# --- Outputs: rewritten from a real run, for review in git diff ---------------


def update_outputs(page: Path) -> bool:
    """Run a page's blocks and rewrite each expected output that differs.

    Every block followed by an ``expected-output`` fence runs in a fresh
    interpreter, as in the tests (``cont`` blocks joined). Where it prints
    something else than the page shows, the content of that output fence is
    replaced by what it printed; every other byte of the page stays as it was.
    Blocks with a mark (such as ``skip``) are left alone, and so are blocks whose
    ``importorskip`` module is not installed. The page is written only if all its
    blocks ran.

    Returns
    -------
    bool
        Whether the page changed.

    Raises
    ------
    AssertionError
        If a block raises, naming the page and line.
    """
    with page.open(encoding="utf-8", newline="") as file:
        lines = file.readlines()
    changed = False
    with tempfile.TemporaryDirectory() as cwd:
        for block in reversed(page_blocks(page)):  # from the end: line numbers hold
            if block.output is None or block.marks:
                continue
            if block.importorskip and not importlib.util.find_spec(block.importorskip):
                print(f"{block}: left as is, {block.importorskip} is not installed")
                continue
            stdout = printed(block, Path(cwd))
            if stdout == block.expected_output:
                continue
            where = f"{_where(page)}:{block.lineno}"
            if (stdout and not stdout.endswith("\n")) or "```" in stdout:
                raise AssertionError(f"{where}: an output fence cannot hold {stdout!r}")
            start, end, indent = _fence_body(lines, block.output.lineno)
            eol = "\r\n" if lines[start - 1].endswith("\r\n") else "\n"
            printed_lines = stdout.split("\n")[:-1]  # each ends with a newline
            lines[start:end] = [indent + text + eol for text in printed_lines]
            changed = True
    if changed:
        with page.open("w", encoding="utf-8", newline="") as file:
            file.write("".join(lines))
    return changed


def main() -> int:
    """Update the expected outputs of every page; say which pages changed."""
    failed = False
    for page in pages():
        try:
            if update_outputs(page):
                print(f"updated {_where(page)}")
        except AssertionError as error:
            print(error, file=sys.stderr)
            failed = True
    print("Review the changes with `git diff docs/` before committing them.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
