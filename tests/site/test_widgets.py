"""The interactive widgets of chapters 1 and 3, driven in Chromium, held to nnlit.

Each test sets a widget's real controls (fills its range inputs, picks its
choices, types into its number box, drags, presses keys) through many
settings, then compares every number the widget shows with nnlit's Python at
the precision shown, and the values behind them (``widget.nnlitState()``) to
1e-12 (float32 values: to a few float32 ulps, see test_widget_maths.py). A
disagreement names the widget and the setting. With ``NNLIT_SCREENSHOTS`` set,
each widget is saved light and dark after the drive.
"""

import os
from pathlib import Path

import numpy as np
import pytest
from browser import SCHEMES, THEME_IS, THEMES, open_page
from widgets import Widget, agrees, close, overflows

from nnlit import errata
from nnlit.activations import ACTIVATIONS
from nnlit.facts import source_fault
from nnlit.one_neuron import neuron_input, neuron_output

SCREENSHOTS = os.environ.get("NNLIT_SCREENSHOTS")
FLOAT32 = 8 * float(np.finfo(np.float32).eps)
HALF = 3  # the neuron widget's plane: [-3, 3] in both inputs


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def screenshots(page, widget: Widget, name: str) -> None:
    """Save the widget light and dark, as it stands, if screenshots are asked for."""
    if not SCREENSHOTS:
        return
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function(THEME_IS, arg=THEMES[scheme])
        widget.screenshot(Path(SCREENSHOTS) / "widgets" / f"{name}-{scheme}.png")


def shown_clean(widget: Widget, setting) -> None:
    """No NaN, no infinity and no unfilled {placeholder} on screen."""
    text = widget.text()
    for bad in ("NaN", "Infinity", "{", "}"):
        assert bad not in text, f"widget {widget.name} shows {bad!r} at {setting}"


# (w1, w2, b, g, x1, x2): the chapter's first network, the sliders' ends, both
# weights 0 (no line), a line outside the plane, a point on the line, each g.
NEURON_SETTINGS = [
    (0.1, 0.8, -0.1, "sigmoid", 0.7, -0.3),
    (1, 1, 0, "sigmoid", 1, 1),
    (5, 5, 5, "sigmoid", 3, 3),
    (-5, -5, -5, "sigmoid", 3, 3),
    (-5, 5, 0, "tanh", -3, 3),
    (2.3, -1.7, 0.4, "tanh", 0.5, -2.2),
    (0, 0, 1.5, "sigmoid", 1, 1),
    (0, 0, -2.5, "relu", -1, 2),
    (0, 0, 0, "identity", 0, 0),
    (0.1, 0.1, 5, "sigmoid", 0, 0),
    (1, -1, 0, "relu", 1.5, 1.5),
    (1, 2, -1, "relu", 2, -1.5),
    (-0.7, 0.3, 2.2, "leaky_relu", -2.9, 0.1),
    (3.3, 0, -1, "leaky_relu", -1, 0.4),
    (0, 4.1, 1.2, "identity", 2.8, -0.6),
    (-1.2, -3.4, 0.9, "identity", 1.1, -1.3),
    (0.5, 0.5, 0.5, "tanh", -0.5, -0.5),
    (4.9, -0.1, -4.9, "sigmoid", 1, -2.7),
    (-2, 1, 3, "leaky_relu", 2.5, 2.5),
    (0.3, -0.3, 0, "tanh", 3, -3),
    (1.5, 2.5, -3.5, "relu", 0.9, 0.9),
    (-4.4, 2.2, 1.1, "sigmoid", -0.3, 1.7),
    (2, 0, -5, "identity", 2.5, 0),
]


def check_neuron(widget: Widget, setting) -> int:
    """Compare what the widget shows for ``setting`` with nnlit; count the values."""
    w1, w2, b, g, x1, x2 = setting
    where = f"widget neuron at w1={w1}, w2={w2}, b={b}, g={g}, x1={x1}, x2={x2}"
    state = widget.state()
    assert [state[k] for k in ("w1", "w2", "b", "g", "x1", "x2")] == [
        w1,
        w2,
        b,
        g,
        x1,
        x2,
    ], where
    z = float(neuron_input([x1, x2], [w1, w2], b))
    a = float(neuron_output(z, g))
    assert close(state["z"], z), f"{where}: z {state['z']} != nnlit {z}"
    assert close(state["a"], a), f"{where}: a {state['a']} != nnlit {a}"
    assert agrees(widget.shown("z"), z), f"{where}: shows z {widget.shown('z')}, {z}"
    assert agrees(widget.shown("a"), a), f"{where}: shows a {widget.shown('a')}, {a}"
    assert state["side"] == np.sign(z), where
    count = 4
    line = state["line"]
    if w1 == 0 and w2 == 0:
        assert line is None, where
        assert agrees(widget.shown("b"), b), where
        return count + 1
    if line is None:  # the line misses the plane: every corner on one side
        corners = [[s, t] for s in (-HALF, HALF) for t in (-HALF, HALF)]
        signs = {np.sign(float(neuron_input(c, [w1, w2], b))) for c in corners}
        assert len(signs) == 1, f"{where}: the line crosses the plane but is not drawn"
        return count + 1
    for end, name in zip(line, ("start", "end"), strict=True):
        on_line = float(neuron_input(end, [w1, w2], b))
        assert abs(on_line) < 1e-12, f"{where}: z = {on_line} at the line's {name}"
        assert abs(max(map(abs, end)) - HALF) < 1e-12, f"{where}: {name} not on edge"
        for i, coordinate in enumerate(end):
            shown = widget.shown(f"{name}_x{i + 1}")
            assert agrees(shown, coordinate), f"{where}: {name} shows {shown}"
        count += 4
    return count


def test_the_neuron_widget_agrees_with_nnlit(context, base_url):
    page, problems = open_page(context, base_url + "01-one-neuron.html")
    widget = Widget(page, "neuron").wait()
    compared = check_neuron(widget, NEURON_SETTINGS[0])  # as the page opens
    for setting in NEURON_SETTINGS[1:]:
        for key, value in zip(("w1", "w2", "b", "g", "x1", "x2"), setting, strict=True):
            widget.set(key, value)
        compared += check_neuron(widget, setting)
        shown_clean(widget, setting)
    print(f"neuron widget: {len(NEURON_SETTINGS)} settings, {compared} values compared")
    assert compared > 100
    screenshots(page, widget, "neuron")
    assert problems == []


def test_the_neuron_widget_by_keyboard_and_by_dragging(context, base_url):
    page, problems = open_page(context, base_url + "01-one-neuron.html")
    widget = Widget(page, "neuron").wait()
    widget.control("w1").focus()
    before = widget.state()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    after = widget.state()
    assert after["w1"] == pytest.approx(before["w1"] + 0.2)
    assert close(after["z"], float(neuron_input([0.7, -0.3], [after["w1"], 0.8], -0.1)))
    page.keyboard.press("Tab")  # on to w2, a real focus stop with a visible ring
    assert page.evaluate("() => document.activeElement.dataset.control") == "w2"
    ring = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert ring != "none"
    widget.set("g", "tanh")
    plane = widget.root.locator("svg")
    box = plane.bounding_box()
    # The plane spans x1 from -3 to 3 across its square part: aim at (1.5, -1.5).
    side = box["height"] * 300 / 324
    left = box["x"] + box["width"] - side
    page.mouse.move(left + side * 0.75, box["y"] + side * 0.75)
    page.mouse.down()
    page.mouse.move(left + side * 0.75 + 1, box["y"] + side * 0.75)
    page.mouse.up()
    state = widget.state()
    assert abs(state["x1"] - 1.5) <= 0.1, state
    assert abs(state["x2"] + 1.5) <= 0.1, state
    assert widget.control("x1").input_value() == str(state["x1"]).removesuffix(".0")
    check_neuron(
        widget,
        (state["w1"], 0.8, -0.1, "tanh", state["x1"], state["x2"]),
    )
    assert problems == []


# (g, z, how): "slider" fills the range, "box" types into the number box.
ACTIVATION_SETTINGS = [
    ("sigmoid", -2, "slider"),
    ("sigmoid", 0, "slider"),
    ("sigmoid", 3.7, "slider"),
    ("sigmoid", -88.5, "slider"),
    ("sigmoid", -89, "slider"),
    ("sigmoid", -709.7, "box"),
    ("sigmoid", -710, "slider"),
    ("sigmoid", -800, "slider"),
    ("sigmoid", 16.5, "box"),
    ("sigmoid", 17, "slider"),
    ("sigmoid", 36.9, "slider"),
    ("sigmoid", 40, "slider"),
    ("sigmoid", 745.2, "box"),
    ("sigmoid", 800, "slider"),
    ("tanh", -1, "slider"),
    ("tanh", 0.25, "box"),
    ("tanh", 20, "slider"),
    ("tanh", 89, "slider"),
    ("tanh", -710, "slider"),
    ("tanh", 373.1, "box"),
    ("relu", -3, "slider"),
    ("relu", 0, "slider"),
    ("relu", 799.9, "slider"),
    ("leaky_relu", -800, "slider"),
    ("leaky_relu", 2.5, "box"),
    ("leaky_relu", 0, "slider"),
]

SOURCE = {
    "sigmoid": (errata.sigmoid_as_in_the_source, errata.sigmoid_prime_as_in_the_source),
    "tanh": (
        errata.tanh_as_in_the_source,
        lambda x: 1 - errata.tanh_as_in_the_source(x) ** 2,
    ),
}


def nnlit_cells(g: str, z: float, dtype: str) -> dict:
    """What the widget's table must hold for one float format, from nnlit."""
    x = np.asarray(z, dtype=dtype)
    act = ACTIVATIONS[g]
    ours = {"value": float(act.value(x)), "slope": float(act.slope(x))}
    if g not in SOURCE:
        return {"source": {**ours, "overflow": False, "nan": False}, "nnlit": ours}
    with np.errstate(all="ignore"):
        value, slope = (float(f(x)) for f in SOURCE[g])
    source = {
        "value": value,
        "slope": slope,
        "overflow": overflows(SOURCE[g][0], x),
        "nan": bool(np.isnan(value) or np.isnan(slope)),
    }
    return {"source": source, "nnlit": ours}


def first_whole(fails) -> int:
    return next(x for x in range(1, 100_000) if fails(x))


def first_at(dtype: str, fails) -> int:
    """The first whole number x at which ``fails(x as dtype)``."""
    return first_whole(lambda x: fails(np.asarray(x, dtype=dtype)))


def nnlit_faults(g: str) -> dict:
    """The whole-number thresholds the widget quotes for ``g``, from nnlit."""
    act = ACTIVATIONS[g]
    found = {}
    for dtype, bits in (("float64", "64"), ("float32", "32")):
        if g == "sigmoid":
            found["overflow" + bits] = int(source_fault("sigmoid_overflows", dtype))
            found["zero" + bits] = int(source_fault("slope_is_zero", dtype))
            found["under" + bits] = first_at(dtype, lambda x: act.slope(x) == 0)
            found["one" + bits] = first_at(dtype, lambda x: act.value(x) == 1)
        if g == "tanh":
            found["nan" + bits] = int(source_fault("tanh_is_nan", dtype))
            found["under" + bits] = first_at(dtype, lambda x: act.slope(x) == 0)
    return found


def check_activation(widget: Widget, setting) -> int:
    """Compare what the widget shows for ``setting`` with nnlit; count the values."""
    g, z, how = setting
    where = f"widget activations at g={g}, z={z} ({how})"
    state = widget.state()
    assert (state["g"], state["z"]) == (g, z), where
    act = ACTIVATIONS[g]
    value, slope = float(act.value(z)), float(act.slope(z))
    assert close(state["value"], value), f"{where}: g(z) {state['value']} != {value}"
    assert close(state["slope"], slope), f"{where}: g'(z) {state['slope']} != {slope}"
    assert agrees(widget.shown("value"), value), (
        f"{where}: shows {widget.shown('value')}"
    )
    assert agrees(widget.shown("slope"), slope), (
        f"{where}: shows {widget.shown('slope')}"
    )
    count = 4
    for dtype in ("float64", "float32"):
        expected = nnlit_cells(g, z, dtype)
        tolerance = 1e-12 if dtype == "float64" else FLOAT32
        for who in ("source", "nnlit"):
            for part in ("value", "slope"):
                ours, theirs = state["cells"][dtype][who][part], expected[who][part]
                what = f"{where}: {who} {part} in {dtype}"
                assert close(ours, theirs, tolerance), f"{what}: {ours} != {theirs}"
                key = f"{who}-{part}-{dtype}"
                if np.isnan(theirs):
                    assert not widget.has_shown(key), f"{what}: NaN shown as a number"
                else:
                    shown = widget.shown(key)
                    assert agrees(shown, theirs) or close(
                        float(shown.replace("\u2212", "-")), theirs, 5e-6
                    ), f"{what}: shows {shown}, nnlit {theirs}"
                count += 2
        for flag in ("overflow", "nan"):
            assert state["cells"][dtype]["source"][flag] == expected["source"][flag], (
                f"{where}: {flag} in {dtype}"
            )
            count += 1
    faults = nnlit_faults(g)
    assert state["faults"] == faults, f"{where}: thresholds {state['faults']}"
    for key, value in faults.items():
        if widget.has_shown(key):
            assert widget.shown(key) == str(value), f"{where}: {key}"
    return count + len(faults)


def test_the_activations_widget_agrees_with_nnlit_and_the_facts(context, base_url):
    page, problems = open_page(context, base_url + "03-activations.html")
    widget = Widget(page, "activations").wait()
    compared = check_activation(widget, ACTIVATION_SETTINGS[0])
    for setting in ACTIVATION_SETTINGS[1:]:
        g, z, how = setting
        widget.set("g", g)
        widget.set("z" if how == "slider" else "z-box", z)
        compared += check_activation(widget, setting)
        shown_clean(widget, setting)
    print(
        f"activations widget: {len(ACTIVATION_SETTINGS)} settings,"
        f" {compared} values compared"
    )
    assert compared > 400
    screenshots(page, widget, "activations")
    assert problems == []


def test_the_activations_widget_says_what_is_wrong_in_words(context, base_url):
    page, problems = open_page(context, base_url + "03-activations.html")
    widget = Widget(page, "activations").wait()
    widget.set("g", "tanh")
    widget.set("z", 800)
    text = widget.text()
    assert widget.state()["cells"]["float64"]["source"]["nan"]
    assert "undefined" in text
    assert "NaN" not in text
    shown_clean(widget, ("tanh", 800))
    widget.set("g", "sigmoid")
    widget.set("z", 20)
    assert "exactly 0" in widget.text()  # the source's slope is lost in float32
    box = widget.control("z-box")
    for typed in ("1e9", "-900", "1e400", "", "abc"):
        if typed == "abc":  # letters: a number box takes none of them
            box.fill("")
            box.press_sequentially(typed)
        else:
            box.fill(typed)
        assert widget.state()["z"] == 20, typed
        warning = widget.root.locator(".nnlit-widget__warning[role=status]")
        assert warning.is_visible(), typed
        assert "800" in warning.inner_text(), typed
    # Dragging across the plot sets z: three quarters across is z = 4.
    plot = widget.root.locator("svg").bounding_box()
    y = plot["y"] + plot["height"] / 3
    page.mouse.move(plot["x"] + plot["width"] * 0.5, y)
    page.mouse.down()
    page.mouse.move(
        plot["x"] + 8 / 320 * plot["width"] + plot["width"] * 0.95 * 0.75, y
    )
    page.mouse.up()
    z = widget.state()["z"]
    assert abs(z - 4) <= 0.2, z
    check_activation(widget, ("sigmoid", z, "drag"))
    assert problems == []


def test_without_javascript_every_widget_hides_and_the_figures_stay(
    browser, site, base_url
):
    """Every page that places a widget, in every edition: the static figures stay."""
    names = [
        path.relative_to(site).as_posix()
        for path in sorted(site.rglob("*.html"))
        if 'class="nnlit-widget"' in path.read_text(encoding="utf-8")
    ]
    assert len(names) >= 8, names  # four widgets, in two editions
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for name in names:
        page.goto(base_url + name)
        assert page.locator(".nnlit-widget").count() == 1, name
        assert not page.locator(".nnlit-widget").is_visible(), name
        figures = page.locator("article figure img")
        assert figures.count() >= 1, name
        assert all(figures.nth(i).is_visible() for i in range(figures.count())), name
    context.close()


@pytest.mark.parametrize(
    ("name", "page_name"),
    [("neuron", "01-one-neuron.html"), ("activations", "03-activations.html")],
)
def test_each_widget_works_from_disk_and_on_a_phone(browser, site, name, page_name):
    """Opened as a file (file://) at 390 px: the widget is built and fits."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page, problems = open_page(context, (site / page_name).as_uri())
    widget = Widget(page, name).wait()
    widget.set(
        widget.root.locator("input[type=range]").first.get_attribute("data-control"), 1
    )
    box = widget.root.bounding_box()
    assert box["x"] >= 0, box
    assert box["x"] + box["width"] <= 390, box
    wide = widget.root.evaluate(
        "(w) => [...w.querySelectorAll('*')].filter((e) =>"
        " e.getBoundingClientRect().right > innerWidth + 1).length"
    )
    assert wide == 0
    if SCREENSHOTS:
        widget.screenshot(Path(SCREENSHOTS) / "widgets" / f"{name}-390px.png")
    context.close()
    assert problems == []


def test_pages_without_widgets_load_no_widget_script(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        has = 'class="nnlit-widget"' in html
        assert ("javascripts/widgets/" in html) == has, path.name
