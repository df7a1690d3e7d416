r"""Gradient descent for one sigmoid unit, as the source teaches it (chapter 5).

The unit computes :math:`\hat y = \sigma(h)` with :math:`h = \mathbf{w} \cdot
\mathbf{x}`; as in the source, there is no bias (add an input that is always 1
to get one). Training minimises the squared error
:math:`E = \tfrac12 \sum_\mu (y^\mu - \hat y^\mu)^2` by stepping every weight
against its gradient: :math:`\Delta w_i = \eta\, \delta\, x_i` with the error
term :math:`\delta = (y - \hat y)\, \sigma'(h)`.

Data follow nnlit's convention: ``X`` is ``(n, m)``, one record per column;
``y`` is ``(m,)``; ``w`` is ``(n,)``.
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlit.activations import sigmoid, sigmoid_prime
from nnlit.checks import (
    as_float_array,
    as_scalar,
    check_examples,
    check_learning_rate,
    check_schedule,
    stop_if_diverged,
)

# --8<-- [end:imports]


# --8<-- [start:update_step]
def record_step(
    x: NDArray, y: float, w: NDArray, lr: float
) -> tuple[float, float, NDArray]:
    r"""One gradient-descent step for one record, on checked arguments.

    Returns the output :math:`\hat y = \sigma(\mathbf{w} \cdot \mathbf{x})`, the
    error term :math:`\delta = (y - \hat y)\, \sigma'(h)` and the weight step
    :math:`\Delta \mathbf{w} = \eta\, \delta\, \mathbf{x}` (shape ``(n,)``).
    """
    h = x @ w
    y_hat = sigmoid(h)
    delta = (y - y_hat) * sigmoid_prime(h)
    return y_hat, delta, lr * delta * x


def update_step(
    x: ArrayLike, y: float, w: ArrayLike, lr: float
) -> tuple[float, float, NDArray]:
    """:func:`record_step` after checking its arguments: ``x``, ``w`` ``(n,)``."""
    x, w = as_float_array(x, "x"), as_float_array(w, "w")
    if x.ndim != 1 or x.shape != w.shape:
        raise ValueError(f"x and w must have one shape (n,), got {x.shape}, {w.shape}")
    return record_step(x, as_scalar(y, "y"), w, check_learning_rate(lr))


# --8<-- [end:update_step]


def check_problem(X: ArrayLike, y: ArrayLike, w: ArrayLike, lr: float, epochs: int):
    """Return ``X, y, w`` as float arrays after checking every argument.

    Raises
    ------
    ValueError
        If the shapes do not fit (``X`` ``(n, m)``, ``y`` ``(m,)``, ``w``
        ``(n,)``), or ``lr`` or ``epochs`` is not positive.
    TypeError
        If ``epochs`` is not an integer, or an array is not numeric.
    """
    lr = check_schedule(lr, epochs)
    return (*check_data(X, y, w), lr)


def check_data(
    X: ArrayLike, y: ArrayLike, w: ArrayLike
) -> tuple[NDArray, NDArray, NDArray]:
    """``X``, ``y``, ``w`` as float arrays of shapes ``(n, m)``, ``(m,)``, ``(n,)``."""
    X, y, w = as_float_array(X, "X"), as_float_array(y, "y"), as_float_array(w, "w")
    if X.ndim != 2 or y.shape != (X.shape[1],) or w.shape != (X.shape[0],):
        raise ValueError(
            f"shape mismatch: X {X.shape}, y {y.shape}, w {w.shape};"
            " expected X (n, m), y (m,), w (n,)"
        )
    return check_examples(X), y, w


def mean_squared_error(y: NDArray, y_hat: NDArray) -> float:
    r"""Mean over records of :math:`(y - \hat y)^2`: the loss the course prints."""
    return float(np.mean((y - y_hat) ** 2))


# --8<-- [start:train_per_record]
def train_per_record(
    X: ArrayLike, y: ArrayLike, w: ArrayLike, lr: float, epochs: int
) -> tuple[NDArray, NDArray]:
    """Train one record at a time, as the source teaches; update once per epoch.

    Each epoch sums the steps of every record, then moves the weights by the
    average step. Returns the final weights and the loss after each epoch.
    """
    X, y, w, lr = check_problem(X, y, w, lr, epochs)
    w, losses = w.copy(), []
    for _ in range(epochs):
        step = np.zeros_like(w)
        with np.errstate(all="ignore"):  # a diverging run is caught just below
            for x_i, y_i in zip(X.T, y, strict=True):  # one record at a time
                _, _, dw = record_step(x_i, y_i, w, lr)
                step += dw
            w += step / len(y)
            losses.append(mean_squared_error(y, sigmoid(w @ X)))
        stop_if_diverged(losses, lr, {"w": w})
    return w, np.array(losses)


# --8<-- [end:train_per_record]


# --8<-- [start:train]
def train(
    X: ArrayLike, y: ArrayLike, w: ArrayLike, lr: float, epochs: int
) -> tuple[NDArray, NDArray]:
    """The same training, every record at once: the loop becomes ``X @ delta``.

    Returns the final weights and the loss after each epoch.
    """
    X, y, w, lr = check_problem(X, y, w, lr, epochs)
    w, losses = w.copy(), []
    for _ in range(epochs):
        with np.errstate(all="ignore"):  # a diverging run is caught just below
            h = w @ X  # (n,) @ (n, m) -> (m,)
            delta = (y - sigmoid(h)) * sigmoid_prime(h)  # error terms, (m,)
            w += lr * (X @ delta) / len(y)  # sum of delta * x, averaged
            losses.append(mean_squared_error(y, sigmoid(w @ X)))
        stop_if_diverged(losses, lr, {"w": w})
    return w, np.array(losses)


# --8<-- [end:train]


def share_correct(y_hat: NDArray, y: NDArray) -> float:
    """Share of outputs that, rounded at 0.5, equal their 0/1 labels."""
    return float(np.mean((y_hat > 0.5) == (y == 1)))


def accuracy(X: ArrayLike, y: ArrayLike, w: ArrayLike) -> float:
    """Share of records where the unit's output, rounded at 0.5, equals the label."""
    X, y, w = check_data(X, y, w)
    return share_correct(sigmoid(w @ X), y)
