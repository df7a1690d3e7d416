"""Chapter 5's figures: the learning rate's three regimes, and the training loss."""

# --8<-- [start:imports]
import numpy as np
from matplotlib.figure import Figure

from nnlit.course import gradient_descent_exercise
from nnlit.data import simulate_admissions
from nnlit.figures.drawing import plot_losses

# --8<-- [end:imports]


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


# --8<-- [start:loss_curve]
def loss_curve() -> Figure:
    """Training loss per epoch of chapter 5's exercise, on the simulated data."""
    return plot_losses(gradient_descent_exercise(simulate_admissions())["all_losses"])


# --8<-- [end:loss_curve]
