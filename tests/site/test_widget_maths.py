"""The widgets' shared maths (``nnmath.js``), in Node, held to nnlit's Python.

No browser and no build: the pinned Node runs the JavaScript unit tests in
``tests/js/`` and evaluates nnmath on grids of inputs, whose values must equal
nnlit's to 1e-12 in float64. In float32 nnmath rounds every operation as
float32 does, but takes ``exp`` and ``tanh`` in float64 and rounds once, where
NumPy has float32 versions of its own: those values agree to a few float32
ulps (:data:`FLOAT32`), and every whole-number threshold agrees exactly.
"""

import gzip

import numpy as np
import pytest
from widgets import NNMATH, close, nnmath, node_tests, overflows

from nnlit import errata
from nnlit.activations import ACTIVATIONS
from nnlit.facts import source_fault
from nnlit.one_neuron import neuron_input, neuron_output

FLOAT32 = 8 * float(np.finfo(np.float32).eps)  # a few ulps of float32, relative
GRID = np.concatenate(
    [np.linspace(-120, 120, 481), np.linspace(-6, 6, 241), [-800, 800]]
)


def js_list(values) -> str:
    return "[" + ",".join(repr(float(v)) for v in values) + "]"


def test_the_javascript_unit_tests_pass():
    result = node_tests()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout or "fail 0" in result.stdout


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_every_activation_and_slope_equals_nnlit(dtype: str):
    z = GRID.astype(dtype)
    names = list(ACTIVATIONS)
    expressions = [
        f"{js_list(z)}.map((z) => nnmath.activation('{name}', '{dtype}').{part}(z))"
        for name in names
        for part in ("value", "slope")
    ]
    results = iter(nnmath(expressions))
    tolerance = 1e-12 if dtype == "float64" else FLOAT32
    for name in names:
        for part in ("value", "slope"):
            ours = np.array(next(results))
            theirs = getattr(ACTIVATIONS[name], part)(z).astype(float)
            bad = [
                (float(zi), o, t)
                for zi, o, t in zip(z, ours, theirs, strict=True)
                if not close(o, t, tolerance)
            ]
            assert bad == [], (
                f"nnmath {name} {part} ({dtype}) differs at z, js, nnlit: {bad[:3]}"
            )


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("kind", ["sigmoid_overflows", "tanh_is_nan", "slope_is_zero"])
def test_where_the_source_fails_equals_the_facts_chapter_3_quotes(kind, dtype):
    (first,) = nnmath([f"nnmath.firstFault('{kind}', '{dtype}')"])
    assert str(first) == source_fault(kind, dtype), f"{kind} in {dtype}"


def first_whole(fails) -> int:
    return next(x for x in range(1, 100_000) if fails(x))


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_where_nnlit_saturates_and_underflows_equals_nnlit(dtype: str):
    """The thresholds the widget adds: value exactly 1, slope exactly 0."""
    at = {
        "sigmoid_slope_underflows": lambda x: ACTIVATIONS["sigmoid"].slope(x) == 0,
        "tanh_slope_underflows": lambda x: ACTIVATIONS["tanh"].slope(x) == 0,
        "sigmoid_is_one": lambda x: ACTIVATIONS["sigmoid"].value(x) == 1,
    }
    ours = nnmath([f"nnmath.firstFault('{kind}', '{dtype}')" for kind in at])
    for (kind, fails), first in zip(at.items(), ours, strict=True):
        expected = first_whole(lambda x, f=fails: f(np.asarray(x, dtype=dtype)))
        assert first == expected, f"{kind} in {dtype}"


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_the_source_formulas_equal_nnlit_errata(name: str, dtype: str):
    """Value, slope, overflow warning and NaN, as nnlit.errata computes them."""
    source = {
        "sigmoid": (
            errata.sigmoid_as_in_the_source,
            errata.sigmoid_prime_as_in_the_source,
        ),
        "tanh": (
            errata.tanh_as_in_the_source,
            lambda x: 1 - errata.tanh_as_in_the_source(x) ** 2,
        ),
    }[name]
    z = GRID.astype(dtype)
    results = nnmath(
        [f"{js_list(z)}.map((z) => nnmath.sourceActivation('{name}', z, '{dtype}'))"]
    )[0]
    tolerance = 1e-12 if dtype == "float64" else FLOAT32
    for zi, ours in zip(z, results, strict=True):
        with np.errstate(all="ignore"):
            value, slope = (float(f(zi)) for f in source)
        assert close(ours["value"], value, tolerance), (name, dtype, float(zi))
        assert close(ours["slope"], slope, tolerance), (name, dtype, float(zi))
        assert ours["nan"] == (np.isnan(value) or np.isnan(slope)), (name, dtype, zi)
        assert ours["overflow"] == overflows(source[0], zi), (name, dtype, zi)


def test_the_neuron_and_its_line_equal_nnlit():
    rng = np.random.default_rng(18)
    cases = [
        (rng.uniform(-3, 3, 2), rng.uniform(-5, 5, 2), rng.uniform(-5, 5), g)
        for g in ACTIVATIONS
        for _ in range(20)
    ]
    expressions = [
        f"[nnmath.neuronInput({js_list(x)}, {js_list(w)}, {b!r}),"
        f" nnmath.neuron({js_list(x)}, {js_list(w)}, {b!r}, '{g}'),"
        f" nnmath.decisionLine({float(w[0])!r}, {float(w[1])!r}, {b!r}, 3)]"
        for x, w, b, g in cases
    ]
    for (x, w, b, g), (z, a, line) in zip(cases, nnmath(expressions), strict=True):
        assert close(z, float(neuron_input(x, w, b))), (x, w, b)
        assert close(a, float(neuron_output(neuron_input(x, w, b), g))), (x, w, b, g)
        for end in line or []:
            assert abs(float(neuron_input(end, w, b))) < 1e-12, (w, b, end)


BUDGET = 15 * 1024  # issue 18: at most 15 KB gzipped per widget, plus the shared part
SHARED = ("nnmath.js", "ui.js")


def test_each_widget_and_the_shared_part_stay_light():
    """Gzipped as a static host sends them: each widget, and nnmath + ui together."""
    folder = NNMATH.parent
    size = {p.name: len(gzip.compress(p.read_bytes())) for p in folder.glob("*.js")}
    print("gzipped bytes:", dict(sorted(size.items())))
    assert sum(size[name] for name in SHARED) <= BUDGET
    widgets = {name: n for name, n in size.items() if name not in SHARED}
    assert {"neuron.js", "activations.js"} <= set(widgets)
    assert {name: n for name, n in widgets.items() if n > BUDGET} == {}
