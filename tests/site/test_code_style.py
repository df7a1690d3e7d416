"""The chapters' code is held to the library's standard: ruff check and ruff format.

Every Python block of every page is linted as ``code_style.lint_block`` says (the
code the author wrote, not the library code an include shows); a problem names
the page and line. The labs are plain ``.py`` files, which ``ruff check .`` and
``ruff format --check .`` lint like the library; the last test proves that no
setting leaves them out.
"""

import subprocess
from pathlib import Path

import pytest
from code_style import lint_block, ruff_command
from docblocks import Block, page_blocks, pages
from project import DOCS, FIXTURES, ROOT

BLOCKS = [
    pytest.param(block, id=str(block))
    for page in pages()  # every edition's, as each edition's reader sees them
    for block in page_blocks(page)
]


def assert_styled(block: Block) -> None:
    """Fail with one line per problem, each naming page and line, and no traceback."""
    problems = lint_block(block)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("block", BLOCKS)
def test_block_passes_ruff_check_and_ruff_format(block: Block):
    assert_styled(block)


def test_a_badly_styled_block_fails_naming_page_and_line():
    styled, including = page_blocks(FIXTURES / "bad-style.md")
    page = "tests/fixtures/bad-style.md"
    problems = lint_block(styled)
    assert any(p.startswith(f"{page}:7: E501 Line too long") for p in problems)
    assert any(p.startswith(f"{page}:6: ruff format would change") for p in problems)
    # The continuation is linted with the block it continues, at its own lines.
    assert any(p.startswith(f"{page}:12: B905") for p in problems), problems
    assert not any("F821" in p for p in problems), problems  # `x` is defined above
    with pytest.raises(pytest.fail.Exception, match=rf"{page}:7: E501"):
        assert_styled(styled)
    # Names that an include defines resolve; the included code is the library's.
    assert lint_block(including) == []


@pytest.mark.parametrize(
    "lab", sorted((DOCS / "labs").glob("*.py")), ids=lambda path: path.stem
)
def test_ruff_check_and_ruff_format_cover_the_labs(lab: Path):
    """Bad code given a lab's name is reported: no setting excludes the labs.

    With --force-exclude, ruff applies its exclusions to the name it is given.
    """
    name = lab.relative_to(ROOT).as_posix()
    options = ["--force-exclude", "--stdin-filename", name, "-"]
    checked = subprocess.run(
        [*ruff_command(), "check", *options],
        input="import os\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 1, checked
    assert "F401" in checked.stdout
    formatted = subprocess.run(
        [*ruff_command(), "format", "--check", *options],
        input="x=1\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert formatted.returncode == 1, formatted
