import math

import pytest
from check_snippets import PluginError
from facts import fill_facts

from nnlit.facts import FACTS, output_range, saturates_where, slope_at


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sigmoid", r"\((0, 1)\)"),
        ("tanh", r"\((-1, 1)\)"),
        ("relu", r"\([0, \infty)\)"),
        ("leaky_relu", r"\((-\infty, \infty)\)"),
    ],
)
def test_output_ranges(name, expected):
    assert output_range(name) == expected


def test_slopes_agree_with_the_formulas():
    s = 1 / (1 + math.exp(1))
    assert slope_at("sigmoid", "0") == "0.25"
    assert slope_at("sigmoid", "-1") == f"{s * (1 - s):.3g}"
    assert slope_at("tanh", "0") == "1"
    assert slope_at("tanh", "-1") == f"{1 - math.tanh(-1) ** 2:.3g}"
    assert slope_at("relu", "-1") == "0"
    assert slope_at("leaky_relu", "-1") == "0.01"


def test_saturation_thresholds_solve_slope_equals_one_percent():
    # sigma(1 - sigma) = 0.01  ->  sigma = (1 - sqrt(0.96)) / 2  ->  z = logit(sigma)
    s = (1 - math.sqrt(0.96)) / 2
    sigmoid_edge = abs(math.log(s / (1 - s)))
    assert saturates_where("sigmoid") == rf"\(\lvert z \rvert > {sigmoid_edge:.2g}\)"
    # 1 - tanh^2 = 0.01  ->  |z| = atanh(sqrt(0.99))
    tanh_edge = math.atanh(math.sqrt(0.99))
    assert saturates_where("tanh") == rf"\(\lvert z \rvert > {tanh_edge:.2g}\)"
    assert saturates_where("relu") == r"\(z \le 0\)"
    assert saturates_where("leaky_relu") == "—"


def test_fill_facts_replaces_and_reports():
    facts = {"answer": lambda: "42", "twice": lambda x: str(2 * int(x))}
    assert fill_facts("a {{ answer }} b {{ twice 4 }}", facts, "p.md") == "a 42 b 8"
    assert (
        fill_facts("x^{{2}} and {{x}} stay", facts, "p.md") == "x^{{2}} and {{x}} stay"
    )
    with pytest.raises(
        PluginError, match=r"p\.md:3: unknown fact 'nope'; known: answer, twice"
    ):
        fill_facts("one\ntwo\n{{ nope }}", facts, "p.md")
    with pytest.raises(
        PluginError, match=r"p\.md:1: fact \{\{ twice x \}\} failed: ValueError"
    ):
        fill_facts("{{ twice x }}", facts, "p.md")


def test_every_fact_the_pages_use_exists_and_is_filled(site):
    for page in site.rglob("*.html"):
        assert "{{ " not in page.read_text(), f"{page}: an unfilled fact"
    assert set(FACTS) >= {"output_range", "slope_at", "saturates_where", "saturated"}
