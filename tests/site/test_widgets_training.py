"""Widgets 3 and 4 in a real browser, driven with their own controls, held to nnlit.

Chapter 5's gradient descent (``descent``) and chapter 6's backpropagation step
(``backprop``) on the built site, over http and from ``file://``. Every number
a widget shows is compared with nnlit's Python for the same inputs
(``training_reference``) to the digits it shows, and the values behind the
display (``widget.nnlitState()``) to 1e-12; a failure names the widget and the
input. With ``NNLIT_SCREENSHOTS`` set, each widget is saved light and dark
after it was used.
"""

import os
from pathlib import Path

import pytest
from browser import THEME_IS, THEMES, open_page
from training_reference import (
    backprop_values,
    descent_curvature,
    descent_end,
    descent_run,
)
from widgets import Widget, agrees, close

SCREENSHOTS = os.environ.get("NNLIT_SCREENSHOTS")
CHAPTER_5 = "05-gradient-descent.html"
CHAPTER_6 = "06-backpropagation.html"

# (learning rate, Step presses): each side of 1/lam_max (0.489) and of
# 2/lam_max (0.979), and the slider's ends. Each rate is also Run to its end.
STEPPED = [
    (0.02, 3),
    (0.1, 1),
    (0.4, 5),
    (0.48, 2),
    (0.5, 4),
    (0.9, 12),
    (0.97, 7),
    (0.98, 3),
    (1.05, 12),
    (1.2, 6),
    (1.5, 12),
]
RUN = [lr for lr, _ in STEPPED]

# The values each press of Forward, then of Backward, reveals, in order.
FORWARD = [["h1", "a1"], ["h2", "a2"], ["ho", "yhat"]]
BACKWARD = [
    ["error", "deltaO"],
    ["dw2_1", "dw2_2"],
    ["deltaH1"],
    ["deltaH2"],
    [f"dW1_1_{i}" for i in range(1, 7)],
    [f"dW1_2_{i}" for i in range(1, 7)],
]
INPUTS = [f"x{i}" for i in range(1, 7)]


@pytest.fixture(params=["http", "file"])
def url(request, site, base_url):
    """The site's address over http, or on disk."""
    return base_url if request.param == "http" else site.as_uri() + "/"


@pytest.fixture
def still(browser):
    """A reader who asked for reduced motion: Run jumps to its end."""
    context = browser.new_context(
        viewport={"width": 1100, "height": 900}, reduced_motion="reduce"
    )
    yield context
    context.close()


@pytest.fixture
def moving(browser):
    """A reader who did not: Run animates."""
    context = browser.new_context(
        viewport={"width": 1100, "height": 900}, reduced_motion="no-preference"
    )
    yield context
    context.close()


def load(context, url: str, name: str) -> tuple[Widget, list[str]]:
    page, problems = open_page(context, url)
    return Widget(page, name).wait(), problems


def regime(lr: float) -> str:
    """Where chapter 5's thresholds put ``lr``."""
    c = descent_curvature()
    return (
        "smooth" if lr < c["half"] else "zigzag" if lr < c["threshold"] else "diverge"
    )


def check_descent(widget: Widget, lr: float, steps: int, end: dict | None) -> int:
    """Compare what the widget shows with nnlit; return how many values."""
    what = f"descent, lr {lr}, " + (f"{steps} steps" if end is None else "Run")
    expected = descent_run(lr, steps)
    c = descent_curvature()
    state = widget.state()
    assert state["lr"] == lr, f"{what}: the slider gives {state['lr']}"
    assert state["steps"] == steps, f"{what}: {state['steps']} steps taken"
    assert widget.shown("steps") == str(steps), f"{what}: steps shown"
    shown = {
        "w1": expected["w"][0],
        "w2": expected["w"][1],
        "loss": expected["loss"],
    }
    wanted = regime(lr)
    assert state["regime"] == wanted, f"{what}: regime {state['regime']}"
    if wanted != "smooth":
        shown["threshold"] = c["threshold"]
    if wanted != "diverge":
        shown["half"] = c["half"]
    for key, value in shown.items():
        text = widget.shown(key)
        assert agrees(text, value), f"{what}: {key} shown {text}, nnlit {value}"
    exact = {
        "w1": (state["w"][0], expected["w"][0]),
        "w2": (state["w"][1], expected["w"][1]),
        "loss": (state["loss"], expected["loss"]),
        **{key: (state[key], c[name]) for key, name in KEYS.items()},
    }
    for key, (ours, nnlits) in exact.items():
        assert close(ours, nnlits), f"{what}: {key} is {ours}, nnlit {nnlits}"
    if end is not None:
        assert state["end"] == end["end"], f"{what}: ended {state['end']}, nnlit {end}"
        at = end.get("diverged_at", end["steps"])
        assert state["at"] == at, f"{what}: ended at {state['at']}, nnlit {at}"
        assert widget.shown("at") == str(at), f"{what}: step of the end shown"
    text = widget.text()
    for bad in ("NaN", "Infinity", "undefined", "{"):
        assert bad not in text, f"{what}: the widget shows {bad!r}: {text}"
    return len(shown) + len(exact) + 1 + (end is not None)


KEYS = {
    "lamMin": "lam_min",
    "lamMax": "lam_max",
    "half": "half",
    "threshold": "threshold",
}


def test_descent_steps_where_nnlit_steps(still, url):
    widget, problems = load(still, url + CHAPTER_5, "descent")
    compared = 0
    for lr, presses in STEPPED:
        widget.set("lr", lr)
        for _ in range(presses):
            widget.press("step")
        compared += check_descent(widget, lr, presses, None)
        widget.press("reset")
        compared += check_descent(widget, lr, 0, None)
    assert problems == []
    print(f"descent, Step: {compared} values compared")


def test_descent_runs_end_where_nnlit_ends(still, url):
    widget, problems = load(still, url + CHAPTER_5, "descent")
    compared = 0
    for lr in RUN:
        widget.set("lr", lr)
        widget.press("run")
        end = descent_end(lr)
        compared += check_descent(widget, lr, end["steps"], end)
        expected = end["end"]
        # The regimes sit where chapter 5's threshold puts them.
        assert (expected == "diverged") <= (regime(lr) == "diverge"), lr
        if regime(lr) != "diverge":
            assert expected != "diverged", f"descent, lr {lr}: diverged below 2/lam_max"
    assert problems == []
    print(f"descent, Run: {compared} values compared")


def test_descent_says_in_words_that_the_loss_became_infinite(still, url):
    widget, _ = load(still, url + CHAPTER_5, "descent")
    widget.set("lr", 1.5)
    widget.press("run")
    end = descent_end(1.5)
    message = widget.root.locator(".nnlit-widget__warning").inner_text()
    assert str(end["diverged_at"]) in message, message
    assert "infinite" in message, message  # the page's English words
    assert widget.control("step").is_disabled()
    assert widget.control("run").is_disabled()


def test_descent_run_animates_to_the_same_end(moving, base_url):
    widget, problems = load(moving, base_url + CHAPTER_5, "descent")
    widget.set("lr", 0.9)
    widget.press("run")
    assert widget.state()["running"] or widget.state()["end"]
    widget.page.wait_for_function(
        "(w) => !w.nnlitState().running",
        arg=widget.root.element_handle(),
        timeout=20_000,
    )
    check_descent(widget, 0.9, descent_end(0.9)["steps"], descent_end(0.9))
    assert problems == []


def test_descent_works_from_the_keyboard(still, base_url):
    widget, _ = load(still, base_url + CHAPTER_5, "descent")
    slider = widget.control("lr")
    slider.focus()
    start = widget.state()["lr"]
    slider.press("ArrowRight")
    assert widget.state()["lr"] == pytest.approx(start + 0.01)
    widget.control("step").focus()
    widget.page.keyboard.press("Enter")
    widget.page.keyboard.press("Space")
    assert widget.state()["steps"] == 2
    outline = widget.control("step").evaluate("(e) => getComputedStyle(e).outlineStyle")
    assert outline != "none", "the focused Step button shows no focus ring"


def check_backprop(widget: Widget, forward: int, backward: int, how: str) -> int:
    """Compare every number shown, and the state, with nnlit; return the count."""
    what = f"backprop, {forward} Forward and {backward} Backward presses ({how})"
    values = backprop_values()
    state = widget.state()
    assert (state["forward"], state["backward"]) == (forward, backward), what
    revealed = [k for step in FORWARD[:forward] + BACKWARD[:backward] for k in step]
    assert sorted(state["values"]) == sorted(revealed + INPUTS), what
    compared = 0
    for key, value in state["values"].items():
        assert close(value, values[key]), (
            f"{what}: {key} is {value}, nnlit {values[key]}"
        )
        compared += 1
    shown = widget.root.locator("[data-shown]")
    seen = set()
    for k in range(shown.count()):
        element = shown.nth(k)
        key = element.get_attribute("data-shown").removeprefix("node-")
        text = element.text_content()
        if not text:
            assert key not in revealed + INPUTS, f"{what}: {key} not shown"
            continue
        assert key in revealed + INPUTS, f"{what}: {key} shown before its step"
        assert agrees(text, values[key]), (
            f"{what}: {key} shown {text}, nnlit {values[key]}"
        )
        seen.add(key)
        compared += 1
    assert seen == set(revealed + INPUTS), f"{what}: shown {sorted(seen)}"
    return compared


def test_backprop_reveals_nnlits_numbers_in_order(still, url):
    widget, problems = load(still, url + CHAPTER_6, "backprop")
    compared = check_backprop(widget, 0, 0, "at first")
    for how in ("clicked", "keyboard"):
        for phase, count in (("forward", len(FORWARD)), ("backward", len(BACKWARD))):
            for k in range(1, count + 1):
                if how == "clicked":
                    widget.press(phase)
                else:
                    widget.control(phase).focus()
                    widget.page.keyboard.press("Enter")
                done = (k, 0) if phase == "forward" else (len(FORWARD), k)
                compared += check_backprop(widget, *done, how)
        assert widget.control("forward").is_disabled()
        assert widget.control("backward").is_disabled()
        widget.press("reset")
        compared += check_backprop(widget, 0, 0, "after Reset")
    assert problems == []
    print(f"backprop: {compared} values compared")


def test_backward_waits_for_the_forward_pass(still, base_url):
    widget, _ = load(still, base_url + CHAPTER_6, "backprop")
    assert widget.control("backward").is_disabled()
    widget.press("forward")
    assert widget.control("backward").is_disabled()
    announce = widget.root.locator("[aria-live]")
    assert "h₁" in announce.text_content()  # the step just revealed, for screen readers


@pytest.mark.parametrize(
    ("chapter", "name"), [(CHAPTER_5, "descent"), (CHAPTER_6, "backprop")]
)
def test_widget_fits_a_phone(browser, base_url, chapter, name):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    widget, problems = load(context, base_url + chapter, name)
    overflow = widget.root.evaluate("(e) => e.scrollWidth - e.clientWidth")
    assert overflow <= 0, f"{name}: {overflow} px wider than its box at 390 px"
    page_overflow = widget.page.evaluate(
        "() => document.documentElement.scrollWidth - innerWidth"
    )
    assert page_overflow <= 0, f"{name}: the page scrolls sideways at 390 px"
    assert problems == []
    context.close()


def shot(widget: Widget, name: str) -> None:
    """Save the widget as it stands, if screenshots are asked for."""
    if SCREENSHOTS:
        widget.screenshot(Path(SCREENSHOTS) / "widgets" / f"{name}.png")


def clean(widget: Widget, setting: str) -> None:
    """No NaN, no infinity and no unfilled {placeholder} on screen."""
    text = widget.text()
    for bad in ("NaN", "Infinity", "{", "}"):
        assert bad not in text, f"widget {widget.name} shows {bad!r} after {setting}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_after_use_in_either_scheme_every_shown_value_is_defined(
    still, base_url, scheme
):
    widget, problems = load(still, base_url + CHAPTER_5, "descent")
    widget.page.emulate_media(color_scheme=scheme)
    widget.page.wait_for_function(THEME_IS, arg=THEMES[scheme])
    widget.set("lr", 0.9)
    for _ in range(8):
        widget.press("step")
    clean(widget, "8 steps at 0.9")
    shot(widget, f"descent-{scheme}")
    widget.set("lr", 1.5)
    widget.press("run")
    clean(widget, "a run at 1.5, which diverges")
    shot(widget, f"descent-diverged-{scheme}")
    widget, more = load(still, base_url + CHAPTER_6, "backprop")
    widget.page.emulate_media(color_scheme=scheme)
    widget.page.wait_for_function(THEME_IS, arg=THEMES[scheme])
    for _ in FORWARD:
        widget.press("forward")
    for _ in BACKWARD[:5]:
        widget.press("backward")
    clean(widget, "a forward pass and five backward steps")
    shot(widget, f"backprop-{scheme}")
    assert problems + more == []
