"""What each figure drew, held against what it claims to show.

A figure can run, render and look right while plotting the wrong thing (twice
the slope, tanh under the title sigmoid). Each check reads the data back out of
the drawn :class:`~matplotlib.figure.Figure` and compares it with an independent
formula, or with the nnlit function the page says the figure shows. Each
returns the problems it found, as sentences.
"""

import re
from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from nnlit.course import backprop_exercise, gradient_descent_exercise
from nnlit.data import simulate_admissions
from nnlit.examples import SOURCE_NETWORK_SIZES, trained_circles_network

# The activations from their textbook formulas, not from nnlit.
FORMULAS = {
    "sigmoid": (
        lambda z: 1 / (1 + np.exp(-z)),
        lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2,
    ),
    "tanh": (np.tanh, lambda z: 1 / np.cosh(z) ** 2),
    "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float)),
    "leaky_relu": (
        lambda z: np.where(z > 0, z, 0.01 * z),
        lambda z: np.where(z > 0, 1.0, 0.01),
    ),
}


def _close(name: str, drawn: np.ndarray, expected: np.ndarray) -> list[str]:
    if drawn.shape == expected.shape and np.allclose(drawn, expected, atol=1e-9):
        return []
    return [f"{name}: the curve drawn is not the one it claims to show"]


def activation(name: str) -> Callable[[Figure], list[str]]:
    """The curves of ``activation-<name>``: g(z) first, then g'(z), titled name."""

    def check(fig: Figure) -> list[str]:
        ax = fig.axes[0]
        value, slope = ax.lines[0], ax.lines[1]
        g, g_prime = FORMULAS[name]
        z = np.asarray(value.get_xdata())
        problems = [] if ax.get_title() == name else [f"titled {ax.get_title()!r}"]
        problems += _close("g(z)", np.asarray(value.get_ydata()), g(z))
        return problems + _close("g'(z)", np.asarray(slope.get_ydata()), g_prime(z))

    return check


def neuron_output(fig: Figure) -> list[str]:
    """Each labelled curve is sigma(w x + b) for the w and b in its label."""
    problems = []
    for ax in fig.axes:
        for line in ax.lines:
            w, b = map(float, re.findall(r"-?[\d.]+", line.get_label()))
            x = np.asarray(line.get_xdata())
            expected = 1 / (1 + np.exp(-(w * x + b)))
            problems += _close(line.get_label(), np.asarray(line.get_ydata()), expected)
    return problems


def descent(fig: Figure) -> list[str]:
    """Each panel: E(w) = (1 - w)^2 / 2, and steps w += eta (1 - w) from its title."""
    problems = []
    for ax in fig.axes:
        curve, path = ax.lines[0], ax.lines[1]
        w = np.asarray(curve.get_xdata())
        problems += _close("E(w)", np.asarray(curve.get_ydata()), 0.5 * (1 - w) ** 2)
        lr, steps = map(float, re.findall(r"[\d.]+", ax.get_title())[:2])
        visited = [float(np.asarray(path.get_xdata())[0])]
        for _ in range(int(steps)):
            visited.append(visited[-1] + lr * (1 - visited[-1]))
        problems += _close(
            f"eta = {lr:g}", np.asarray(path.get_xdata()), np.array(visited)
        )
        heights = 0.5 * (1 - np.asarray(visited)) ** 2
        problems += _close("the path's heights", np.asarray(path.get_ydata()), heights)
    return problems


def losses_of(run: Callable[..., dict]) -> Callable[[Figure], list[str]]:
    """The curve is the loss after every epoch of the course's exercise."""

    def check(fig: Figure) -> list[str]:
        line = fig.axes[0].lines[0]
        expected = np.asarray(run(simulate_admissions())["all_losses"])
        return _close("the loss", np.asarray(line.get_ydata()), expected)

    return check


def titled_accuracies(*expected: str) -> Callable[[Figure], list[str]]:
    """Each panel's title ends with the accuracy the page's text gives for it."""

    def check(fig: Figure) -> list[str]:
        titles = [ax.get_title() for ax in fig.axes]
        wrong = [t for t, e in zip(titles, expected, strict=True) if not t.endswith(e)]
        return [f"title {t!r} does not give the computed accuracy" for t in wrong]

    return check


def circles_accuracy(fig: Figure) -> list[str]:
    accuracy = f"{trained_circles_network()[2]:.0%}"
    return titled_accuracies(accuracy)(fig)


def units(sizes: tuple[int, ...]) -> Callable[[Figure], list[str]]:
    """A network diagram draws one circle per unit, and labels each layer."""

    def check(fig: Figure) -> list[str]:
        ax = fig.axes[0]
        circles = [p for p in ax.patches if isinstance(p, Circle)]
        labels = {t.get_text() for t in ax.texts}
        problems = []
        if len(circles) != sum(sizes):
            problems.append(f"{len(circles)} units drawn, not {sum(sizes)}")
        missing = {f"layer {l}" for l in range(len(sizes))} - labels
        return problems + [f"no label {m!r}" for m in sorted(missing)]

    return check


def neuron_diagram(fig: Figure) -> list[str]:
    """The two halves are labelled with their formulas."""
    texts = {t.get_text() for t in fig.axes[0].texts}
    needed = {"input half: $z = wx + b$", "output half: $a = g(z)$"}
    return [f"no label {n!r}" for n in sorted(needed - texts)]


CHECKS: dict[str, Callable[[Figure], list[str]]] = {
    "neuron-diagram": neuron_diagram,
    "neuron-output": neuron_output,
    "network-diagram": units((2, 4, 3, 1)),
    "xor": titled_accuracies("75%", "100%"),  # XOR: 3 of 4 for any line; all 4
    **{f"activation-{name}": activation(name) for name in FORMULAS},
    "descent": descent,
    "loss-curve": losses_of(gradient_descent_exercise),
    "backprop-diagram": units(SOURCE_NETWORK_SIZES),
    "backprop-loss-curve": losses_of(backprop_exercise),
    "circles": circles_accuracy,
}
