r"""Classifying into one of :math:`K` classes: a softmax output and cross-entropy.

Chapter 8. The network is chapter 6's, with one change at the top: the last
layer's :math:`Z^{[L]}` (shape ``(K, m)``, one column per example) goes through
the softmax instead of an element-wise activation,

.. math::

    \hat Y_{k\mu} = \frac{e^{Z^{[L]}_{k\mu}}}{\sum_{j=1}^{K} e^{Z^{[L]}_{j\mu}}},

and the error is the mean cross-entropy against one-hot targets ``Y``,
:math:`E = -\frac{1}{m} \sum_{\mu} \sum_k Y_{k\mu} \ln \hat Y_{k\mu}`. Its
gradient at the output is :math:`dZ^{[L]} = (\hat Y - Y)/m`: no slope of an
activation appears in it. The layers below step by chapter 6's rules.

Every public function checks its arguments (shapes, NaN, labels out of range)
and says what is wrong in one sentence.
"""

# --8<-- [start:imports]
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlit.activations import get_derivative
from nnlit.checks import (
    as_count,
    as_float_array,
    check_examples,
    check_schedule,
    check_seed,
    stop_if_diverged,
)
from nnlit.layers import (
    Params,
    activations_per_layer,
    check_input,
    check_network,
    forward_pass,
    layer_count,
    param_for,
)

# --8<-- [end:imports]


def check_logits(Z: ArrayLike, name: str = "Z") -> NDArray[np.floating]:
    """Return ``Z`` as a float array of shape ``(K, m)``, or raise a clear error.

    Raises
    ------
    TypeError
        If ``Z`` is not real numbers.
    ValueError
        If ``Z`` is not a non-empty matrix, or holds NaN or infinity.
    """
    Z = as_float_array(Z, name)
    if Z.ndim != 2 or Z.shape[0] == 0:
        raise ValueError(
            f"{name} must have shape (K, m), one column per example, got {Z.shape}"
        )
    return check_examples(Z, name)


# --8<-- [start:softmax]
def softmax(Z: ArrayLike) -> NDArray[np.floating]:
    r"""Softmax of each column: :math:`e^{z_k} / \sum_j e^{z_j}`, computed stably.

    Subtracting the column's largest entry first changes nothing in the result
    (numerator and denominator are both multiplied by :math:`e^{-c}`), but it
    makes every exponent at most 0, so ``np.exp`` cannot overflow.

    Parameters
    ----------
    Z : array_like, shape (K, m)
        One column of :math:`K` scores per example.

    Returns
    -------
    ndarray, shape (K, m)
        Positive entries; each column sums to 1.
    """
    return softmax_columns(check_logits(Z))


def softmax_columns(Z: NDArray[np.floating]) -> NDArray[np.floating]:
    """:func:`softmax` of a checked ``(K, m)`` array: what trainers call."""
    shifted = Z - Z.max(axis=0, keepdims=True)  # (K, m), largest entry 0
    e = np.exp(shifted)
    return e / e.sum(axis=0, keepdims=True)


# --8<-- [end:softmax]


# --8<-- [start:log_softmax]
def log_softmax(Z: ArrayLike) -> NDArray[np.floating]:
    r"""The logarithm of :func:`softmax`, without taking the log of a tiny number.

    :math:`\ln \hat y_k = (z_k - c) - \ln \sum_j e^{z_j - c}` with :math:`c`
    the largest :math:`z_j`: finite even where the softmax itself rounds to 0.
    Shape ``(K, m)`` in and out.
    """
    return log_softmax_columns(check_logits(Z))


def log_softmax_columns(Z: NDArray[np.floating]) -> NDArray[np.floating]:
    """:func:`log_softmax` of a checked ``(K, m)`` array."""
    shifted = Z - Z.max(axis=0, keepdims=True)  # (K, m)
    return shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))


# --8<-- [end:log_softmax]


def check_labels(labels: ArrayLike, n_classes: int) -> NDArray[np.intp]:
    """Return ``labels`` as integers from 0 to ``n_classes - 1``, or raise.

    Raises
    ------
    TypeError
        If ``labels`` are not numbers, or are fractions (``2.5``).
    ValueError
        If ``labels`` is not one-dimensional and non-empty, holds NaN, or has a
        label outside ``0 .. n_classes - 1``.
    """
    n_classes = as_count(n_classes, "n_classes")
    array = as_float_array(labels, "labels")
    if array.ndim != 1 or array.size == 0:
        raise ValueError(
            f"labels must be a non-empty 1-D array, one per example, got {array.shape}"
        )
    if not np.all(array == np.round(array)):
        raise TypeError("labels must be whole numbers, the index of each class")
    outside = array[(array < 0) | (array >= n_classes)]
    if outside.size:
        raise ValueError(
            f"labels must be from 0 to {n_classes - 1} for {n_classes} classes,"
            f" got {outside[0]:g}"
        )
    return array.astype(np.intp)


# --8<-- [start:one_hot]
def one_hot(labels: ArrayLike, n_classes: int) -> NDArray[np.float64]:
    """Targets ``Y``, ``(n_classes, m)``: column ``mu`` is 1 in row ``labels[mu]``.

    Raises
    ------
    TypeError, ValueError
        As :func:`check_labels` raises.
    """
    labels = check_labels(labels, n_classes)
    Y = np.zeros((n_classes, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


# --8<-- [end:one_hot]


def check_targets(Y: ArrayLike, shape: tuple[int, int]) -> NDArray[np.floating]:
    """Return ``Y`` if it has ``shape`` and each column is a probability distribution.

    Raises
    ------
    ValueError
        If ``Y``'s shape is not ``shape``, or an entry is negative, or a column
        does not sum to 1 (to 1e-9).
    """
    Y = as_float_array(Y, "Y")
    if Y.shape != shape:
        raise ValueError(
            f"Y has shape {Y.shape} but the scores have shape {shape}: Y must have"
            " one row per class and one column per example"
        )
    if np.any(Y < 0) or not np.allclose(Y.sum(axis=0), 1.0, rtol=0, atol=1e-9):
        raise ValueError(
            "each column of Y must be non-negative and sum to 1: use"
            " one_hot(labels, n_classes) to make Y from class labels"
        )
    return Y


# --8<-- [start:cross_entropy]
def cross_entropy(Y: ArrayLike, Z: ArrayLike) -> float:
    r"""Mean cross-entropy of the softmax of ``Z`` against the targets ``Y``.

    :math:`E = -\frac{1}{m} \sum_{\mu=1}^{m} \sum_{k=1}^{K} Y_{k\mu} \ln \hat
    Y_{k\mu}` with :math:`\hat Y` the softmax of ``Z``. It takes the scores
    ``Z`` rather than :math:`\hat Y`, so the logarithm comes from
    :func:`log_softmax` and stays finite. Both arrays are ``(K, m)``.
    """
    Z = check_logits(Z)
    Y = check_targets(Y, Z.shape)
    return float(-np.sum(Y * log_softmax_columns(Z)) / Z.shape[1])


# --8<-- [end:cross_entropy]


# --8<-- [start:output_error]
def output_error(Y: ArrayLike, Z: ArrayLike) -> NDArray[np.floating]:
    r""":math:`dZ^{[L]} = (\hat Y - Y)/m`, the gradient of :func:`cross_entropy` in Z.

    Shape ``(K, m)``, like ``Y`` and ``Z``.
    """
    Z = check_logits(Z)
    Y = check_targets(Y, Z.shape)
    return (softmax_columns(Z) - Y) / Z.shape[1]


# --8<-- [end:output_error]


# --8<-- [start:backward]
def backward_pass(
    params: Params, cache: Params, dZ: NDArray, gs: Sequence[str]
) -> dict[str, NDArray]:
    r"""Chapter 6's backward pass, started from the output's ``dZ`` :math:`(K, m)`.

    ``gs`` names every layer's activation; the last one is never used, as the
    softmax's slope is already inside ``dZ``. Returns ``dW{l}`` and ``db{l}``.
    """
    grads = {}
    for l in range(len(gs), 0, -1):
        grads[f"dW{l}"] = dZ @ cache[f"A{l - 1}"].T  # (n_l, n_{l-1})
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True)  # (n_l, 1)
        if l > 1:
            dA = params[f"W{l}"].T @ dZ  # (n_{l-1}, m)
            dZ = dA * get_derivative(gs[l - 2])(cache[f"Z{l - 1}"])
    return grads


# --8<-- [end:backward]


def check_classifier(
    X: ArrayLike, Y: ArrayLike, params: Params, g: str | Sequence[str]
) -> tuple[NDArray, NDArray, Params, list[str]]:
    """``X``, ``Y``, ``params`` (with biases) and one activation per layer.

    ``g`` names the hidden layers' activation (one name, or one per hidden
    layer); the last layer's entry is ``"identity"``: its ``Z`` goes to the
    softmax.

    Raises
    ------
    TypeError, ValueError
        As :func:`nnlit.layers.check_network` and :func:`check_targets` raise,
        or if ``params`` has no biases.
    """
    hidden = activations_per_layer(g, layer_count(params) - 1)
    params, gs = check_network(params, [*hidden, "identity"])
    if "b1" not in params:
        raise ValueError("a classifier's params need biases b1..bL")
    X = check_input(X, params["W1"].shape[1])
    Y = check_targets(Y, (params[f"W{len(gs)}"].shape[0], X.shape[1]))
    return X, Y, params, gs


# --8<-- [start:gradients]
def gradients(
    X: ArrayLike, Y: ArrayLike, params: Params, g: str | Sequence[str] = "relu"
) -> tuple[float, dict[str, NDArray]]:
    """The cross-entropy of a softmax network and its gradient for every parameter.

    ``X`` is ``(n_0, m)``, ``Y`` is ``(K, m)`` one-hot, ``g`` the hidden
    layers' activation. Returns ``E`` and ``dW{l}``, ``db{l}`` shaped like
    ``W{l}``, ``b{l}``.
    """
    X, Y, params, gs = check_classifier(X, Y, params, g)
    _, cache = forward_pass(X, params, gs)
    Z = cache[f"Z{len(gs)}"]  # (K, m): the scores the softmax turns into Y_hat
    dZ = (softmax_columns(Z) - Y) / X.shape[1]  # the output error: no slope of g
    return mean_cross_entropy(Y, Z), backward_pass(params, cache, dZ, gs)


# --8<-- [end:gradients]


def scores(X: ArrayLike, params: Params, g: str | Sequence[str] = "relu") -> NDArray:
    """:math:`Z^{[L]}`, the scores of each class for each column of ``X``, ``(K, m)``.

    Raises
    ------
    TypeError, ValueError
        If ``params``, ``g`` or ``X`` is not a network and its input.
    """
    hidden = activations_per_layer(g, layer_count(params) - 1)
    params, gs = check_network(params, [*hidden, "identity"])
    return forward_pass(check_input(X, params["W1"].shape[1]), params, gs)[0]


# --8<-- [start:predict]
def predict(X: ArrayLike, params: Params, g: str | Sequence[str] = "relu") -> NDArray:
    """The class with the highest score for each column of ``X``: shape ``(m,)``.

    The softmax keeps the order of the scores, so it need not be computed.
    """
    return np.argmax(scores(X, params, g), axis=0)


# --8<-- [end:predict]


def accuracy(X: ArrayLike, labels: ArrayLike, params: Params, g: str = "relu") -> float:
    """The share of the columns of ``X`` whose predicted class is their label.

    Raises
    ------
    ValueError
        If there is not one label per column of ``X``, or as :func:`predict` and
        :func:`check_labels` raise.
    """
    predicted = predict(X, params, g)
    labels = check_labels(labels, params[f"W{layer_count(params)}"].shape[0])
    if labels.shape != predicted.shape:
        raise ValueError(
            f"got {labels.size} labels for {predicted.size} examples: give one each"
        )
    return float(np.mean(predicted == labels))


# --8<-- [start:train]
def train(
    X: ArrayLike,
    Y: ArrayLike,
    params: Params,
    g: str | Sequence[str],
    lr: float,
    epochs: int,
    batch_size: int | None = None,
    seed: int = 0,
    test: tuple[ArrayLike, ArrayLike] | None = None,
) -> tuple[Params, dict[str, NDArray]]:
    """Minibatch gradient descent on the cross-entropy of a softmax network.

    As chapter 6's ``train``: each epoch visits the examples in an order drawn
    from ``seed``, one step per minibatch. Returns the trained parameters (a
    copy) and the losses after each epoch: ``"train"`` on ``X``, ``Y`` and,
    if ``test`` gives ``(X_test, Y_test)``, ``"test"`` on those.

    Raises
    ------
    FloatingPointError
        If the loss stops being finite or grows a millionfold; names the epoch.
    """
    lr = check_schedule(lr, epochs, batch_size)
    X, Y, params, gs = check_classifier(X, Y, params, g)
    sets = {"train": (X, Y)}
    if test is not None:
        sets["test"] = check_classifier(*test, params, g)[:2]
    params = {key: value.copy() for key, value in params.items()}  # stepped below
    m, rng = X.shape[1], np.random.default_rng(check_seed(seed))
    losses: dict[str, list[float]] = {name: [] for name in sets}
    for _ in range(epochs):
        order = rng.permutation(m) if batch_size else np.arange(m)
        with np.errstate(all="ignore"):  # a diverging run is caught just below
            for start in range(0, m, batch_size or m):
                batch = order[start : start + (batch_size or m)]
                step(X[:, batch], Y[:, batch], params, gs, lr)
            for name, (X_set, Y_set) in sets.items():
                Z = forward_pass(X_set, params, gs)[0]  # (K, m_set)
                losses[name].append(mean_cross_entropy(Y_set, Z))
        stop_if_diverged(losses["train"], lr, params)
    return params, {name: np.array(values) for name, values in losses.items()}


def step(X: NDArray, Y: NDArray, params: Params, gs: list[str], lr: float) -> None:
    """One step of gradient descent on one minibatch, in place."""
    _, cache = forward_pass(X, params, gs)
    dZ = (softmax_columns(cache[f"Z{len(gs)}"]) - Y) / X.shape[1]  # (K, m_batch)
    for key, grad in backward_pass(params, cache, dZ, gs).items():
        params[param_for(key)] -= lr * grad  # "dW2" steps "W2"


# --8<-- [end:train]


def mean_cross_entropy(Y: NDArray, Z: NDArray) -> float:
    """:func:`cross_entropy` on checked arrays; NaN if ``Z`` is no longer finite."""
    if not np.all(np.isfinite(Z)):
        return float("nan")
    return float(-np.sum(Y * log_softmax_columns(Z)) / Z.shape[1])
