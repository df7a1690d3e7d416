r"""Formulas typeset at build time: MathJax run once per build, pages with no script.

The build hands each page's formulas to MathJax under the Node.js of a pinned
wheel (``site_build.mathjax``); these tests drive that renderer directly, then
check what every built page carries.
"""

import re
from pathlib import Path

import pytest
from docblocks import pages
from language_pairs import built_pages
from site_audit import html_files, soup
from site_build.cache import KeyedCache
from site_build.fold_svg import as_transform, flatten, then
from site_build.mathjax import (
    GLYPHS_ID,
    Formula,
    MathJax,
    TexError,
    cached,
    formulas_in,
    typeset,
)

# The derivation check's markers, in TeX comments at line ends (tex_math.py).
MARKER = re.compile(r"%\s*(nnlit|where|unchecked):")


@pytest.fixture(scope="module")
def mathjax():
    renderer = MathJax()
    yield renderer
    renderer.close()


def test_formulas_are_read_in_order_with_their_html_escapes_undone():
    page = (
        '<p>If <span class="arithmatex">\\(a &lt; b\\)</span> then</p>\n'
        '<div class="arithmatex">\\[\nb &gt; a\n\\]</div>'
    )
    assert formulas_in(page) == [
        Formula("a < b", display=False),
        Formula("\nb > a\n", display=True),
    ]


def test_a_marked_element_without_its_delimiters_is_refused():
    with pytest.raises(ValueError, match="without its delimiters"):
        formulas_in('<span class="arithmatex">$x$</span>')


def test_mathjax_drops_tex_comments_and_gives_mathml_beside_the_drawing(mathjax):
    answer = mathjax(
        [
            {"tex": "z = w x + b % nnlit: neuron_input\n", "display": True},
            {"tex": "y = 50\\%", "display": False},
        ]
    )
    assert answer["errors"] == []
    shown, percent = answer["html"]
    assert "nnlit" not in shown
    assert "neuron_input" not in shown
    assert "<mo>+</mo><mi>b</mi></math>" in shown  # the MathML ends at b
    assert '<svg style="vertical-align' in shown
    assert 'aria-hidden="true"' in shown
    assert 'fill="currentColor"' in shown  # follows the text colour: light or dark
    assert ">%</mi></math>" in percent  # an escaped percent is kept
    used = set(re.findall(r'xlink:href="#([^"]+)"', shown + percent))
    assert used == set(re.findall(r'<path id="([^"]+)"', answer["glyphs"]))


def test_mathjax_reports_each_tex_error_by_formula(mathjax):
    answer = mathjax(
        [
            {"tex": "\\frac{1}{2}", "display": False},
            {"tex": "\\frac{1}", "display": False},
            {"tex": "\\nosuchmacro", "display": True},
        ]
    )
    assert answer["errors"] == [
        {"index": 1, "message": "Missing argument for \\frac"},
        {"index": 2, "message": "Undefined control sequence \\nosuchmacro"},
    ]


def test_a_lab_error_names_the_line_of_the_lab(mathjax):
    """A lab's Markdown is in comments (``# ``); the line is still found."""
    source = "# %% [markdown]\n# # A lab\n#\n# Fine $x$, then\n# $\\frac{1}$ here.\n"
    page = (
        '<p>Fine <span class="arithmatex">\\(x\\)</span>, then'
        ' <span class="arithmatex">\\(\\frac{1}\\)</span> here.</p>'
    )
    with pytest.raises(TexError) as error:
        typeset(page, "labs/x.py", source, mathjax_render(mathjax))
    assert str(error.value) == (
        "labs/x.py:5: TeX error: Missing argument for \\frac in '\\\\frac{1}'"
    )


def mathjax_render(mathjax):
    return lambda formulas: mathjax([formula.request() for formula in formulas])


def test_a_page_is_typeset_once_and_a_failing_one_every_time(tmp_path, mathjax):
    calls = []

    def counting(formulas):
        calls.append(len(formulas))
        return mathjax(formulas)

    cache = KeyedCache(tmp_path, "key")
    render = cached(cache, counting)
    fine, broken = [Formula("x^2", False)], [Formula("\\frac{1}", False)]
    assert render(fine) == render(fine)
    assert calls == [1]
    assert render(broken)["errors"]
    assert render(broken)["errors"]
    assert calls == [1, 1, 1]


# --- The built site ---------------------------------------------------------

PAGES = built_pages()  # every edition's


@pytest.mark.parametrize("page", PAGES)
def test_every_formula_is_drawn_with_its_mathml_and_the_glyphs_it_uses(
    site: Path, page: str
):
    html = soup(site / page)
    formulas = html.select(".arithmatex")
    glyphs = {path["id"] for path in html.select(f"svg#{GLYPHS_ID} path[id]")}
    for number, formula in enumerate(formulas, 1):
        drawing = formula.select_one(":scope > mjx-container > svg")
        assert drawing is not None, f"{page}: formula {number} was not typeset"
        assert drawing["aria-hidden"] == "true"
        assert formula.select_one("mjx-assistive-mml > math"), f"{page}: {number}"
        used = {use["xlink:href"].removeprefix("#") for use in drawing.select("use")}
        assert used <= glyphs, f"{page}: formula {number} lacks {used - glyphs}"
    if not formulas:
        assert html.select_one(f"svg#{GLYPHS_ID}") is None


def test_the_derivation_markers_stay_in_the_source_and_off_the_pages(site: Path):
    """``% nnlit: KEY`` and the like are TeX comments: read by tests, never shown."""
    marked = [page for page in pages() if MARKER.search(page.read_text())]
    assert len(marked) >= 3, "the chapters' derivations lost their markers"
    for path in html_files(site):
        text = soup(path).get_text()
        assert not MARKER.search(text), f"{path}: a TeX comment is on the page"


def test_no_page_loads_a_typesetting_script_and_every_page_its_stylesheet(
    site: Path,
):
    assert sorted(p.name for p in (site / "assets/mathjax").iterdir()) == [
        "LICENSE",
        "svg.css",
    ]
    css = (site / "assets/mathjax/svg.css").read_text()
    assert "mjx-assistive-mml" in css
    assert 'mjx-container[jax="SVG"]' in css
    for path in html_files(site):
        html = soup(path)
        sources = [script.get("src", "") for script in html.find_all("script")]
        assert not any("mathjax" in source.lower() for source in sources), path
        assert "MathJax" not in " ".join(s.get_text() for s in html("script")), path
        links = [link["href"] for link in html.select('link[rel="stylesheet"]')]
        assert any(link.endswith("assets/mathjax/svg.css") for link in links), path


# --- Folding MathJax's groups into the shapes' transforms ---------------------


def test_a_transform_is_composed_as_svg_composes_it():
    # translate, then scale: a point (1, 1) goes to (2 + 3 * 1, 4 + 3 * 1)
    assert then((1, 1, 0, 0), "translate(2,4) scale(3)") == (3, 3, 2, 4)
    assert then((2, -1, 10, 0), "translate(5)") == (2, -1, 20, 0)
    assert then((1, 1, 0, 0), "scale(2, 0.5)") == (2, 0.5, 0, 0)
    with pytest.raises(ValueError, match="rotate"):
        then((1, 1, 0, 0), "rotate(45)")
    assert as_transform((1, 1, 0, 0)) == ""
    assert as_transform((1, 1, 2.5, 0)) == ' transform="translate(2.5,0)"'
    assert as_transform((0.7071, 0.7071, 1, 2)) == (
        ' transform="matrix(0.707,0,0,0.707,1,2)"'
    )


def test_groups_that_only_move_are_folded_and_any_other_drawing_is_kept():
    drawing = (
        '<svg><g stroke="currentColor" fill="currentColor" transform="scale(1,-1)">'
        '<g data-mml-node="math"><g data-mml-node="mi" transform="translate(10,0)">'
        '<use data-c="78" xlink:href="#x"></use></g>'
        '<g transform="translate(5,5) scale(0.5)"><rect width="8" height="2" x="1"'
        ' y="2"></rect><use xlink:href="#y" transform="translate(4,0)"></use></g>'
        "</g></g></svg>"
    )
    assert flatten(drawing) == (
        '<svg><g stroke="currentColor" fill="currentColor" transform="scale(1,-1)">'
        '<use data-c="78" xlink:href="#x" transform="translate(10,0)"></use>'
        '<rect width="8" height="2" x="1" y="2"'
        ' transform="matrix(0.5,0,0,0.5,5,5)"></rect>'
        '<use xlink:href="#y" transform="matrix(0.5,0,0,0.5,7,5)"></use>'
        "</g></svg>"
    )
    coloured = drawing.replace('data-mml-node="mi"', 'fill="red"')
    assert flatten(coloured) == coloured
    with_text = drawing.replace("<rect", "<text>x</text><rect")
    assert flatten(with_text) == with_text


TEX = re.compile(r"^\$\$\n(.*?)\n\$\$$|\\\((.*?)\\\)", re.DOTALL | re.MULTILINE)

# Where each shape of each formula lands, relative to its drawing, in pixels.
SHAPES = """(sel) =>
[...document.querySelectorAll(sel + " mjx-container")].map((math) => {
  const frame = math.querySelector("svg").getBoundingClientRect();
  return [...math.querySelectorAll("svg use, svg rect")].map((shape) => {
    const box = shape.getBoundingClientRect();
    return [box.x - frame.x, box.y - frame.y, box.width, box.height];
  });
})"""


def test_folded_drawings_put_every_shape_where_mathjax_put_it(mathjax, browser):
    """Every formula of the chapters, drawn as MathJax nests it and as folded."""
    formulas = [
        {"tex": display or inline, "display": bool(display)}
        for page in pages()
        for display, inline in TEX.findall(page.read_text())
    ]
    assert len(formulas) > 300
    answer = mathjax(formulas)
    nested = "".join(answer["html"])
    folded = "".join(flatten(container) for container in answer["html"])
    assert folded.count("<g") < nested.count("<g") / 3
    page = browser.new_page()
    page.set_content(
        f"<style>{mathjax.stylesheet()} body {{ font-size: 40px }}</style>"
        f"{answer['glyphs']}<div id=nested>{nested}</div><div id=folded>{folded}</div>"
    )
    before, after = page.evaluate(SHAPES, "#nested"), page.evaluate(SHAPES, "#folded")
    page.close()
    assert len(before) == len(after) == len(formulas)
    for number, (shapes, moved) in enumerate(zip(before, after, strict=True), 1):
        assert len(shapes) == len(moved), f"formula {number}"
        for shape, again in zip(shapes, moved, strict=True):
            assert again == pytest.approx(shape, abs=0.02), f"formula {number}"
