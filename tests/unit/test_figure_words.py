"""Figures hold no words: every word they draw comes from words.toml."""

import ast
import re
from pathlib import Path

import pytest
from figure_checks import figure_problems
from matplotlib.text import Text

import nnlit.figures
from nnlit.figures import FIGURES
from nnlit.figures.words import WORDS, language, word

FIGURE_CODE = sorted(Path(nnlit.figures.__file__).parent.glob("*.py"))
TEXT_CALLS = {"text": 2, "set_title": 0, "set_xlabel": 0, "set_ylabel": 0}
TEXT_KEYWORDS = {"title", "xlabel", "ylabel", "label"}
MATH = re.compile(r"\$[^$]*\$")


def words_in(node: ast.expr) -> str:
    """The letters a text argument spells outside math and format fields."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        literal = node.value
    elif isinstance(node, ast.JoinedStr):
        literal = "".join(
            part.value for part in node.values if isinstance(part, ast.Constant)
        )
    else:
        return ""  # a call such as word("epoch"), or a name: not typed here
    return " ".join(re.findall(r"[A-Za-z]{2,}", MATH.sub("", literal)))


def typed_words(path: Path) -> list[str]:
    """``file:line: words`` for each text a figure draws that holds words."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        texts = [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
        name = getattr(node.func, "attr", "")
        if name in TEXT_CALLS and len(node.args) > TEXT_CALLS[name]:
            texts.append(node.args[TEXT_CALLS[name]])
        found += [
            f"{path.name}:{node.lineno}: {spelled!r}"
            for text in texts
            if (spelled := words_in(text))
        ]
    return found


@pytest.mark.parametrize("path", FIGURE_CODE, ids=lambda p: p.name)
def test_figure_code_types_no_words(path: Path):
    assert typed_words(path) == []


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_word_a_figure_draws_comes_from_the_words_file(name, monkeypatch):
    """Drawn in a made-up language whose words are <key>, no other word shows."""
    monkeypatch.setitem(WORDS, "xx", {key: f"<{key}>" for key in WORDS["en"]})
    with language("xx"):
        fig = FIGURES[name]()
    drawn = [text.get_text() for text in fig.findobj(Text)]
    typed = [t for t in drawn if re.search(r"[A-Za-z]{2,}", strip_words(t))]
    assert typed == []


def strip_words(text: str) -> str:
    """A drawn text without its math and the stand-ins of the made-up language."""
    return re.sub(r"<\w+>", "", MATH.sub("", text))


def test_a_word_typed_in_a_figure_is_found(tmp_path: Path):
    code = tmp_path / "figure.py"
    code.write_text(
        'ax.set(xlabel="epoch", ylabel="$E$")\n'
        'ax.text(0, 1, f"layer {l}: $a$")\n'
        'ax.text(0, 1, word("layer", l=l))\n'
    )
    assert typed_words(code) == ["figure.py:1: 'epoch'", "figure.py:2: 'layer'"]


def test_every_language_has_every_word_with_the_same_fields():
    fields = {
        code: {key: re.findall(r"\{(\w+)", text) for key, text in words.items()}
        for code, words in WORDS.items()
    }
    assert all(found == fields["en"] for found in fields.values())


def test_a_figure_draws_the_words_of_the_language_being_drawn(monkeypatch):
    monkeypatch.setitem(WORDS, "xx", {key: f"<{key}>" for key in WORDS["en"]})
    with language("xx"):
        fig = FIGURES["neuron-diagram"]()
        assert word("layer", l=2) == "<layer>"
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert "<input_half>: $z = wx + b$" in texts
    assert word("layer", l=2) == "layer 2"  # back to English after the block


def test_the_checks_follow_the_language_too(monkeypatch):
    monkeypatch.setitem(WORDS, "xx", {key: f"<{key}>" for key in WORDS["en"]})
    english = FIGURES["network-diagram"]()
    with language("xx"):
        assert figure_problems("network-diagram", FIGURES["network-diagram"]()) == []
        assert figure_problems("network-diagram", english) != []


def test_an_unknown_language_is_refused():
    with (
        pytest.raises(ValueError, match="no figure words for 'klingon'"),
        language("klingon"),
    ):
        pass


def test_chinese_has_every_word_in_chinese():
    """Each Chinese word holds a Han character: none is left in English."""
    assert set(WORDS["zh"]) == set(WORDS["en"])
    untranslated = [
        key
        for key, text in WORDS["zh"].items()
        if not re.search(r"[\u4e00-\u9fff]", text)
    ]
    assert untranslated == []


@pytest.mark.parametrize("name", ["neuron-output", "network-diagram", "loss-curve"])
def test_chinese_figures_have_a_glyph_for_every_letter(name):
    """Matplotlib warns of a missing glyph (an error here): the font must hold all."""
    with language("zh"):
        svg = nnlit.figures.render_svg(FIGURES[name])
    assert b"<text" not in svg  # text drawn as paths: no font reaches a reader
