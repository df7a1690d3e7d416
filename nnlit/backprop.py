r"""Backpropagation: the gradient of the error for every weight of a network.

Two versions, as in chapter 6. The first is the source's exercise: one hidden
layer, no biases, one record at a time, written with the source's error terms
:math:`\delta`. The second is the general :math:`L`-layer recursion in the
notation of chapter 2, for all records at once, with biases:

.. math::

    dZ^{[l]} = dA^{[l]} \odot g'^{[l]}(Z^{[l]}), \quad
    dW^{[l]} = dZ^{[l]} A^{[l-1]\top}, \quad
    db^{[l]} = \textstyle\sum_{\text{columns}} dZ^{[l]}, \quad
    dA^{[l-1]} = W^{[l]\top} dZ^{[l]}

starting from :math:`dA^{[L]} = (\hat Y - Y)/m`, the gradient of the error
:math:`E = \frac{1}{2m} \sum (Y - \hat Y)^2` over ``m`` examples.
"""

# --8<-- [start:imports]
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlit.activations import get_derivative, sigmoid
from nnlit.checks import as_float_array, check_schedule, check_seed, stop_if_diverged
from nnlit.layers import (
    Params,
    check_input,
    check_network,
    forward_pass,
    param_for,
)

# --8<-- [end:imports]


# --8<-- [start:two_layer_step]
def two_layer_step(
    x: NDArray, y: float, W1: NDArray, w2: NDArray
) -> tuple[NDArray, NDArray, float]:
    r"""The source's backpropagation for one record: one hidden sigmoid layer.

    Shapes: ``x`` ``(n,)``, ``W1`` ``(n_hidden, n)``, ``w2`` ``(n_hidden,)``.
    Returns the steps (before the learning rate) for ``W1`` and ``w2``, and the
    output. Each step is an error term times the input of its weight.
    """
    hidden = sigmoid(W1 @ x)  # (n_hidden,)
    output = sigmoid(hidden @ w2)  # one number: the hidden outputs, weighted
    delta_o = (y - output) * output * (1 - output)  # output error term
    delta_h = w2 * delta_o * hidden * (1 - hidden)  # sent back through w2
    return np.outer(delta_h, x), delta_o * hidden, output


# --8<-- [end:two_layer_step]


# --8<-- [start:train_two_layer]
def train_two_layer_per_record(
    X: NDArray, y: NDArray, W1: NDArray, w2: NDArray, lr: float, epochs: int
) -> tuple[NDArray, NDArray, NDArray]:
    """Train the source's network one record at a time, updating once per epoch.

    Returns the final ``W1``, ``w2`` and the loss (mean of ``(y - y_hat)**2``)
    after each epoch.
    """
    W1, w2, losses = W1.copy(), w2.copy(), []
    for _ in range(epochs):
        step_W1, step_w2 = np.zeros_like(W1), np.zeros_like(w2)
        for x_i, y_i in zip(X.T, y, strict=True):
            dW1, dw2, _ = two_layer_step(x_i, y_i, W1, w2)
            step_W1 += dW1
            step_w2 += dw2
        W1 += lr * step_W1 / len(y)
        w2 += lr * step_w2 / len(y)
        losses.append(np.mean((y - sigmoid(w2 @ sigmoid(W1 @ X))) ** 2))
    return W1, w2, np.array(losses)


# --8<-- [end:train_two_layer]


def loss(Y: NDArray, Y_hat: NDArray) -> float:
    r"""Half the mean squared error, :math:`\frac{1}{2m} \sum (Y - \hat Y)^2`."""
    return float(0.5 * np.sum((Y - Y_hat) ** 2) / Y.shape[1])


# --8<-- [start:backward]
def backward_pass(
    params: Params, cache: Params, Y: NDArray, gs: Sequence[str]
) -> dict[str, NDArray]:
    r"""Gradients of :math:`E = \frac{1}{2m}\sum (Y - \hat Y)^2` for every parameter.

    ``cache`` is what the forward pass returned; ``gs`` names each layer's
    activation. Returns ``dW{l}`` (shape of ``W{l}``) and, where the network has
    biases, ``db{l}`` (shape of ``b{l}``). Takes checked arguments: see
    :func:`backward`.
    """
    L = len(gs)
    dA = (cache[f"A{L}"] - Y) / Y.shape[1]  # dE/dA^[L], (n_L, m)
    grads = {}
    for l in range(L, 0, -1):
        dZ = dA * get_derivative(gs[l - 1])(cache[f"Z{l}"])  # (n_l, m)
        grads[f"dW{l}"] = dZ @ cache[f"A{l - 1}"].T  # (n_l, n_{l-1})
        if f"b{l}" in params:
            grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True)  # (n_l, 1)
        if l > 1:  # dA^[0], the slope for the inputs, steps no parameter
            dA = params[f"W{l}"].T @ dZ  # (n_{l-1}, m)
    return grads


# --8<-- [end:backward]


def backward(
    params: Params, cache: Params, Y: ArrayLike, g: str | Sequence[str] = "sigmoid"
) -> dict[str, NDArray]:
    """:func:`backward_pass` after checking its arguments.

    ``g`` is one activation name for every layer, or one per layer.

    Raises
    ------
    TypeError, ValueError
        If ``params`` or ``g`` is not a network (see
        :func:`nnlit.layers.check_network`), ``cache`` lacks an ``A{l}`` or
        ``Z{l}`` of the right shape, or ``Y`` is not the shape of ``A{L}``.
    """
    params, gs = check_network(params, g)
    L = len(gs)
    needed = [f"A{l}" for l in range(L + 1)] + [f"Z{l}" for l in range(1, L + 1)]
    missing = [key for key in needed if key not in cache]
    if missing:
        raise ValueError(
            f"cache lacks {missing}: pass what nnlit.layers.forward returned"
            f" for this {L}-layer network"
        )
    cache = {key: as_float_array(cache[key], key) for key in needed}
    Y = check_targets(Y, cache[f"A{L}"].shape)
    return backward_pass(params, cache, Y, gs)


def gradients(
    X: ArrayLike, Y: ArrayLike, params: Params, g: str | Sequence[str] = "sigmoid"
) -> tuple[float, dict[str, NDArray]]:
    """Forward and backward pass: the error and its gradient for every parameter.

    Raises
    ------
    ValueError
        If ``Y`` is not ``(n_L, m)`` for the network's output size and ``X``'s
        number of examples, or as :func:`nnlit.layers.forward` raises.
    """
    X, Y, params, gs = check_problem(X, Y, params, g)
    Y_hat, cache = forward_pass(X, params, gs)
    return loss(Y, Y_hat), backward_pass(params, cache, Y, gs)


def check_targets(Y: ArrayLike, predicted: tuple[int, ...]) -> NDArray[np.floating]:
    """Return ``Y`` as a float array if it has the ``predicted`` shape, or raise.

    Raises
    ------
    ValueError
        If ``Y``'s shape is not ``predicted``, ``(n_L, m)``; the message says why.
    """
    Y = as_float_array(Y, "Y")
    if Y.shape != predicted:
        raise ValueError(
            f"Y has shape {Y.shape} but the network predicts shape {predicted}:"
            " Y must have one row per output unit and one column per example"
        )
    return Y


def check_problem(
    X: ArrayLike, Y: ArrayLike, params: Params, g: str | Sequence[str]
) -> tuple[NDArray, NDArray, Params, list[str]]:
    """``X``, ``Y``, ``params`` and one activation per layer, checked together.

    The arrays may be the caller's own: a trainer copies what it will change.
    """
    params, gs = check_network(params, g)
    X = check_input(X, params["W1"].shape[1])
    Y = check_targets(Y, (params[f"W{len(gs)}"].shape[0], X.shape[1]))
    return X, Y, params, gs


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
) -> tuple[Params, NDArray]:
    """Gradient descent with backpropagation, full batch or in minibatches.

    With ``batch_size``, each epoch visits the examples in a fresh order drawn
    from a generator seeded with ``seed``, one minibatch per step.
    Returns the trained parameters (a copy) and the full-batch error after each
    epoch. Every argument is checked here, once; the loop runs on checked arrays.

    Raises
    ------
    FloatingPointError
        If the error stops being a finite number, or grows a millionfold; the
        message names the epoch.
    """
    lr = check_schedule(lr, epochs, batch_size)
    X, Y, params, gs = check_problem(X, Y, params, g)
    params = {key: value.copy() for key, value in params.items()}  # stepped below
    m, rng, losses = X.shape[1], np.random.default_rng(check_seed(seed)), []
    for _ in range(epochs):
        order = rng.permutation(m) if batch_size else np.arange(m)
        with np.errstate(all="ignore"):  # a diverging run is caught just below
            for start in range(0, m, batch_size or m):
                batch = order[start : start + (batch_size or m)]
                _, cache = forward_pass(X[:, batch], params, gs)
                grads = backward_pass(params, cache, Y[:, batch], gs)
                for key, grad in grads.items():
                    params[param_for(key)] -= lr * grad  # "dW2" steps "W2"
            losses.append(loss(Y, forward_pass(X, params, gs)[0]))
        stop_if_diverged(losses, lr, params)
    return params, np.array(losses)


# --8<-- [end:train]
