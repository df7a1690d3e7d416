"""Chapter 5's figures: the learning rate's regimes in one and two weights; the loss."""

# --8<-- [start:imports]
import numpy as np
from matplotlib.figure import Figure

from nnlit.course import gradient_descent_exercise
from nnlit.data import simulate_admissions
from nnlit.figures.drawing import plot_losses
from nnlit.figures.words import word
from nnlit.gradient_descent import BOWL, bowl_error, bowl_path

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
        title = word("steps", rate=f"$\\eta = {lr:g}$", n=len(path) - 1)
        ax.set(title=title, xlabel="$w$", xlim=(-3, 5.6), ylim=(-0.3, 9))
    axes[0].set_ylabel("$E(w)$")
    return fig


# --8<-- [end:descent_figure]


# --8<-- [start:loss_curve]
def loss_curve() -> Figure:
    """Training loss per epoch of chapter 5's exercise, on the simulated data."""
    return plot_losses(gradient_descent_exercise(simulate_admissions())["all_losses"])


# --8<-- [end:loss_curve]


# --8<-- [start:bowl_figure]
def bowl_grid(n: int = 201) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The bowl's error on an ``n`` by ``n`` grid of weights ``(w1, w2)``."""
    w1, w2 = np.meshgrid(np.linspace(-2, 3, n), np.linspace(-1.5, 2.5, n))
    E = bowl_error(BOWL["X"], BOWL["y"], np.stack([w1, w2], axis=-1))  # (n, n)
    return w1, w2, E


def bowl_figure() -> Figure:
    """Contour lines of the bowl, and a descent path for each of four rates."""
    w1, w2, E = bowl_grid()
    levels = E.min() + 0.02 * 2.0 ** np.arange(9)  # each line twice the last
    fig = Figure(figsize=(8, 6.6), layout="constrained")
    for ax, lr in zip(fig.subplots(2, 2).flat, BOWL["rates"], strict=True):
        ax.contour(w1, w2, E, levels=levels, colors="0.6", linewidths=0.8)
        path = bowl_path(BOWL["X"], BOWL["y"], BOWL["start"], lr, BOWL["steps"])
        ax.plot(path[:, 0], path[:, 1], "o-", color="C3", ms=3.5, lw=1)
        ax.plot(*BOWL["start"], "o", color="black", ms=6)
        ax.set(title=f"$\\eta = {lr:g}$", xlabel="$w_1$", ylabel="$w_2$")
        ax.set(xlim=(w1.min(), w1.max()), ylim=(w2.min(), w2.max()))
        ax.set_aspect("equal")
    return fig


# --8<-- [end:bowl_figure]
