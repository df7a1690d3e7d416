"""Deliberately broken inputs make the build or the tests fail, and say where."""

import logging
from pathlib import Path

import pytest
from axe import axe_audit
from browser import look_at, serve
from bs4 import BeautifulSoup
from docblocks import Block, page_blocks, run_block
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from project import FIXTURES, ROOT, pages_in, write_docs
from site_audit import audit, broken_links, silent_continuations

import nnlit.figures

# The fixture sites build with the real configuration, and so the real caches.
pytestmark = pytest.mark.usefixtures("warm_caches")


def build_fixture(fixture: Path, site_dir: Path, strict: bool = True) -> None:
    """Build a one-page site from a fixture folder, with the real config and hooks.

    The site's own scripts and styles are copied in beside the fixture's page,
    so the page loads exactly what a real page loads.
    """
    docs = write_docs(site_dir.parent / f"{site_dir.name}-docs", pages_in(fixture))
    config = load_config(
        str(ROOT / "mkdocs.yml"),
        docs_dir=str(docs),
        site_dir=str(site_dir),
        nav=[{"Home": "index.md"}],
        strict=strict,
    )
    build(config)


def test_missing_snippet_section_fails_the_build_naming_page_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    with pytest.raises(Abort):
        build_fixture(FIXTURES / "missing-section", tmp_path)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("index.md:4:" in e and "no_such_section" in e for e in errors), errors


def test_a_raising_block_fails_naming_page_and_line(tmp_path: Path):
    fine, raising = page_blocks(FIXTURES / "raising-block.md")
    run_block(fine, cwd=tmp_path)
    with pytest.raises(AssertionError, match=r"tests/fixtures/raising-block\.md:7: "):
        run_block(raising, cwd=tmp_path)
    with pytest.raises(AssertionError, match="ZeroDivisionError"):
        run_block(raising, cwd=tmp_path)


def test_wrong_printed_output_fails_naming_page_and_line(tmp_path: Path):
    block = Block(FIXTURES / "raising-block.md", 3, 'print("fine")\n', "fin\n")
    with pytest.raises(AssertionError, match=r"raising-block\.md:3: the block printed"):
        run_block(block, cwd=tmp_path)


def broken_figure():
    """A figure function that fails, as a typo in nnlit/figures/ would."""
    return nnlit.figures.no_such_function()  # the line the error must name


def test_failing_figure_fails_the_build_naming_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    monkeypatch.setitem(nnlit.figures.FIGURES, "broken", broken_figure)
    with pytest.raises((Abort, PluginError)):
        build_fixture(FIXTURES / "missing-section", tmp_path)
    line = broken_figure.__code__.co_firstlineno + 2
    errors = " ".join(r.getMessage() for r in caplog.records)
    assert f"figure 'broken' failed at tests/site/test_faults.py:{line}" in errors, (
        errors
    )
    assert "AttributeError" in errors


def test_a_tex_error_fails_the_build_naming_page_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    """Each formula MathJax cannot typeset is named, with its line in the page."""
    with pytest.raises(Abort):
        build_fixture(FIXTURES / "tex-error", tmp_path)
    errors = " ".join(r.getMessage() for r in caplog.records)
    assert "index.md:12: TeX error: Extra close brace or missing open brace" in errors
    assert "index.md:17: TeX error: Undefined control sequence \\nosuchmacro" in errors
    assert "\\nosuchmacro{ 0.25 }" in errors  # the fact was filled in first
    assert "index.md:6" not in errors, "the fine display was blamed"


def test_audit_flags_a_block_it_would_not_run(tmp_path: Path):
    page = FIXTURES / "unaudited-block" / "index.md"
    build_fixture(page.parent, tmp_path)
    html = BeautifulSoup((tmp_path / "index.html").read_text(), "html.parser")
    problems = audit(page, html)
    assert any("untested block languages" in p and "py" in p for p in problems), (
        problems
    )
    assert any("output blocks shown" in p for p in problems), problems


def test_the_output_of_a_skipped_block_is_not_counted_as_checked(tmp_path: Path):
    page = FIXTURES / "skipped-output" / "index.md"
    build_fixture(page.parent, tmp_path)
    html = BeautifulSoup((tmp_path / "index.html").read_text(), "html.parser")
    assert audit(page, html) == ["index.md: 1 output blocks shown, 0 checked"]


def test_console_output_and_raw_blocks_are_flagged(tmp_path: Path):
    """Console output, a raw <pre>, inline code naming nothing: all flagged."""
    page = FIXTURES / "unchecked-claims" / "index.md"
    build_fixture(page.parent, tmp_path)
    html = BeautifulSoup((tmp_path / "index.html").read_text(), "html.parser")
    assert audit(page, html) == [
        "index.md: 1 raw <pre> block(s) that no test runs or checks",
        "index.md:4: runs bench/no_such_bench.py, which does not exist",
        "index.md:5: a console line that is not a command: 'speed-up 181x'",
        "index.md: `nnlit.layers.no_such_function` names nothing in nnlit",
        "index.md: `nnlit/no_such_module.py` is not a file or folder of the repository",
    ]


def test_a_continuation_without_a_title_is_flagged(tmp_path: Path):
    build_fixture(FIXTURES / "silent-continuation", tmp_path)
    html = BeautifulSoup((tmp_path / "index.html").read_text(), "html.parser")
    assert silent_continuations(html) == ["print(answer)\n"]


def test_a_broken_page_fails_the_browser_and_link_checks(tmp_path: Path, browser):
    """Raw TeX, a missing image, a CDN script, MathJax, a dead link: all named."""
    site = tmp_path / "site"
    build_fixture(FIXTURES / "broken-site", site, strict=False)  # strict stops early
    assert sorted(broken_links(site)) == [
        f"{edition}index.html: {target} (no such file)"
        for edition in ("", "zh/")  # the Chinese edition shows the English page
        for target in ("figures/no-such-figure.svg", "missing.html")
    ]
    context = browser.new_context()
    with serve(site) as url:
        problems = look_at(context, url + "index.html")
    context.close()
    assert "index.html: raw TeX \\frac in the text" in problems
    assert "index.html: image figures/no-such-figure.svg did not load" in problems
    assert "index.html: the page loads a typesetting script" in problems
    assert (
        "index.html: request to another host: https://cdn.example.com/tracker.js"
        in problems
    )


def test_a_fixture_build_leaves_the_real_sites_executed_labs(tmp_path: Path, site):
    """mkdocs-jupyter evicts what a build did not use: not from the real cache."""
    cached = sorted((ROOT / ".cache" / "labs").rglob("*.json"))
    assert cached, "the site's build executed no lab"
    build_fixture(FIXTURES / "silent-continuation", tmp_path)
    assert sorted((ROOT / ".cache" / "labs").rglob("*.json")) == cached


def test_an_inaccessible_page_fails_the_axe_check(tmp_path: Path, browser):
    """Low contrast and a dialog with no name: each named with page and element."""
    site = tmp_path / "site"
    build_fixture(FIXTURES / "inaccessible", site)
    with serve(site) as url:
        found = axe_audit(browser, site, url, ("light",), 390)
    where = "index.html (light, 390 px): "
    rules = {f.removeprefix(where).split(":")[0] for f in found if f.startswith(where)}
    assert "color-contrast (serious) at p > span" in rules, found
    assert 'aria-dialog-name (serious) at div[aria-modal="false"]' in rules, found
