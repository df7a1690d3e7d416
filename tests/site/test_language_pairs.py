"""Every page exists in every language, and its translation keeps what is tested.

The Chinese edition shares the English one's code, facts, figures and outputs;
this test proves it page by page (see ``language_pairs``), so the doc tests
need not run a translated page's blocks again (``test_docs.py``).
"""

import pytest
from language_pairs import (
    LANGUAGES,
    differences,
    missing_twins,
    orphans,
    pairs,
    shown,
)
from project import FIXTURES

PAIRS = pairs()


@pytest.mark.parametrize(
    ("english", "translation"), PAIRS, ids=[shown(t) for _, t in PAIRS]
)
def test_a_translation_keeps_every_block_fact_figure_and_anchor(english, translation):
    assert differences(english, translation) == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_has_its_translation(code):
    assert missing_twins()[code] == [], f"pages with no {code} twin"


def test_no_translation_without_its_english_page():
    assert orphans() == []


def test_a_missing_block_fails_naming_the_page():
    folder = FIXTURES / "language-pairs"
    found = differences(folder / "page.md", folder / "page.zh.md")
    assert all(problem.startswith("page.zh.md: ") for problem in found)
    assert found[0].startswith("page.zh.md: code blocks (language and body) differ")
    assert "print(2 + 2)" in found[0]


def test_a_changed_fact_figure_anchor_or_maths_fails(tmp_path):
    folder = FIXTURES / "language-pairs"
    english = folder / "page.md"
    text = english.read_text(encoding="utf-8")
    for old, new, kind in [
        ("neuron_output 0.5", "neuron_output 0.25", "facts"),
        ("figures/neuron-output.svg", "figures/xor.svg", "figures"),
        ("{ #how-large-a-step }", "{ #how-large }", "heading anchors"),
        (r"\(z = wx + b\)", r"\(z = wx - b\)", "inline maths"),
        ('title="Output"\n2', 'title="Output"\n3', "code blocks"),
    ]:
        changed = tmp_path / "page.zh.md"
        changed.write_text(text.replace(old, new), encoding="utf-8")
        assert [
            d.split(": ")[1].split(" differ")[0] for d in differences(english, changed)
        ] == [next(k for k in english_kinds() if k.startswith(kind))], kind


def test_a_page_in_one_language_only_is_found():
    assert missing_twins(FIXTURES / "language-pairs") == {"zh": ["only-english.md"]}


def english_kinds() -> list[str]:
    from language_pairs import kept

    return list(kept(FIXTURES / "language-pairs" / "page.md"))
