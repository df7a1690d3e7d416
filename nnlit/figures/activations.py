"""Chapter 3's figures: XOR against a straight line, and each activation's curve."""

# --8<-- [start:imports]
import numpy as np
from matplotlib.figure import Figure

from nnlit.activations import ACTIVATIONS
from nnlit.examples import best_linear_split, xor_network, xor_points
from nnlit.figures.drawing import decision_regions, shade_regions
from nnlit.figures.words import word
from nnlit.gradient_descent import share_correct
from nnlit.layers import forward

# --8<-- [end:imports]


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
            word("best_line", accuracy=line_accuracy),
        ),
        (
            lambda P: forward(P, params)[0][0],
            word("xor_network", accuracy=net_accuracy),
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


# --8<-- [start:activation_figure]
def activation_curves(name: str, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Values of the activation ``name`` and of its derivative over ``z``."""
    g = ACTIVATIONS[name]
    return g.value(z), g.slope(z)


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
    ax.set(title=word(name), xlabel="$z$")
    ax.legend(loc="upper left")
    return fig


# --8<-- [end:activation_figure]
