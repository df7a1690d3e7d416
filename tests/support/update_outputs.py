"""Rewrite the pages' expected outputs from a real run, for review in ``git diff``.

The work of ``python3 dev.py update-outputs`` (in the manner of pydantic's
example tests): run ``python -m update_outputs`` with ``tests/support`` and
``hooks`` on the path.
"""

import importlib.util
import sys
import tempfile
from pathlib import Path

from docblocks import fence_body, page_blocks, pages, printed, shown_path


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
            where = f"{shown_path(page)}:{block.lineno}"
            if (stdout and not stdout.endswith("\n")) or "```" in stdout:
                raise AssertionError(f"{where}: an output fence cannot hold {stdout!r}")
            start, end, indent = fence_body(lines, block.output.lineno)
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
    for page in pages():  # translations too: their outputs are the same
        try:
            if update_outputs(page):
                print(f"updated {shown_path(page)}")
        except AssertionError as error:
            print(error, file=sys.stderr)
            failed = True
    print("Review the changes with `git diff docs/` before committing them.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
