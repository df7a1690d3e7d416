"""Chapter 1's figures: one neuron, and how its weight and bias shape its output."""

# --8<-- [start:imports]
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Wedge

from nnlit.figures.drawing import INPUT_COLOUR, OUTPUT_COLOUR, arrow
from nnlit.figures.words import word
from nnlit.one_neuron import neuron

# --8<-- [end:imports]


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
    arrow(ax, (0.75, 0), (3.4, 0), "$w$")
    arrow(ax, (3.0, -1.6), (3.72, -0.8), "$b$", offset=(-0.35, 0))
    arrow(ax, (5.6, 0), (8.1, 0))
    ax.text(8.6, 0, r"$\hat{y}$", ha="center", va="center", fontsize=16)
    ax.text(3.3, 1.5, word("input_half") + ": $z = wx + b$", ha="center", fontsize=12)
    ax.text(5.7, -1.75, word("output_half") + ": $a = g(z)$", ha="center", fontsize=12)
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
        word("weight_varies", w="$w$", fixed="$b = 0$"): [
            (0.5, 0),
            (1, 0),
            (2, 0),
            (5, 0),
            (-1, 0),
        ],
        word("bias_varies", b="$b$", fixed="$w = 1$"): [(1, -2), (1, 0), (1, 2)],
    }
    fig = Figure(figsize=(8, 3.2), layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    for ax, (title, params) in zip(axes, panels.items(), strict=True):
        for (w, b), a in zip(params, neuron_curves(x, params), strict=True):
            ax.plot(x, a, label=f"$w={w:g},\\ b={b:g}$")
        ax.set(title=title, xlabel=word("input", x="$x$"))
        ax.legend(fontsize=9, loc="center right")
    axes[0].set_ylabel(word("output", y=r"$\hat{y} = \sigma(wx + b)$"))
    return fig


# --8<-- [end:neuron_output_curves]
