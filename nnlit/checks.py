"""Input checks shared by nnlit's public functions.

Every public function passes its array arguments through :func:`as_float_array`,
so bad input fails early with a message that names the argument and the problem,
instead of broadcasting silently or returning NaN.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray


def as_float_array(
    value: ArrayLike, name: str, *, finite: bool = True
) -> NDArray[np.floating]:
    """Return ``value`` as a floating-point array, or raise a clear error.

    float32 and float64 are kept; integers become float64. With
    ``finite=False`` NaN and infinity pass through (element-wise functions such
    as the activations map NaN to NaN, as NumPy's own functions do).

    Raises
    ------
    TypeError
        If ``value`` is not numeric (strings, objects, booleans, complex numbers).
    ValueError
        If ``value`` contains NaN or infinity and ``finite`` is true.
    """
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"{name} is not a rectangular array: {error}") from None
    kind = array.dtype.kind
    if kind not in "iuf":
        raise TypeError(f"{name} must be real numbers, got dtype {array.dtype}")
    if kind != "f":
        array = array.astype(np.float64)
    if finite and not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinity")
    return array


def as_scalar(value: ArrayLike, name: str) -> float:
    """Return ``value`` as a Python float, or raise if it is not one number."""
    array = as_float_array(value, name)
    if array.ndim != 0:
        raise ValueError(f"{name} must be a single number, got shape {array.shape}")
    return float(array)


def as_count(value: object, name: str) -> int:
    """Return ``value`` as an int of at least 1: a size, an epoch count.

    Raises
    ------
    TypeError
        If ``value`` is not an integer (``True`` and ``2.0`` are not).
    ValueError
        If ``value`` is zero or negative.
    """
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return int(value)


def check_learning_rate(lr: float) -> float:
    """Return ``lr`` if it is a positive number; NaN and zero are refused."""
    if not lr > 0:
        raise ValueError(f"the learning rate must be positive, got {lr}")
    return lr


def check_schedule(lr: float, epochs: int, batch_size: int | None = None) -> None:
    """Check a training run's learning rate, epoch count and batch size.

    Raises
    ------
    ValueError
        If ``lr`` is not positive, or ``epochs`` or ``batch_size`` is below 1.
    TypeError
        If ``epochs`` or ``batch_size`` is not an integer.
    """
    check_learning_rate(lr)
    as_count(epochs, "epochs")
    if batch_size is not None:
        as_count(batch_size, "batch_size")
