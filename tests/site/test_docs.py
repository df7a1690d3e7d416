"""Every Python block on every page runs in a fresh interpreter.

A block followed by an output block must print exactly that output.
"""

import sys
from pathlib import Path

import pytest
from docblocks import page_blocks, pages, run_block

BLOCKS = [
    pytest.param(
        block,
        id=str(block),
        marks=[eval(m, {"pytest": pytest, "sys": sys}) for m in block.marks],
    )
    for page in pages()
    for block in page_blocks(page)
]


def test_the_site_has_blocks_to_run():
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize("block", BLOCKS)
def test_block(block, tmp_path: Path):
    if block.importorskip:
        pytest.importorskip(
            block.importorskip, reason=f"{block} needs {block.importorskip}"
        )
    run_block(block, cwd=tmp_path)
