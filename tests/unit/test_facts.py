import math

import pytest

from nnlit.facts import output_range, saturates_where, slope_at


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
