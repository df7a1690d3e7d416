"""The checks every public function of nnlit runs on its arguments, once.

Each public function passes what it is given through these checks at its
boundary, so bad input fails early with one sentence that names the argument,
what was expected and what came, instead of broadcasting silently or returning
NaN. Inner loops (per epoch, per batch) work on checked arrays and never check
them again.
"""

import math
from numbers import Integral, Real

import numpy as np
from numpy.typing import ArrayLike, NDArray

FLOATS = (np.dtype(np.float32), np.dtype(np.float64))
GROWTH_LIMIT = 1e6  # a loss this many times its first value has diverged
SEED_LIMIT = 2**32  # legacy RandomState seeds are below this


def as_float_array(
    value: ArrayLike, name: str, *, finite: bool = True
) -> NDArray[np.floating]:
    """Return ``value`` as a floating-point array, or raise a clear error.

    float32 and float64 are kept; integers and float16 become float64. With
    ``finite=False`` NaN and infinity pass through (element-wise functions such
    as the activations map NaN to NaN, as NumPy's own functions do).

    Raises
    ------
    TypeError
        If ``value`` is not numeric (strings, objects, booleans, complex numbers).
    ValueError
        If ``value`` is ragged, or contains NaN or infinity and ``finite`` is true.
    """
    try:
        array = np.asarray(value)
    except (ValueError, TypeError) as error:  # ragged nested lists
        raise ValueError(f"{name} is not a rectangular array: {error}") from None
    kind = array.dtype.kind
    if kind not in "iuf":
        raise TypeError(f"{name} must be real numbers, got dtype {array.dtype}")
    if array.dtype not in FLOATS:
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
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return int(value)


def check_seed(value: object, name: str = "seed") -> int:
    """Return ``value`` as an int that NumPy's generators, legacy ones too, accept.

    Raises
    ------
    TypeError
        If ``value`` is not an integer (``True`` and ``1.0`` are not).
    ValueError
        If ``value`` is negative or not below ``2**32``.
    """
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if not 0 <= value < SEED_LIMIT:
        raise ValueError(f"{name} must be from 0 to 2**32 - 1, got {value}")
    return int(value)


def check_positive(value: object, name: str) -> float:
    """Return ``value`` as a float if it is a finite positive number.

    Raises
    ------
    TypeError
        If ``value`` is not a real number (a string, ``True``, an array).
    ValueError
        If ``value`` is zero, negative, NaN or infinite.
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number, got {value!r}")
    if not value > 0:  # NaN too
        raise ValueError(f"{name} must be positive, got {value}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return float(value)


def check_learning_rate(lr: object) -> float:
    """Return ``lr`` as a float if it is a finite positive number."""
    return check_positive(lr, "the learning rate")


def check_dtype(dtype: object) -> np.dtype:
    """Return ``dtype`` as float32 or float64, the precisions nnlit computes in."""
    try:  # np.dtype(None) is float64: None must not pass for a choice
        found = None if dtype is None else np.dtype(dtype)
    except TypeError:
        found = None
    if found is None or found not in FLOATS:
        raise ValueError(f"dtype must be np.float32 or np.float64, got {dtype!r}")
    return found


def check_examples(array: NDArray, name: str = "X") -> NDArray:
    """Return ``array`` (examples as columns) if it holds at least one example."""
    if array.ndim == 2 and array.shape[1] == 0:
        raise ValueError(f"{name} has no examples: shape {array.shape}")
    return array


def check_schedule(lr: float, epochs: int, batch_size: int | None = None) -> float:
    """Check a training run's learning rate, epoch count and batch size.

    Returns the learning rate as a float.

    Raises
    ------
    ValueError
        If ``lr`` is not finite and positive, or ``epochs`` or ``batch_size``
        is below 1.
    TypeError
        If ``lr`` is not a number, or ``epochs`` or ``batch_size`` not an integer.
    """
    as_count(epochs, "epochs")
    if batch_size is not None:
        as_count(batch_size, "batch_size")
    return check_learning_rate(lr)


def stop_if_diverged(
    losses: list[float], lr: float, weights: dict[str, NDArray] | None = None
) -> None:
    """Raise ``FloatingPointError`` if training has diverged; name the epoch.

    It has when the last loss is not finite or more than ``GROWTH_LIMIT`` times
    the first, or when a weight is no longer finite (a saturated sigmoid keeps
    the loss finite while its weights run off to infinity).
    """
    last, epoch = losses[-1], len(losses)
    if not math.isfinite(last) or last > GROWTH_LIMIT * losses[0]:
        what = "the loss is " + (
            "not finite" if not math.isfinite(last) else f"{last:.3g}"
        )
    elif weights and not all(np.all(np.isfinite(v)) for v in weights.values()):
        what = "the weights are not finite"
    else:
        return
    raise FloatingPointError(
        f"training diverged at epoch {epoch}: {what}"
        f" (learning rate {lr}); try a smaller learning rate"
    )
