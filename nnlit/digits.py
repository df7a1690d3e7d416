"""Chapter 8's data and runs: the 8 by 8 handwritten digits scikit-learn ships.

The digits are a file inside the scikit-learn package, so loading them
downloads nothing. scikit-learn is imported only when they are loaded: the
rest of nnlit needs no scikit-learn. The data are split once, with a fixed seed,
into training and test records, and standardised with the training records'
statistics only. Every run here is seeded and cached, so a build that quotes a
number and draws a figure of the same run trains it once.
"""

# --8<-- [start:imports]
from functools import cache
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from nnlit.checks import check_seed
from nnlit.classify import accuracy, one_hot, predict, train
from nnlit.initialisation import scaled_params, variance_by_layer
from nnlit.layers import Params

# --8<-- [end:imports]

# --8<-- [start:settings]
CLASSES = 10  # the digits 0 to 9
SPLIT = {"seed": 8, "test_share": 0.2}  # one split, used everywhere
NETWORK = {  # the chapter's network and its training
    "sizes": (64, 64, 32, CLASSES),
    "g": "relu",
    "gain": 2.0,  # He's scaling for ReLU
    "init_seed": 0,
    "lr": 0.1,
    "epochs": 30,
    "batch_size": 32,
    "seed": 0,  # the order of the minibatches
}
SMALL = {"records": 100, "epochs": 200, "seed": 0}  # the overfitting run
DEEP = {"width": 256, "depth": 10, "seed": 0}  # the initialisation study
# (activation, gain) for each line of the initialisation figure
INIT_SETTINGS = (("identity", 1.0), ("tanh", 1.0), ("relu", 1.0), ("relu", 2.0))
# --8<-- [end:settings]


# --8<-- [start:load]
def load_pixels() -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """All the digits: pixels ``(64, m)``, each from 0 to 16, and labels ``(m,)``.

    Raises
    ------
    ImportError
        If scikit-learn, which ships the digits, is not installed.
    """
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        raise ImportError(
            "chapter 8's digits come with scikit-learn, which is not installed:"
            " pip install scikit-learn (the rest of nnlit does without it)"
        ) from None
    digits = load_digits()  # read from a file inside the package: no download
    return digits.data.T.astype(np.float64), digits.target.astype(np.intp)


# --8<-- [end:load]


class Split(NamedTuple):
    """The digits split once: standardised inputs, labels, and raw pixels.

    ``X`` and ``X_test`` are ``(64, m)``; ``pixels`` and ``pixels_test`` hold
    the same records unstandardised (0 to 16), for drawing.
    """

    X: NDArray[np.float64]
    labels: NDArray[np.intp]
    X_test: NDArray[np.float64]
    labels_test: NDArray[np.intp]
    pixels: NDArray[np.float64]
    pixels_test: NDArray[np.float64]


# --8<-- [start:split]
def split(
    pixels: NDArray, labels: NDArray, seed: int, test_share: float
) -> tuple[NDArray, NDArray]:
    """Indices of the training and test records: one shuffle, seeded."""
    m = labels.size
    order = np.random.default_rng(check_seed(seed)).permutation(m)
    n_test = round(test_share * m)
    return order[n_test:], order[:n_test]


def standardise(
    X_train: NDArray, X_test: NDArray
) -> tuple[NDArray, NDArray, NDArray, NDArray]:
    """Both sets shifted and scaled by the *training* records' mean and spread.

    A pixel that never varies in the training records (blank in every one)
    has spread 0; it is left unscaled instead of divided by 0. Returns the two
    standardised sets, then the mean and spread used, each ``(64, 1)``.
    """
    mean = X_train.mean(axis=1, keepdims=True)  # (64, 1)
    spread = X_train.std(axis=1, keepdims=True)  # (64, 1)
    spread[spread == 0] = 1.0
    return (X_train - mean) / spread, (X_test - mean) / spread, mean, spread


# --8<-- [end:split]


@cache
def digits_split(seed: int = SPLIT["seed"]) -> Split:
    """The chapter's split of the digits (:data:`SPLIT`), standardised; read-only."""
    pixels, labels = load_pixels()
    train_at, test_at = split(pixels, labels, seed, SPLIT["test_share"])
    X, X_test, _, _ = standardise(pixels[:, train_at], pixels[:, test_at])
    arrays = Split(
        X,
        labels[train_at],
        X_test,
        labels[test_at],
        pixels[:, train_at],
        pixels[:, test_at],
    )
    for array in arrays:
        array.setflags(write=False)  # shared by every caller: nobody may change it
    return arrays


# --8<-- [start:train_digits]
class Run(NamedTuple):
    """A trained network and how it trained."""

    params: Params
    losses: dict[str, NDArray]  # "train" and "test", one entry per epoch
    train_accuracy: float
    test_accuracy: float


def train_digits(records: int | None = None, epochs: int = NETWORK["epochs"]) -> Run:
    """Train the chapter's network (:data:`NETWORK`) on the training records.

    With ``records``, on only that many of them, drawn with :data:`SMALL`'s
    seed. The test loss is recorded after every epoch, never trained on.
    """
    data = digits_split()
    X, labels = data.X, data.labels
    if records is not None:
        keep = np.random.default_rng(SMALL["seed"]).choice(
            labels.size, records, replace=False
        )
        X, labels = X[:, keep], labels[keep]
    start = scaled_params(NETWORK["sizes"], NETWORK["gain"], NETWORK["init_seed"])
    params, losses = train(
        X,
        one_hot(labels, CLASSES),
        start,
        NETWORK["g"],
        lr=NETWORK["lr"],
        epochs=epochs,
        batch_size=NETWORK["batch_size"],
        seed=NETWORK["seed"],
        test=(data.X_test, one_hot(data.labels_test, CLASSES)),
    )
    return Run(
        params,
        losses,
        accuracy(X, labels, params, NETWORK["g"]),
        accuracy(data.X_test, data.labels_test, params, NETWORK["g"]),
    )


# --8<-- [end:train_digits]


@cache
def trained_digits_network() -> Run:
    """The chapter's network trained on every training record (cached)."""
    return train_digits()


@cache
def small_set_run() -> Run:
    """The same network trained on :data:`SMALL`'s few records, for longer (cached)."""
    return train_digits(records=SMALL["records"], epochs=SMALL["epochs"])


# --8<-- [start:confusion]
def confusion_matrix(labels: NDArray, predicted: NDArray, n_classes: int) -> NDArray:
    """Counts ``(n_classes, n_classes)``: row = true class, column = predicted."""
    counts = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(counts, (labels, predicted), 1)
    return counts


# --8<-- [end:confusion]


def test_predictions() -> NDArray[np.intp]:
    """The trained network's predicted class for every test record."""
    data, run = digits_split(), trained_digits_network()
    return predict(data.X_test, run.params, NETWORK["g"])


def misclassified() -> NDArray[np.intp]:
    """Positions, in the test set, of the records the trained network gets wrong."""
    return np.flatnonzero(test_predictions() != digits_split().labels_test)


@cache
def init_variances() -> dict[tuple[str, float], NDArray[np.float64]]:
    """Each layer's variance of ``Z`` in a deep, untrained network, per setting.

    :data:`DEEP`'s depth of layers of its width, on the standardised training
    digits, for each ``(activation, gain)`` of :data:`INIT_SETTINGS`; every
    setting draws its weights with the same seed.
    """
    sizes = [64] + [DEEP["width"]] * DEEP["depth"]
    return {
        (g, gain): variance_by_layer(
            digits_split().X, scaled_params(sizes, gain, DEEP["seed"]), g
        )
        for g, gain in INIT_SETTINGS
    }
