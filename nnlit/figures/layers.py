"""Chapter 2's figure: a fully connected network, every unit and layer labelled."""

# --8<-- [start:imports]
from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from nnlit.figures.drawing import INPUT_COLOUR, OUTPUT_COLOUR, arrow
from nnlit.figures.words import word

# --8<-- [end:imports]


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
        ax.text(
            2.6 * l, -tallest / 2 - 0.55, word("layer", l=l), ha="center", fontsize=11
        )
    arrow(ax, (2.6 * L + 0.4, 0), (2.6 * L + 1.2, 0))
    ax.text(2.6 * L + 1.45, 0, r"$\hat y$", ha="center", va="center", fontsize=15)
    return fig


# --8<-- [end:network_diagram]
