"""The chapters' code held to the library's standard: ruff check and ruff format."""

import difflib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from docblocks import Block, shown_path, snippets
from project import ROOT


def ruff_command() -> list[str]:
    """The command that runs this environment's ruff."""
    beside = shutil.which("ruff", path=str(Path(sys.executable).parent))
    return [beside] if beside else [sys.executable, "-m", "ruff"]


def _stdin_name(page: Path) -> str:
    """The name ruff is told a page's code has: ``docs/<page>.md.py``.

    A ``.py`` name, because ruff would read ``.md`` as Markdown; under the page's
    own folder, so that pyproject.toml's per-file settings for pages apply.
    """
    name = Path(shown_path(page))
    if name.is_absolute():  # a copy outside the repository: lint it as a chapter
        name = Path("docs") / page.name
    return f"{name.as_posix()}.py"


def _is_include(line: str) -> bool:
    """Whether a line is a ``--8<--`` include: the snippet preprocessor changes it."""
    line = line.rstrip("\n")
    return "8<" in line and snippets().run([line]) != [line]


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
        raise RuntimeError(f"ruff check failed on {shown_path(page)}:\n{result.stderr}")
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
    where = shown_path(block.page)
    problems = []
    checked, lines = [], []  # code for ruff check, and each line's page line
    for fence in block.fences:
        for offset, line in enumerate(fence.code.splitlines(keepends=True), 1):
            if _is_include(line):
                expanded = snippets().run([line.rstrip("\n")])
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
