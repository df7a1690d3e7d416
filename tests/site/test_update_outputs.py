"""``python3 dev.py update-outputs`` rewrites stale outputs and nothing else."""

import shutil
from pathlib import Path

from docblocks import page_blocks, run_block
from project import FIXTURES
from update_outputs import update_outputs


def test_update_outputs_writes_what_blocks_print_and_only_that(tmp_path: Path):
    page = tmp_path / "stale-outputs.md"
    shutil.copy(FIXTURES / "stale-outputs.md", page)
    before = page.read_bytes()

    assert update_outputs(page)

    after = page.read_bytes()
    expected = (
        before.replace(
            b'```text title="Output"\nstale\n', b'```text title="Output"\nfresh\n'
        )
        .replace(
            b'```text title="Output"\n41\n', b'```text title="Output"\n42\n\nend\n'
        )
        .replace(
            b"    ```text\n    old\n", b"    ```text\n      indented\n    \n    twice\n"
        )
    )
    assert after == expected
    for block in page_blocks(page):
        if not block.marks:
            run_block(block, cwd=tmp_path)  # the page now shows what it prints
    assert b"not what it would print" in after  # a skipped block is left alone

    assert not update_outputs(page)  # a second run changes nothing
    assert page.read_bytes() == after
