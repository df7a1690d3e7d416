import re

import matplotlib as mpl
import numpy as np
import pytest
from figure_checks import CHECKS
from matplotlib.figure import Figure

from nnlit import activations
from nnlit.figures import FIGURES, STYLE, render_svg
from nnlit.figures.one_neuron import neuron_curves


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_each_figure_draws_an_undated_svg_that_loads_nothing(name):
    """Byte-identical across processes too: see tests/site/test_site.py."""
    assert isinstance(FIGURES[name](), Figure)
    svg = render_svg(FIGURES[name])
    assert svg.startswith(b"<?xml")
    assert b"<dc:date>" not in svg
    # Only in-file references: #ids and data: URIs (the raster of a shaded region).
    assert not re.findall(rb'(?:href|src)="(?!#|data:)', svg), (
        "an SVG must load nothing"
    )


def test_neuron_curves_are_sigmoids_of_wx_plus_b():
    x = np.linspace(-3, 3, 7)
    curves = neuron_curves(x, [(2.0, 1.0), (-1.0, 0.0)])
    assert curves.shape == (2, 7)
    np.testing.assert_allclose(curves[0], 1 / (1 + np.exp(-(2 * x + 1))), rtol=1e-14)
    np.testing.assert_allclose(curves[1], 1 / (1 + np.exp(x)), rtol=1e-14)


def test_a_figure_names_no_font_it_does_not_embed():
    """Text is drawn as paths, so the SVG looks the same without any font installed."""
    assert b"font-family" not in render_svg(FIGURES["neuron-diagram"])


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_each_figure_draws_what_it_claims_to_show(name):
    assert set(CHECKS) == set(FIGURES), "every figure needs a check of its data"
    with mpl.rc_context(STYLE):
        assert CHECKS[name](FIGURES[name]()) == []


def test_a_figure_that_plots_twice_the_slope_is_caught(monkeypatch):
    def doubled(z):
        return 2 * activations.sigmoid_prime(z)

    record = activations.ACTIVATIONS["sigmoid"]._replace(slope=doubled)
    monkeypatch.setitem(activations.ACTIVATIONS, "sigmoid", record)
    problems = CHECKS["activation-sigmoid"](FIGURES["activation-sigmoid"]())
    assert problems == ["g'(z): the curve drawn is not the one it claims to show"]


def test_a_figure_filed_under_the_wrong_name_is_caught():
    problems = CHECKS["activation-sigmoid"](FIGURES["activation-tanh"]())
    assert "titled 'tanh'" in problems
