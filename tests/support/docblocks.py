"""The code blocks of the site's pages, as a reader sees them, ready to run.

Blocks are found by pytest-codeblocks' own parser, so its markers
(``<!--pytest-codeblocks:expected-output-->``, ``cont``, ``<!--pytest.mark.skip-->``)
keep their meaning. Before a block runs, its ``--8<--`` includes are expanded by
pymdownx.snippets with the very configuration of ``mkdocs.yml``, so a block that
shows library code runs exactly the code the page shows.
"""

import io
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from mkdocs.config import load_config
from project import DOCS, ROOT
from pytest_codeblocks.main import extract_from_buffer
from site_build.snippets import snippet_preprocessor


@dataclass
class Block:
    """One runnable unit: a Python block, with any ``cont`` blocks merged in."""

    page: Path
    lineno: int
    code: str
    expected_output: str | None
    marks: list[str] = field(default_factory=list)
    importorskip: str | None = None

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


def page_blocks(page: Path) -> list[Block]:
    """Every Python block of a Markdown page, includes expanded."""
    found = extract_from_buffer(io.StringIO(page.read_text(encoding="utf-8")))
    return [
        Block(
            page, b.lineno, expand(b.code), b.expected_output, b.marks, b.importorskip
        )
        for b in found
        if language(b.syntax) == "python"
    ]


def pages() -> list[Path]:
    """Every Markdown page of the site."""
    return sorted(DOCS.rglob("*.md"))


def run_block(block: Block, cwd: Path) -> None:
    """Run a block in a fresh interpreter, as a reader pasting it would.

    Raises
    ------
    AssertionError
        If the block raises or prints other than its expected output; the
        message names the page and the line of the block's opening fence.
    """
    result = subprocess.run(
        [sys.executable, "-c", block.code],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    where = f"{block.page.relative_to(ROOT)}:{block.lineno}"
    if result.returncode != 0:
        raise AssertionError(f"{where}: the block raised\n{result.stderr}")
    if block.expected_output is not None and result.stdout != block.expected_output:
        raise AssertionError(
            f"{where}: the block printed\n{result.stdout}\n"
            f"but the page shows\n{block.expected_output}"
        )
