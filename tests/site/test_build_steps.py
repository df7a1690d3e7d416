"""The build's plain steps (hooks/site_build): facts, lab maths, caches, fingerprint."""

import shutil
import sys
from pathlib import Path

import pytest
from project import ROOT
from site_build import widgets
from site_build.cache import KeyedCache
from site_build.cjk_lines import join_cjk_lines
from site_build.facts import FactError, fill_facts
from site_build.fingerprint import nnlit_fingerprint
from site_build.labs import LabError, rewrite_lab, typeset_math

from nnlit.facts import FACTS


def test_fill_facts_replaces_and_reports():
    facts = {"answer": lambda: "42", "twice": lambda x: str(2 * int(x))}
    assert fill_facts("a {{ answer }} b {{ twice 4 }}", facts, "p.md") == "a 42 b 8"
    assert fill_facts("x^{{2}} and W^{{[l]}} stay", facts, "p.md") == (
        "x^{{2}} and W^{{[l]}} stay"
    )
    with pytest.raises(
        FactError, match=r"p\.md:3: unknown fact 'nope'; known: answer, twice"
    ):
        fill_facts("one\ntwo\n{{ nope }}", facts, "p.md")
    with pytest.raises(
        FactError, match=r"p\.md:1: fact \{\{ twice x \}\} failed: ValueError"
    ):
        fill_facts("{{ twice x }}", facts, "p.md")


@pytest.mark.parametrize(
    "written", ["{{twice 4}}", "{{ Twice 4 }}", "{{  twice 4 }}", "{{ twice 4}}"]
)
def test_a_fact_written_wrongly_fails_instead_of_staying_verbatim(written):
    facts = {"twice": lambda x: str(2 * int(x))}
    with pytest.raises(FactError, match=r"p\.md:2: .* is not a fact reference"):
        fill_facts(f"one\ntwo {written}", facts, "p.md")


def test_a_cached_fact_is_computed_once_per_key(tmp_path: Path):
    calls = []
    facts = {"twice": lambda x: calls.append(x) or str(2 * int(x))}
    cache = KeyedCache(tmp_path, "key-1")
    for _ in range(2):
        assert fill_facts("{{ twice 4 }}", facts, "p.md", cache) == "8"
    assert calls == ["4"]
    assert (cache.hits, cache.misses) == (1, 1)
    fresh = KeyedCache(tmp_path, "key-2")  # nnlit changed: the old values go
    assert fill_facts("{{ twice 4 }}", facts, "p.md", fresh) == "8"
    assert calls == ["4", "4"]
    assert [p.name for p in tmp_path.iterdir()] == ["key-2"]


def test_every_fact_the_pages_use_exists_and_is_filled(site: Path):
    for page in site.rglob("*.html"):
        assert "{{ " not in page.read_text(), f"{page}: an unfilled fact"
    assert set(FACTS) >= {"output_range", "slope_at", "saturates_where", "saturated"}


def test_dollar_maths_becomes_what_the_sites_mathjax_typesets():
    html = "<p>With $a = 1$ and $b$:</p>\n<p>$$\nx^2\n$$</p><p>costs \\$5</p>"
    assert typeset_math(html) == (
        '<p>With <span class="arithmatex">\\(a = 1\\)</span> and'
        ' <span class="arithmatex">\\(b\\)</span>:</p>\n'
        '<div class="arithmatex">\\[\nx^2\n\\]</div><p>costs \\$5</p>'
    )


def test_the_fingerprint_follows_every_source_of_nnlit(tmp_path: Path, monkeypatch):
    """Any edit under nnlit/, figure modules and their words included, changes it."""
    shutil.copytree(ROOT / "nnlit", tmp_path / "nnlit")
    shutil.copy(ROOT / "requirements.txt", tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "nnlit")  # find the copy, not the one loaded
    before = nnlit_fingerprint(tmp_path)
    drawing = tmp_path / "nnlit" / "figures" / "drawing.py"
    drawing.write_text(drawing.read_text() + "\n# an edit\n")
    after_code = nnlit_fingerprint(tmp_path)
    assert after_code != before
    words = tmp_path / "nnlit" / "figures" / "words.toml"
    words.write_text(words.read_text() + "\n# a figure's words edited\n")
    after_words = nnlit_fingerprint(tmp_path)
    (tmp_path / "requirements.txt").write_text("numpy==0\n")
    assert len({before, after_code, after_words, nnlit_fingerprint(tmp_path)}) == 4


WIDGET_PAGE = """<html><head><title>t</title></head><body>
<div class="nnlit-widget" data-widget="neuron" hidden></div>
<div data-widget="activations" class="nnlit-widget"></div>
<div class="nnlit-widget" data-widget="neuron"></div>
</body></html>"""


def test_a_page_with_widgets_loads_their_scripts_relative_to_itself():
    scripts = {f"javascripts/widgets/{n}.js" for n in ("nnmath", "ui", "neuron")}
    scripts.add("javascripts/widgets/activations.js")
    assert widgets.widgets_in(WIDGET_PAGE) == ["neuron", "activations"]
    out = widgets.add_widget_assets(WIDGET_PAGE, "labs/x.html", scripts, "labs/x.md")
    head, body = out.split("</head>")
    assert head.endswith('<link rel="stylesheet" href="../stylesheets/widgets.css">')
    assert body.count("<script") == 4
    order = [s.split('"')[1] for s in body.split("<script src=")[1:]]
    assert order == [
        "../javascripts/widgets/nnmath.js",
        "../javascripts/widgets/ui.js",
        "../javascripts/widgets/neuron.js",
        "../javascripts/widgets/activations.js",
    ]
    top = widgets.add_widget_assets(WIDGET_PAGE, "01-one-neuron.html", scripts, "p")
    assert '<script src="javascripts/widgets/nnmath.js">' in top


def test_a_page_without_widgets_is_left_alone_and_a_missing_script_fails():
    plain = "<html><head></head><body><div class='other'></div></body></html>"
    assert widgets.add_widget_assets(plain, "a.html", set(), "a.md") == plain
    shared = {"javascripts/widgets/nnmath.js", "javascripts/widgets/ui.js"}
    with pytest.raises(widgets.WidgetError, match=r"p\.md: widget 'neuron' has no"):
        widgets.add_widget_assets(WIDGET_PAGE, "a.html", shared, "p.md")


def test_chinese_lines_are_joined_and_nothing_else():
    comma = "\uff0c"  # the full-width comma of Chinese prose
    assert join_cjk_lines("<p>一个数\n  它由</p>") == "<p>一个数它由</p>"
    linked = f"<p>用到\n<a href='x'>第 3 章</a>中的\n函数{comma}\n下一句</p>"
    joined = f"<p>用到<a href='x'>第 3 章</a>中的函数{comma}下一句</p>"
    assert join_cjk_lines(linked) == joined
    # Latin on either side keeps its space; code and scripts keep their lines.
    kept = "<p>a word\nanother 中文\nEnglish</p><pre>中\n文</pre>"
    kept += "<script>中\n文</script>"
    assert join_cjk_lines(kept) == kept
    assert join_cjk_lines(kept + "<p>中\n文</p>") == kept + "<p>中文</p>"


def lab_html(title: str, code: str, printed: str | None) -> str:
    """A lab as nbconvert renders it: a title cell and one code cell."""
    output = (
        ""
        if printed is None
        else '<div class="jp-OutputArea-output" data-mime-type="text/plain">'
        f"<pre>{printed}</pre></div>"
    )
    return (
        '<div class="jp-Cell jp-MarkdownCell"><div class="jp-RenderedMarkdown">'
        f"<h1>{title}</h1></div></div>"
        '<div class="jp-Cell jp-CodeCell"><div class="jp-InputArea">'
        f'<div class="highlight-ipynb"><pre><span></span>{code}</pre></div></div>'
        f"{output}</div>"
    )


def test_a_translated_lab_shows_the_english_labs_outputs_in_its_own_words():
    """The Chinese build runs no kernel: the English lab's outputs are reused."""
    english = lab_html("Lab 1", "print(6 * 7)", "42")
    chinese = lab_html("实验 1", "print(6 * 7)", None)  # not executed
    page = rewrite_lab(chinese, "labs/01-x.zh.py", lambda path: path, "zh", english)
    assert '<span class="filename">输出</span>' in page
    assert "42" in page
    assert 'href="01-x.ipynb"' in page  # the Chinese notebook, under zh/labs/
    assert "下载" in page


def test_a_translated_lab_whose_code_differs_fails_naming_it():
    english = lab_html("Lab 1", "print(6 * 7)", "42")
    chinese = lab_html("实验 1", "print(6 * 8)", None)
    with pytest.raises(LabError, match=r"labs/01-x.zh.py: .* code cell 1 differs"):
        rewrite_lab(chinese, "labs/01-x.zh.py", lambda path: path, "zh", english)
