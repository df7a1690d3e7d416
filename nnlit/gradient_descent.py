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
    check_seed,
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


# --8<-- [start:train_batches]
def train_batches(
    X: ArrayLike,
    y: ArrayLike,
    w: ArrayLike,
    lr: float,
    epochs: int,
    batch_size: int,
    seed: int = 0,
) -> tuple[NDArray, NDArray]:
    """The same training, one step per batch of ``batch_size`` records.

    Each epoch deals the records out in a fresh order (a generator seeded with
    ``seed``) and steps once per batch, by that batch's average step. A batch of
    every record is :func:`train`; a batch of one record is stochastic gradient
    descent. Returns the final weights and the loss on all records after each epoch.
    """
    lr = check_schedule(lr, epochs, batch_size)
    X, y, w = check_data(X, y, w)
    w, losses, m = w.copy(), [], len(y)
    rng = np.random.default_rng(check_seed(seed))
    for _ in range(epochs):
        order = rng.permutation(m)
        with np.errstate(all="ignore"):  # a diverging run is caught just below
            for start in range(0, m, batch_size):
                batch = order[start : start + batch_size]
                h = w @ X[:, batch]  # (len(batch),)
                delta = (y[batch] - sigmoid(h)) * sigmoid_prime(h)
                w += lr * (X[:, batch] @ delta) / len(batch)
            losses.append(mean_squared_error(y, sigmoid(w @ X)))
        stop_if_diverged(losses, lr, {"w": w})
    return w, np.array(losses)


# --8<-- [end:train_batches]


# --8<-- [start:bowl]
# A linear unit with two weights and four records (columns): its error is a bowl.
BOWL = {
    "X": np.array([[1.0, 2.0, -1.0, 0.5], [0.5, 1.5, 0.0, -1.0]]),  # (2, 4)
    "y": np.array([1.0, 2.0, -0.5, 0.0]),
    "start": np.array([-1.0, 2.0]),
    "rates": (0.1, 0.4, 0.9, 1.05),  # creeps, good, oscillates, diverges
    "steps": 12,
}


def bowl_error(X: NDArray, y: NDArray, w: ArrayLike) -> NDArray:
    r"""The error of a linear unit :math:`\hat y = \mathbf{w} \cdot \mathbf{x}`.

    :math:`E(\mathbf{w}) = \frac{1}{2m} \sum_\mu (y^\mu - \mathbf{w} \cdot
    \mathbf{x}^\mu)^2`, a bowl over weight space. ``w`` is ``(n,)`` or a stack
    of weights ``(..., n)``; the result has the stack's shape.
    """
    residuals = y - np.asarray(w) @ X  # (..., m)
    return 0.5 * np.mean(residuals**2, axis=-1)


def bowl_path(X: NDArray, y: NDArray, w0: ArrayLike, lr: float, steps: int) -> NDArray:
    r"""Weights visited by gradient descent on :func:`bowl_error`, ``(steps + 1, n)``.

    Each step is :math:`\Delta \mathbf{w} = \eta\, X (\mathbf{y} - \mathbf{w} X) / m`.
    """
    path = [np.asarray(w0, dtype=float)]
    for _ in range(steps):
        w = path[-1]
        path.append(w + lr * X @ (y - w @ X) / len(y))
    return np.array(path)


def bowl_curvature(X: NDArray) -> NDArray:
    r"""Eigenvalues of the bowl's Hessian :math:`X X^\top / m`, smallest first."""
    return np.linalg.eigvalsh(X @ X.T / X.shape[1])


# --8<-- [end:bowl]


# --8<-- [start:unit_hessian]
def unit_hessian(X: ArrayLike, y: ArrayLike, w: ArrayLike) -> NDArray:
    r"""The Hessian of the mean error :math:`E/m` of one sigmoid unit, ``(n, n)``.

    With :math:`s = \sigma(h)`, :math:`s' = s(1 - s)` and :math:`s'' = s'(1 - 2s)`,
    it is :math:`\frac1m \sum_\mu \big(s'^2 - (y - s)\, s''\big)\,
    \mathbf{x}^\mu \mathbf{x}^{\mu\top}`: what :func:`train` descends, curved.
    """
    X, y, w = check_data(X, y, w)
    s = sigmoid(w @ X)  # (m,)
    slope = s * (1 - s)
    weight = slope**2 - (y - s) * slope * (1 - 2 * s)  # (m,)
    return (X * weight) @ X.T / len(y)


# --8<-- [end:unit_hessian]
