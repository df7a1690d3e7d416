"""The course's two exercises (chapters 5 and 6): settings, starting weights, runs.

The course behind the source trains on its admissions data twice: one sigmoid
unit by gradient descent (chapter 5), then a network with one hidden layer by
backpropagation (chapter 6). This module is the single home of how it does so:
the seeds, epochs and learning rates, the legacy-seeded starting weights, and
the runs themselves. The command line, the figures, the facts quoted in prose
and the benchmark all read them from here.
"""

# --8<-- [start:imports]
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from nnlit import backprop, gradient_descent
from nnlit.data import prepare
from nnlit.layers import Params, forward

# --8<-- [end:imports]


# --8<-- [start:settings]
@dataclass(frozen=True)
class Settings:
    """One exercise's settings, as the course chose them."""

    split_seed: int  # the legacy seed of the 90/10 train/test split
    seed: int  # the legacy seed of the starting weights
    epochs: int
    lr: float
    hidden: int = 0  # hidden units; 0 for the single unit of chapter 5


GRADIENT_DESCENT = Settings(split_seed=42, seed=42, epochs=1000, lr=0.5)
BACKPROP = Settings(split_seed=21, seed=21, epochs=900, lr=0.005, hidden=2)
# --8<-- [end:settings]


# --8<-- [start:weights]
def unit_weights(n_features: int, seed: int) -> NDArray:
    """Chapter 5's starting weights: legacy-seeded draws from N(0, 1/n_features)."""
    return np.random.RandomState(seed).normal(scale=n_features**-0.5, size=n_features)


def network_weights(n_features: int, n_hidden: int, seed: int) -> Params:
    """Chapter 6's starting weights, legacy-seeded, in nnlit's layout (no biases).

    The course draws its ``(n_features, n_hidden)`` input-to-hidden matrix, then
    its ``n_hidden`` hidden-to-output vector, from N(0, 1/n_features); nnlit's
    ``W1`` is that matrix transposed and ``W2`` that vector as one row.
    """
    rng = np.random.RandomState(seed)
    scale = 1 / n_features**0.5  # as the course writes it, to the last bit
    input_hidden = rng.normal(scale=scale, size=(n_features, n_hidden))
    hidden_output = rng.normal(scale=scale, size=n_hidden)
    return {"W1": input_hidden.T.copy(), "W2": hidden_output[None, :]}


# --8<-- [end:weights]


def every_tenth(epochs: int) -> range:
    """The epochs at which the course prints its loss: 0, then every tenth."""
    return range(0, epochs, max(1, epochs // 10))


def _report(losses: NDArray, epochs: int, test_accuracy: float) -> dict:
    """What both exercises return: the losses the course prints, and the rest."""
    every = every_tenth(epochs)
    return {
        "epochs": list(every),
        "losses": [float(losses[e]) for e in every],
        "all_losses": losses,
        "test_accuracy": test_accuracy,
    }


# --8<-- [start:gradient_descent_exercise]
def gradient_descent_exercise(
    records: NDArray, settings: Settings = GRADIENT_DESCENT
) -> dict:
    """Chapter 5's exercise: prepare the data, train one unit, test it.

    Returns the loss (mean of ``(y - y_hat)**2``) after every epoch
    (``all_losses``) and after every tenth (``epochs``, ``losses``), the
    ``test_accuracy`` and the final ``weights``.
    """
    data = prepare(records, settings.split_seed)
    w0 = unit_weights(data.X.shape[0], settings.seed)
    w, losses = gradient_descent.train(data.X, data.y, w0, settings.lr, settings.epochs)
    accuracy = gradient_descent.accuracy(data.X_test, data.y_test, w)
    return _report(losses, settings.epochs, accuracy) | {"weights": w}


# --8<-- [end:gradient_descent_exercise]


# --8<-- [start:backprop_exercise]
def backprop_exercise(records: NDArray, settings: Settings = BACKPROP) -> dict:
    """Chapter 6's exercise: prepare, train a network with one hidden layer, test.

    Returns what :func:`gradient_descent_exercise` returns, with the trained
    ``params`` instead of ``weights``.

    Raises
    ------
    ValueError
        If ``settings.hidden`` is not a positive integer.
    """
    hidden = settings.hidden
    if isinstance(hidden, bool) or not isinstance(hidden, int) or hidden < 1:
        raise ValueError(f"the hidden layer needs at least 1 unit, got {hidden!r}")
    data = prepare(records, settings.split_seed)
    g = ["sigmoid", "sigmoid"]
    start = network_weights(data.X.shape[0], hidden, settings.seed)
    params, half_mse = backprop.train(
        data.X, data.y[None, :], start, g, settings.lr, settings.epochs
    )
    y_hat, _ = forward(data.X_test, params, g)
    accuracy = gradient_descent.share_correct(y_hat[0], data.y_test)
    # backprop.train reports half the mean squared error; the course prints the mean.
    return _report(2 * half_mse, settings.epochs, accuracy) | {"params": params}


# --8<-- [end:backprop_exercise]
