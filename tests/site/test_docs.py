"""Every Python block on every page runs in a fresh interpreter.

A block followed by an output block must print exactly that output.
"""

from pathlib import Path

import pytest
from docblocks import page_blocks, pages, parse_mark, run_block

BLOCKS = [
    pytest.param(
        block,
        id=str(block),
        marks=[parse_mark(m, str(block)) for m in block.marks],
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


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('pytest.mark.skip(reason="needs a GPU")', None),
        ('pytest.mark.xfail(reason="a known bug")', None),
        ("pytest.mark.skip", "is not pytest.mark.skip"),
        ('__import__("os").system("true")', "is not pytest.mark.skip"),
        ("pytest.mark.skipif(True, reason='x')", "is not pytest.mark.skip"),
        ("pytest.mark.skip()", "must give a reason"),
        ('pytest.mark.skip(reason=" ")', "must give a reason"),
    ],
)
def test_a_pages_marker_is_read_not_run(text, fragment):
    if fragment is None:
        assert parse_mark(text, "p.md:3").name in ("skip", "xfail")
        return
    with pytest.raises(ValueError, match=rf"p\.md:3: .*{fragment}"):
        parse_mark(text, "p.md:3")
