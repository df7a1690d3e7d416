"""Every figure on the site, drawn from nnlit's own code.

Each public figure function returns a :class:`matplotlib.figure.Figure` and never
shows it. Where a figure plots numbers, one function computes them and another
draws them, so the numbers can be tested on their own. :data:`FIGURES` maps the
file name a chapter links to (``figures/<name>.svg``) to the function that draws
it; the site build renders each one with :func:`render_svg`.
"""

# --8<-- [start:imports]
import io
from collections.abc import Callable, Sequence
from functools import partial

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, Wedge

from nnlit.activations import ACTIVATIONS
from nnlit.backprop import course_exercise as backprop_exercise
from nnlit.data import prepare, simulate_admissions
from nnlit.examples import (
    SOURCE_NETWORK_SIZES,
    best_linear_split,
    circles,
    trained_circles_network,
    xor_network,
    xor_points,
)
from nnlit.gradient_descent import course_weights, share_correct, train
from nnlit.layers import forward
from nnlit.neuron import neuron

# --8<-- [end:imports]

# White background so a figure reads the same in the light and dark themes;
# a fixed hash salt and no date make the SVG bytes identical on every build.
STYLE = {
    "svg.hashsalt": "nnlit",
    "svg.fonttype": "path",
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
}

# --8<-- [start:diagram_helpers]
INPUT_COLOUR, OUTPUT_COLOUR = "#cfe3f7", "#fbdcbf"


def _arrow(ax, start, end, label=None, offset=(0, 0.25)):
    """Draw an arrow from ``start`` to ``end`` with an optional label above it."""
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=16))
    if label:
        mid = (start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1]
        ax.text(*mid, label, ha="center", va="center", fontsize=14)


# --8<-- [end:diagram_helpers]


# --8<-- [start:neuron_diagram]
def neuron_diagram() -> Figure:
    """Draw one neuron: input ``x``, weight ``w``, bias ``b``, and its two halves.

    The left half of the unit computes ``z = wx + b``, the right half ``a = g(z)``.
    """
    fig = Figure(figsize=(7.5, 3.0))
    ax = fig.add_axes((0, 0, 1, 1), xlim=(-0.6, 9.6), ylim=(-2.2, 1.9), aspect="equal")
    ax.set_axis_off()
    centre, radius = (4.5, 0.0), 1.1
    ax.add_patch(Circle((0.3, 0), 0.45, facecolor="white", edgecolor="black"))
    ax.text(0.3, 0, "$x$", ha="center", va="center", fontsize=16)
    for theta1, colour in ((90, INPUT_COLOUR), (270, OUTPUT_COLOUR)):
        ax.add_patch(Wedge(centre, radius, theta1, theta1 + 180, facecolor=colour))
    ax.plot([4.5, 4.5], [-radius, radius], color="black", linewidth=1)
    ax.text(3.95, 0, "$z$", ha="center", va="center", fontsize=16)
    ax.text(5.05, 0, "$a$", ha="center", va="center", fontsize=16)
    _arrow(ax, (0.75, 0), (3.4, 0), "$w$")
    _arrow(ax, (3.0, -1.6), (3.72, -0.8), "$b$", offset=(-0.35, 0))
    _arrow(ax, (5.6, 0), (8.1, 0))
    ax.text(8.6, 0, r"$\hat{y}$", ha="center", va="center", fontsize=16)
    ax.text(3.3, 1.5, "input half: $z = wx + b$", ha="center", fontsize=12)
    ax.text(5.7, -1.75, "output half: $a = g(z)$", ha="center", fontsize=12)
    return fig


# --8<-- [end:neuron_diagram]


# --8<-- [start:neuron_curves]
def neuron_curves(
    x: np.ndarray, params: list[tuple[float, float]], g: str = "sigmoid"
) -> np.ndarray:
    """Output of a one-input neuron over ``x`` for each ``(w, b)`` in ``params``.

    Returns
    -------
    ndarray, shape (len(params), len(x))
    """
    X = x.reshape(1, -1)  # one input, len(x) examples: (1, m)
    return np.stack([neuron(X, [w], b, g) for w, b in params])


# --8<-- [end:neuron_curves]


# --8<-- [start:neuron_output_curves]
def neuron_output_curves() -> Figure:
    """Plot the neuron's output against ``x``: weights vary left, biases right."""
    x = np.linspace(-6, 6, 241)
    panels = {
        "weight $w$ varies ($b = 0$)": [(0.5, 0), (1, 0), (2, 0), (5, 0), (-1, 0)],
        "bias $b$ varies ($w = 1$)": [(1, -2), (1, 0), (1, 2)],
    }
    fig = Figure(figsize=(8, 3.2), layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    for ax, (title, params) in zip(axes, panels.items(), strict=True):
        for (w, b), a in zip(params, neuron_curves(x, params), strict=True):
            ax.plot(x, a, label=f"$w={w:g},\\ b={b:g}$")
        ax.set(title=title, xlabel="input $x$")
        ax.legend(fontsize=9, loc="center right")
    axes[0].set_ylabel(r"output $\hat{y} = \sigma(wx + b)$")
    return fig


# --8<-- [end:neuron_output_curves]


# --8<-- [start:network_diagram]
def network_diagram(sizes: Sequence[int] = (2, 4, 3, 1)) -> Figure:
    """Draw a fully connected network with the given layer sizes, labelled.

    Units are labelled :math:`x_j` in layer 0 and :math:`a^{[l]}_j` after it;
    each gap between layers carries its :math:`W^{[l]}, b^{[l]}`.
    """
    L, tallest = len(sizes) - 1, max(sizes)
    fig = Figure(figsize=(1.9 * L + 2.2, 0.75 * tallest + 1.6))
    ax = fig.add_axes((0, 0, 1, 1), aspect="equal")
    ax.set(xlim=(-0.8, 2.6 * L + 1.9), ylim=(-tallest / 2 - 0.9, tallest / 2 + 0.7))
    ax.set_axis_off()
    ys = [np.arange(n)[::-1] - (n - 1) / 2 for n in sizes]  # unit j from the top
    for l in range(1, L + 1):
        for y0 in ys[l - 1]:
            for y1 in ys[l]:
                ax.plot([2.6 * (l - 1), 2.6 * l], [y0, y1], color="0.6", lw=0.8)
        ax.text(
            2.6 * l - 1.3,
            tallest / 2 + 0.35,
            f"$W^{{[{l}]}},\\ b^{{[{l}]}}$",
            ha="center",
            fontsize=12,
        )
    for l, column in enumerate(ys):
        colour = "white" if l == 0 else (OUTPUT_COLOUR if l == L else INPUT_COLOUR)
        for j, y in enumerate(column, start=1):
            circle = Circle((2.6 * l, y), 0.36, facecolor=colour, edgecolor="black")
            ax.add_patch(circle).set_zorder(3)
            label = f"$x_{j}$" if l == 0 else f"$a^{{[{l}]}}_{j}$"
            ax.text(2.6 * l, y, label, ha="center", va="center", fontsize=11, zorder=4)
        ax.text(2.6 * l, -tallest / 2 - 0.55, f"layer {l}", ha="center", fontsize=11)
    _arrow(ax, (2.6 * L + 0.4, 0), (2.6 * L + 1.2, 0))
    ax.text(2.6 * L + 1.45, 0, r"$\hat y$", ha="center", va="center", fontsize=15)
    return fig


# --8<-- [end:network_diagram]


# --8<-- [start:activation_figure]
def activation_curves(name: str, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Values of the activation ``name`` and of its derivative over ``z``."""
    g, g_prime = ACTIVATIONS[name]
    return g(z), g_prime(z)


def activation_figure(name: str) -> Figure:
    """Plot an activation :math:`g(z)` and its derivative :math:`g'(z)`."""
    z = np.linspace(-5, 5, 1001)
    a, slope = activation_curves(name, z)
    fig = Figure(figsize=(4.2, 3.0), layout="constrained")
    ax = fig.subplots()
    ax.plot(z, a, label="$g(z)$", lw=2)
    ax.plot(z, slope, label="$g'(z)$", lw=2, ls="--")
    ax.axhline(0, color="black", lw=0.6)
    ax.axvline(0, color="black", lw=0.6)
    ax.set(title=name, xlabel="$z$")
    ax.legend(loc="upper left")
    return fig


# --8<-- [end:activation_figure]


# --8<-- [start:decision_regions]
def decision_regions(
    predict: Callable, low: float = -0.5, high: float = 1.5, n: int = 201
) -> tuple[np.ndarray, ...]:
    """Evaluate ``predict`` (columns in, one score per column out) on a grid."""
    x1, x2 = np.meshgrid(np.linspace(low, high, n), np.linspace(low, high, n))
    scores = predict(np.stack([x1.ravel(), x2.ravel()]))  # (2, n*n) -> (n*n,)
    return x1, x2, scores.reshape(x1.shape)


def shade_regions(ax, x1: np.ndarray, x2: np.ndarray, scores: np.ndarray) -> None:
    """Colour where the model predicts 1 (score above 0.5) and where it predicts 0.

    The regions are drawn as an image inside the SVG: as vector paths they
    would make the file two to three times larger.
    """
    ax.contourf(
        x1,
        x2,
        scores > 0.5,
        levels=[-0.5, 0.5, 1.5],
        colors=[INPUT_COLOUR, OUTPUT_COLOUR],
        rasterized=True,
    )


# --8<-- [end:decision_regions]


# --8<-- [start:xor_figure]
def xor_figure() -> Figure:
    """XOR: the best straight line against a 2-2-1 sigmoid network."""
    X, y = xor_points()
    w, c, line_accuracy = best_linear_split(X, y)
    params = xor_network()
    net_accuracy = share_correct(forward(X, params)[0][0], y)
    panels = [
        (
            lambda P: (w @ P > c).astype(float),
            f"best straight line: {line_accuracy:.0%}",
        ),
        (
            lambda P: forward(P, params)[0][0],
            f"2-2-1 sigmoid network: {net_accuracy:.0%}",
        ),
    ]
    fig = Figure(figsize=(8, 3.8), layout="constrained")
    for ax, (predict, title) in zip(fig.subplots(1, 2), panels, strict=True):
        shade_regions(ax, *decision_regions(predict))
        for label, marker in ((0, "o"), (1, "s")):
            ax.scatter(
                *X[:, y == label],
                marker=marker,
                s=90,
                edgecolor="black",
                facecolor="white" if label == 0 else "black",
                zorder=3,
            )
        ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
    return fig


# --8<-- [end:xor_figure]


# --8<-- [start:descent_figure]
def descent_path(lr: float, w0: float = -1.5, steps: int = 5) -> np.ndarray:
    r"""Weights visited by gradient descent on :math:`E(w) = \tfrac12 (1 - w)^2`.

    This is one linear unit (:math:`\hat y = w x`) with one record, :math:`x = 1`,
    :math:`y = 1`, so :math:`\Delta w = \eta (y - w x) x = \eta (1 - w)`.
    """
    path = [w0]
    for _ in range(steps):
        path.append(path[-1] + lr * (1 - path[-1]))
    return np.array(path)


def descent_figure() -> Figure:
    """Three learning rates on one error curve: too small, good, too large."""
    w = np.linspace(-3, 5.6, 401)
    fig = Figure(figsize=(9, 3.0), layout="constrained")
    axes = fig.subplots(1, 3, sharey=True)
    for ax, lr in zip(axes, (0.15, 0.8, 2.1), strict=True):
        path = descent_path(lr)
        ax.plot(w, 0.5 * (1 - w) ** 2, color="0.5")
        ax.plot(path, 0.5 * (1 - path) ** 2, "o-", color="C3", ms=4, lw=1)
        ax.plot(path[0], 0.5 * (1 - path[0]) ** 2, "o", color="black", ms=6)
        title = f"$\\eta = {lr:g}$, {len(path) - 1} steps"
        ax.set(title=title, xlabel="$w$", xlim=(-3, 5.6), ylim=(-0.3, 9))
    axes[0].set_ylabel("$E(w)$")
    return fig


# --8<-- [end:descent_figure]


# --8<-- [start:plot_losses]
def plot_losses(losses: np.ndarray) -> Figure:
    r"""Plot a training loss, the mean of :math:`(y - \hat y)^2`, per epoch."""
    fig = Figure(figsize=(6, 3.0), layout="constrained")
    ax = fig.subplots()
    ax.plot(np.arange(len(losses)), losses, lw=2)
    ax.set(xlabel="epoch", ylabel="mean of $(y - \\hat y)^2$", title="training loss")
    return fig


# --8<-- [end:plot_losses]


# --8<-- [start:loss_curve]
def loss_curve() -> Figure:
    """Training loss per epoch of chapter 5's exercise, on the simulated data."""
    data = prepare(simulate_admissions(), split_seed=42)
    _, losses = train(data.X, data.y, course_weights(data.X.shape[0], 42), 0.5, 1000)
    return plot_losses(losses)


# --8<-- [end:loss_curve]


# --8<-- [start:backprop_diagram]
def backprop_diagram() -> Figure:
    """Chapter 2's network with what flows forward above it and back below it."""
    fig = network_diagram(SOURCE_NETWORK_SIZES)
    ax = fig.axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    ax.set_ylim(y0 - 1.3, y1 + 1.3)
    fig.set_size_inches(fig.get_figwidth(), fig.get_figheight() + 1.6)
    forward_label = (
        r"forward: $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]},\ A^{[l]} = g(Z^{[l]})$"
    )
    backward_label = r"backward: $dZ^{[l]},\ dW^{[l]},\ db^{[l]},\ dA^{[l-1]}$"
    for y, start, end, label, colour in (
        (y1 + 0.5, x0 + 0.5, x1 - 0.5, forward_label, "C0"),
        (y0 - 0.6, x1 - 0.5, x0 + 0.5, backward_label, "C3"),
    ):
        ax.add_patch(
            FancyArrowPatch(
                (start, y),
                (end, y),
                arrowstyle="-|>",
                mutation_scale=18,
                color=colour,
                lw=2,
            )
        )
        ax.text((x0 + x1) / 2, y + 0.3, label, ha="center", color=colour, fontsize=12)
    return fig


# --8<-- [end:backprop_diagram]


# --8<-- [start:backprop_loss_curve]
def backprop_loss_curve() -> Figure:
    """Training loss of chapter 6's exercise (course settings, simulated data)."""
    result = backprop_exercise(simulate_admissions())
    return plot_losses(np.array(result["all_losses"]))


# --8<-- [end:backprop_loss_curve]


# --8<-- [start:circles_figure]
def circles_figure() -> Figure:
    """A 2-8-8-1 network's decision region on the two-rings problem."""
    params, g, accuracy = trained_circles_network()
    X, y = circles(seed=1)  # fresh points, not the ones it trained on
    fig = Figure(figsize=(4.6, 4.2), layout="constrained")
    ax = fig.subplots()
    regions = decision_regions(lambda P: forward(P, params, g)[0][0], -1.5, 1.5, 241)
    shade_regions(ax, *regions)
    ax.scatter(*X[:, y == 0], s=12, facecolor="white", edgecolor="black", lw=0.6)
    ax.scatter(*X[:, y == 1], s=12, color="black")
    ax.set(
        aspect="equal",
        xlabel="$x_1$",
        ylabel="$x_2$",
        title=f"new points classified right: {accuracy:.0%}",
    )
    return fig


# --8<-- [end:circles_figure]


FIGURES: dict[str, Callable[[], Figure]] = {
    "neuron-diagram": neuron_diagram,
    "neuron-output": neuron_output_curves,
    "network-diagram": network_diagram,
    "xor": xor_figure,
    "descent": descent_figure,
    "loss-curve": loss_curve,
    "backprop-diagram": backprop_diagram,
    "backprop-loss-curve": backprop_loss_curve,
    "circles": circles_figure,
    **{
        f"activation-{name}": partial(activation_figure, name)
        for name in ("sigmoid", "tanh", "relu", "leaky_relu")
    },
}


def render_svg(draw: Callable[[], Figure]) -> bytes:
    """Draw a figure with the site's style and return its SVG bytes.

    The same function always gives the same bytes: no date in the metadata and
    a fixed hash salt for the element ids.
    """
    with mpl.rc_context(STYLE):
        fig = draw()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
