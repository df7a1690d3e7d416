import math
import runpy
import sys

import pytest
from project import ROOT

from nnlit import course
from nnlit.examples import circles as circles_data
from nnlit.examples import trained_circles_network
from nnlit.facts import (
    circles,
    digit_task,
    digits,
    epochs,
    logit,
    output_range,
    saturates_where,
    slope_at,
    source_fault,
    speed_network,
    xor,
)


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


LARGEST = {"float64": sys.float_info.max, "float32": (2 - 2**-23) * 2.0**127}
MANTISSA_BITS = {"float64": 53, "float32": 24}


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_the_sources_faults_start_where_the_float_formats_say(dtype):
    """Run as the source writes them, its formulas fail where floats run out.

    exp(x) overflows once x > ln(largest float), 709.78 or 88.72; 1 + e^{-z}
    rounds to 1 once e^{-z} < 2^-p (p mantissa bits), that is z > p ln 2.
    """
    overflow = str(math.ceil(math.log(LARGEST[dtype])))
    assert source_fault("sigmoid_overflows", dtype) == overflow
    assert source_fault("tanh_is_nan", dtype) == overflow
    rounds = str(math.ceil(MANTISSA_BITS[dtype] * math.log(2)))
    assert source_fault("slope_is_zero", dtype) == rounds


def test_the_logit_coefficients_are_the_published_fit():
    """The UCLA logit of admit on gre, gpa and rank, as the data's docstring cites."""
    published = {"intercept": "-3.99", "gre": "0.00226", "gpa": "0.804"}
    published |= {"rank_2": "-0.675", "rank_3": "-1.34", "rank_4": "-1.55"}
    assert {term: logit(term) for term in published} == published


def test_the_two_rings_facts_describe_the_network_that_trained():
    params, g, _ = trained_circles_network()
    sizes = [params["W1"].shape[1]] + [params[f"W{l}"].shape[0] for l in (1, 2, 3)]
    assert circles("sizes") == "-".join(map(str, sizes))
    assert circles("hidden_layers") == str(len(g) - 1)
    assert circles("hidden_width") == str(max(sizes[1:-1]))
    assert circles("test_points") == str(circles_data(seed=1)[0].shape[1])


def test_the_loss_figures_epochs_are_the_course_settings():
    assert epochs("gradient_descent") == str(course.GRADIENT_DESCENT.epochs)
    assert epochs("backprop") == str(course.BACKPROP.epochs)


def test_the_speed_network_facts_are_the_settings_the_bench_runs():
    """Loaded as the bench's own module: what it times is what chapter 7 quotes."""
    bench = runpy.run_path(str(ROOT / "bench" / "train_speed.py"))
    sizes, m = bench["MLP_SIZES"], bench["MLP_M"]
    assert sizes[1] == sizes[2], "chapter 7 counts a square layer"
    assert speed_network("square_layer") == str(sizes[2])
    assert speed_network("examples").replace(",", "") == str(m)


@pytest.mark.parametrize(("dtype", "bits"), [("float32", 24), ("float64", 53)])
def test_digits_are_the_significand_bits_in_decimal(dtype, bits):
    """IEEE 754 single and double keep 24 and 53 significant bits."""
    assert digits(dtype) == str(round(bits * math.log10(2)))


def test_the_xor_facts_are_what_the_figure_titles_say():
    """The best line gets three of XOR's four points; the hand-set network all four."""
    assert (xor("line_accuracy"), xor("network_accuracy")) == ("75%", "100%")


def test_the_digit_figure_facts_add_up_to_the_test_set():
    """The confusion matrix's counts, right and wrong, are every test record once."""
    right = [int(n) for n in digit_task("right_per_digit").split(", ")]
    mixed = digit_task("confusions").split(", ")
    wrong = digit_task("wrong").split(", ")
    counts = [int(pair.split("(")[1].rstrip(")")) for pair in mixed]
    assert len(right) == 10
    assert sum(counts) == len(wrong) == int(digit_task("test_errors"))
    assert sum(right) + sum(counts) == int(digit_task("test_records"))
    assert sorted(pair.split(" (")[0] for pair in mixed) == sorted(set(wrong))
    assert len(digit_task("sample_labels").split(", ")) == 20
