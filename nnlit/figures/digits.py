"""Chapter 8's figures: the digits, the losses, the mistakes, the starting weights.

No words: the page's captions say what the axes and colours are.
"""

# --8<-- [start:imports]
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from nnlit.digits import (
    CLASSES,
    confusion_matrix,
    digits_split,
    init_variances,
    misclassified,
    small_set_run,
    test_predictions,
    trained_digits_network,
)
from nnlit.figures.words import word

# --8<-- [end:imports]


# --8<-- [start:show_digit]
def show_digit(ax: Axes, pixels: np.ndarray, title: str) -> None:
    """Draw one digit's 64 pixels as an 8 by 8 image, dark ink on white."""
    ax.imshow(pixels.reshape(8, 8), cmap="gray_r", vmin=0, vmax=16)
    ax.set_title(title, fontsize=10)
    ax.set_axis_off()


# --8<-- [end:show_digit]


# --8<-- [start:digit_samples]
def digit_samples(rows: int = 2, columns: int = 10) -> Figure:
    """The first training records, each titled with its label."""
    data = digits_split()
    fig = Figure(figsize=(columns * 0.8, rows * 1.0), layout="constrained")
    for i, ax in enumerate(fig.subplots(rows, columns).ravel()):
        show_digit(ax, data.pixels[:, i], str(data.labels[i]))
    return fig


# --8<-- [end:digit_samples]


# --8<-- [start:digits_losses]
def digits_losses() -> Figure:
    """Train and test loss per epoch: every training record (left), a few (right)."""
    fig = Figure(figsize=(8, 3.0), layout="constrained")
    for ax, run in zip(
        fig.subplots(1, 2), (trained_digits_network(), small_set_run()), strict=True
    ):
        for name in ("train", "test"):
            losses = run.losses[name]
            ax.plot(np.arange(1, losses.size + 1), losses, lw=2)
        ax.set(ylabel="$E$", ylim=(0, None))
    return fig


# --8<-- [end:digits_losses]


# --8<-- [start:confusion_figure]
def confusion_figure() -> Figure:
    """Test records counted by true class (rows) and predicted class (columns)."""
    counts = confusion_matrix(digits_split().labels_test, test_predictions(), CLASSES)
    fig = Figure(figsize=(4.6, 4.2), layout="constrained")
    ax = fig.subplots()
    ax.imshow(counts, cmap="Blues")
    for (true, guess), count in np.ndenumerate(counts):
        if count:
            colour = "white" if count > counts.max() / 2 else "black"
            ax.text(guess, true, str(count), ha="center", va="center", color=colour)
    ax.set(xticks=range(CLASSES), yticks=range(CLASSES), xlabel=r"$\hat t$")
    ax.set_ylabel("$t$")
    ax.grid(False)
    return fig


# --8<-- [end:confusion_figure]


# --8<-- [start:misclassified_figure]
def misclassified_figure(columns: int = 6) -> Figure:
    """Every test digit the network gets wrong, titled true label → prediction."""
    data, wrong, guesses = digits_split(), misclassified(), test_predictions()
    rows = -(-wrong.size // columns)  # rounded up
    fig = Figure(figsize=(columns * 0.9, rows * 1.1), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, columns)).ravel()
    for ax, i in zip(axes, wrong, strict=False):
        show_digit(ax, data.pixels_test[:, i], f"{data.labels_test[i]}→{guesses[i]}")
    for ax in axes[wrong.size :]:
        ax.set_axis_off()  # the grid's empty places
    return fig


# --8<-- [end:misclassified_figure]


# --8<-- [start:init_figure]
INIT_LABELS = {  # a line's legend: the activation and the weights' spread
    ("identity", 1.0): r"$g(z) = z$, $\sqrt{1/n}$",
    ("tanh", 1.0): r"$\tanh$, $\sqrt{1/n}$",
    ("relu", 1.0): r"{relu}, $\sqrt{1/n}$",
    ("relu", 2.0): r"{relu}, $\sqrt{2/n}$",
}


def init_figure() -> Figure:
    """The variance of each layer's Z in a deep untrained network, per setting."""
    fig = Figure(figsize=(6, 3.4), layout="constrained")
    ax = fig.subplots()
    for setting, variances in init_variances().items():
        layers = np.arange(1, variances.size + 1)
        ax.plot(
            layers,
            variances,
            marker="o",
            label=INIT_LABELS[setting].replace("{relu}", word("relu")),
        )
    ax.set(yscale="log", xticks=layers, xlabel="$l$")
    ax.set_ylabel(r"$\mathrm{Var}\, Z^{[l]}$")
    ax.legend(fontsize=9)
    return fig


# --8<-- [end:init_figure]
