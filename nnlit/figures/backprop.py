"""Chapter 6's figures: what flows each way, the training loss, the two rings."""

# --8<-- [start:imports]
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from nnlit.course import backprop_exercise
from nnlit.data import simulate_admissions
from nnlit.examples import SOURCE_NETWORK_SIZES, circles, trained_circles_network
from nnlit.figures.drawing import decision_regions, plot_losses, shade_regions
from nnlit.figures.layers import network_diagram
from nnlit.figures.words import word
from nnlit.layers import forward

# --8<-- [end:imports]


# --8<-- [start:backprop_diagram]
def backprop_diagram() -> Figure:
    """Chapter 2's network with what flows forward above it and back below it."""
    fig = network_diagram(SOURCE_NETWORK_SIZES)
    ax = fig.axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    ax.set_ylim(y0 - 1.3, y1 + 1.3)
    fig.set_size_inches(fig.get_figwidth(), fig.get_figheight() + 1.6)
    forward_label = word("forward") + (
        r": $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]},\ A^{[l]} = g(Z^{[l]})$"
    )
    backward_label = (
        word("backward") + r": $dZ^{[l]},\ dW^{[l]},\ db^{[l]},\ dA^{[l-1]}$"
    )
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
    return plot_losses(backprop_exercise(simulate_admissions())["all_losses"])


# --8<-- [end:backprop_loss_curve]


# --8<-- [start:circles_figure]
def circles_figure() -> Figure:
    """The two-rings network's decision region, over points it never saw."""
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
        title=word("classified_right", accuracy=accuracy),
    )
    return fig


# --8<-- [end:circles_figure]
