"""Drawing helpers shared by the chapters' figures: colours, arrows, regions, losses."""

# --8<-- [start:imports]
from collections.abc import Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from nnlit.figures.words import word

# --8<-- [end:imports]


# --8<-- [start:diagram_helpers]
INPUT_COLOUR, OUTPUT_COLOUR = "#cfe3f7", "#fbdcbf"


def arrow(
    ax: Axes,
    start: tuple[float, float],
    end: tuple[float, float],
    label: str | None = None,
    offset: tuple[float, float] = (0, 0.25),
) -> None:
    """Draw an arrow from ``start`` to ``end`` with an optional label above it."""
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=16))
    if label:
        mid = (start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1]
        ax.text(*mid, label, ha="center", va="center", fontsize=14)


# --8<-- [end:diagram_helpers]


# --8<-- [start:decision_regions]
def decision_regions(
    predict: Callable, low: float = -0.5, high: float = 1.5, n: int = 201
) -> tuple[np.ndarray, ...]:
    """Evaluate ``predict`` (columns in, one score per column out) on a grid."""
    x1, x2 = np.meshgrid(np.linspace(low, high, n), np.linspace(low, high, n))
    scores = predict(np.stack([x1.ravel(), x2.ravel()]))  # (2, n*n) -> (n*n,)
    return x1, x2, scores.reshape(x1.shape)


def shade_regions(ax: Axes, x1: np.ndarray, x2: np.ndarray, scores: np.ndarray) -> None:
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


# --8<-- [start:plot_losses]
def plot_losses(losses: np.ndarray) -> Figure:
    r"""Plot a training loss, the mean of :math:`(y - \hat y)^2`, per epoch."""
    fig = Figure(figsize=(6, 3.0), layout="constrained")
    ax = fig.subplots()
    ax.plot(np.arange(len(losses)), losses, lw=2)
    ax.set(
        xlabel=word("epoch"),
        ylabel=word("mean_of") + r" $(y - \hat y)^2$",
        title=word("training_loss"),
    )
    return fig


# --8<-- [end:plot_losses]
