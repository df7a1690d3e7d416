"""The problems that chapters 5 and 6's interactive widgets run in the browser.

The widgets compute in JavaScript (``docs/javascripts/widgets/nnmath.js``), but
what they compute on comes from here, through a fact that writes it into the
page as JSON: chapter 5's bowl (:data:`nnlit.gradient_descent.BOWL`) and
chapter 6's first step of the course's network (:mod:`nnlit.course`). The
browser tests hold every number a widget shows to nnlit's own functions on
these same problems.
"""

import json

import numpy as np

from nnlit.course import BACKPROP, network_weights
from nnlit.data import prepare, simulate_admissions
from nnlit.gradient_descent import BOWL, bowl_curvature, bowl_error

# The learning-rate slider reaches well past 2 / lam_max: far enough that the
# loss overflows within MAX_STEPS steps, so the widget shows it happen.
DESCENT_SLIDER = {"min": 0.02, "max": 1.5, "step": 0.01, "value": BOWL["rates"][1]}
MAX_STEPS = 1000  # Run stops here at the latest
DESCENT_VIEW = {"w1": [-2.0, 3.0], "w2": [-1.5, 2.5]}  # as the static figure's


def bowl_minimum() -> tuple[np.ndarray, float]:
    """The bowl's lowest point ``w*`` and its error there."""
    X, y = BOWL["X"], BOWL["y"]
    w_min = np.linalg.lstsq(X.T, y, rcond=None)[0]
    return w_min, float(bowl_error(X, y, w_min))


def descent_problem() -> dict:
    """What chapter 5's widget draws and descends: the bowl, its view, its slider.

    The contour levels are the static figure's: the lowest error plus 0.02
    times a power of two, each line twice the last.
    """
    _, lowest = bowl_minimum()
    return {
        "X": BOWL["X"].tolist(),
        "y": BOWL["y"].tolist(),
        "start": BOWL["start"].tolist(),
        "view": DESCENT_VIEW,
        "levels": (lowest + 0.02 * 2.0 ** np.arange(9)).tolist(),
        "lr": DESCENT_SLIDER,
        "max_steps": MAX_STEPS,
    }


def backprop_problem() -> dict:
    """Chapter 6's worked step: the course's network on its first training record.

    ``x`` and ``y`` are that record and its label, ``W1`` (one row per hidden
    unit) and ``w2`` the course's starting weights, ``lr`` its learning rate.
    """
    data = prepare(simulate_admissions(), split_seed=BACKPROP.split_seed)
    start = network_weights(data.X.shape[0], BACKPROP.hidden, seed=BACKPROP.seed)
    return {
        "x": data.X[:, 0].tolist(),
        "y": float(data.y[0]),
        "W1": start["W1"].tolist(),
        "w2": start["W2"][0].tolist(),
        "lr": BACKPROP.lr,
    }


def thresholds() -> tuple[float, float]:
    """``1 / lam_max`` and ``2 / lam_max`` of the bowl: where its regimes change."""
    lam_max = bowl_curvature(BOWL["X"])[-1]
    return 1 / lam_max, 2 / lam_max


PROBLEMS = {"descent": descent_problem, "backprop": backprop_problem}


def widget_problem(name: str) -> str:
    """A widget's problem as JSON for a ``data-problem`` attribute.

    Python's float repr reads back in JavaScript as the very same double. The
    JSON holds no single quote, so it fits an attribute quoted with them.
    """
    return json.dumps(PROBLEMS[name](), separators=(",", ":"))
