import importlib.util
import re

import matplotlib as mpl
import numpy as np
import pytest
from figure_checks import CHECKS, figure_problems
from matplotlib.figure import Figure
from project import FIXTURES

import nnlit.figures
from nnlit.figures import FIGURES, STYLE, render_svg
from nnlit.figures.one_neuron import neuron_curves


def load_faults() -> list:
    """The wrong figures of tests/fixtures/wrong_figures.py."""
    spec = importlib.util.spec_from_file_location(
        "wrong_figures", FIXTURES / "wrong_figures.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FAULTS


FAULTS = load_faults()


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


def test_every_figure_has_a_check_of_its_data():
    assert sorted(FIGURES) == sorted(CHECKS)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_each_figure_draws_what_it_claims_to_show(name):
    with mpl.rc_context(STYLE):
        assert figure_problems(name, FIGURES[name]()) == []


def test_a_figure_added_without_a_check_fails_naming_it(monkeypatch):
    monkeypatch.setitem(FIGURES, "new-figure", FIGURES["descent"])
    assert figure_problems("new-figure", FIGURES["new-figure"]()) == [
        "figure 'new-figure': no check of its data in figure_checks.CHECKS"
    ]


def test_every_figure_has_a_wrong_version_its_check_catches():
    assert {fault.figure for fault in FAULTS} == set(FIGURES)


@pytest.mark.parametrize(
    "fault", FAULTS, ids=lambda fault: f"{fault.figure}: {fault.name}"
)
def test_each_check_fails_on_a_wrong_figure_naming_it(fault, monkeypatch):
    """The fault's own problem is reported, and every problem names the figure."""
    fault.patch(monkeypatch)
    with mpl.rc_context(STYLE):
        problems = figure_problems(fault.figure, nnlit.figures.FIGURES[fault.figure]())
    assert problems, f"{fault.name}: the check of {fault.figure!r} did not fail"
    assert all(p.startswith(f"figure {fault.figure!r}: ") for p in problems), problems
    assert any(fault.reported in p for p in problems), problems


def test_a_figure_that_plots_twice_the_slope_fails_naming_it(monkeypatch):
    """Issue 13's fault, as tests/fixtures/wrong_figures.py injects it."""
    fault = next(f for f in FAULTS if f.name == "twice the slope")
    fault.patch(monkeypatch)
    problems = figure_problems(fault.figure, FIGURES[fault.figure]())
    assert problems == [
        f"figure {fault.figure!r}: g'(z): the curve drawn is not the one it claims"
        " to show"
    ]


def test_the_sigmoid_figure_filed_under_tanh_fails_naming_it(monkeypatch):
    """Issue 13's fault: FIGURES maps the sigmoid figure to tanh's drawing."""
    fault = next(f for f in FAULTS if f.name == "tanh filed as sigmoid")
    fault.patch(monkeypatch)
    problems = figure_problems("activation-sigmoid", FIGURES["activation-sigmoid"]())
    assert "figure 'activation-sigmoid': titled 'tanh'" in problems, problems
