"""Every Python block on every page runs in a fresh interpreter.

A block followed by an output block must print exactly that output. Where
``NNLIT_REQUIRE_EVERY_BLOCK`` is set, as ``.ci/run`` sets it, a block that
would be skipped (a page's skip or xfail mark, a module it needs missing)
fails instead, naming its page and line.
"""

import importlib.metadata
import os
import re
from pathlib import Path

import pytest
from docblocks import (
    REQUIRE_EVERY_BLOCK,
    Block,
    page_blocks,
    pages,
    parse_mark,
    require_run,
    run_block,
)
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from project import FIXTURES, ROOT

REQUIRED = bool(os.environ.get(REQUIRE_EVERY_BLOCK))


def block_param(block: Block) -> pytest.ParameterSet:
    """``block`` as a test case; a page's marks are read always, obeyed locally."""
    marks = [parse_mark(m, str(block)) for m in block.marks]
    return pytest.param(block, id=str(block), marks=[] if REQUIRED else marks)


# Every edition's pages: a translation's blocks are its English twin's, byte for
# byte (test_language_pairs.py), and they run here all the same, as a reader of
# that edition copies them.
BLOCKS = [block_param(block) for page in pages() for block in page_blocks(page)]


def test_the_site_has_blocks_to_run():
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize("block", BLOCKS)
def test_block(block, tmp_path: Path):
    if REQUIRED:
        require_run(block)
    elif block.importorskip:
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


def test_a_block_the_suite_would_skip_fails_where_every_block_is_required():
    (marked,) = page_blocks(FIXTURES / "skipped-output" / "index.md")
    (optional,) = page_blocks(FIXTURES / "optional-module.md")
    (plain, *_) = page_blocks(ROOT / "docs" / "notation.md")
    with pytest.raises(AssertionError, match=r"skipped-output/index\.md:4: .*skip"):
        require_run(marked)
    with pytest.raises(
        AssertionError,
        match=r"optional-module\.md:4: .*needs nnlit_no_such_module, which is not",
    ):
        require_run(optional)
    require_run(plain)  # no mark, nothing optional: it runs


def pins(path: Path) -> dict[str, str]:
    """``name: version`` for each ``name==version`` line of a requirements file."""
    found = re.findall(r"^([\w.-]+)==(\S+)$", path.read_text(), flags=re.M)
    return {canonicalize_name(name): version for name, version in found}


TORCH_PINS = pins(ROOT / "requirements-torch.txt")


def test_the_pytorch_pins_agree_with_requirements_txt():
    main = pins(ROOT / "requirements.txt")
    assert TORCH_PINS["torch"].endswith("+cpu")  # never PyPI's CUDA build
    clashes = {
        name: (version, main[name])
        for name, version in TORCH_PINS.items()
        if name in main and main[name] != version
    }
    assert not clashes, f"requirements-torch.txt against requirements.txt: {clashes}"


def test_every_optional_module_a_page_needs_is_pinned_for_ci():
    pinned = set(TORCH_PINS) | set(pins(ROOT / "requirements.txt"))
    needed = {
        str(block): block.importorskip
        for page in pages()
        for block in page_blocks(page)
        if block.importorskip
    }
    assert needed, "no page needs an optional module: drop requirements-torch.txt"
    unpinned = {where: m for where, m in needed.items() if m not in pinned}
    assert not unpinned, f"CI would not install these: {unpinned}"


def test_requirements_torch_pins_all_that_torch_needs():
    """Where torch is installed (CI), its own requirements are all pinned and met."""
    try:
        requires = importlib.metadata.requires("torch") or []
    except importlib.metadata.PackageNotFoundError:
        if REQUIRED:
            pytest.fail(f"{REQUIRE_EVERY_BLOCK} is set but torch is not installed")
        pytest.skip("torch is not installed (CI installs requirements-torch.txt)")
    environment = {**default_environment(), "extra": ""}
    needed = {
        canonicalize_name(requirement.name)
        for requirement in map(Requirement, requires)
        if requirement.marker is None or requirement.marker.evaluate(environment)
    }
    assert needed - set(TORCH_PINS) == set()
    installed = {name: importlib.metadata.version(name) for name in needed | {"torch"}}
    wrong = {n: v for n, v in installed.items() if v != TORCH_PINS[n]}
    assert not wrong, f"installed versions differ from requirements-torch.txt: {wrong}"
