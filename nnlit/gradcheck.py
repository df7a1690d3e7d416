r"""Gradient checking: compare a gradient with central finite differences.

For each parameter entry :math:`\theta`, nudge it by :math:`\pm\varepsilon` and
measure the slope of the error, :math:`\big(E(\theta + \varepsilon) -
E(\theta - \varepsilon)\big) / 2\varepsilon`, whose own error is of order
:math:`\varepsilon^2`. Backpropagation is right when the two agree to a small
relative error, about 1e-7 or less in float64; a bug usually shows as 1e-2 or
worse.
"""

# --8<-- [start:imports]
from collections.abc import Callable, Mapping
from numbers import Real

import numpy as np
from numpy.typing import NDArray

from nnlit.checks import as_float_array, as_scalar, check_positive

# --8<-- [end:imports]


# --8<-- [start:numerical_gradient]
def numerical_gradient(
    error: Callable[[dict[str, NDArray]], float],
    params: dict[str, NDArray],
    eps: float = 1e-6,
) -> dict[str, NDArray]:
    """Central differences of ``error(params)`` for every entry of every array.

    Returns ``{"d" + key: array}``, shaped like ``params``; ``params`` is left
    as it was. ``error`` is called with float64 copies: nudges of ``eps`` are
    lost in integers and blurred in float32.

    Raises
    ------
    TypeError, ValueError
        If ``error`` is not callable, ``params`` is not a dict of finite real
        arrays, ``eps`` is not a finite positive number, or ``error`` returns
        something other than one finite number.
    """
    params = check_gradient_problem(error, params, eps)
    grads = {}
    for key, value in params.items():
        grad = np.zeros_like(value, dtype=float)
        for index in np.ndindex(value.shape):
            saved = value[index]
            value[index] = saved + eps
            above = error_value(error, params)
            value[index] = saved - eps
            below = error_value(error, params)
            value[index] = saved
            grad[index] = (above - below) / (2 * eps)
        grads["d" + key] = check_finite_result(grad, key)
    return grads


# --8<-- [end:numerical_gradient]


# --8<-- [start:relative_error]
def relative_error(a: dict[str, NDArray], b: dict[str, NDArray]) -> float:
    r"""Relative error between two gradients, each taken as one long vector.

    :math:`\lVert a - b \rVert / (\lVert a \rVert + \lVert b \rVert)`, 0 when
    both are 0. One vector for all parameters, because a tiny block of the
    gradient is dominated by the finite differences' rounding noise.

    Raises
    ------
    ValueError
        If the two hold different arrays or shapes, or NaN or infinity.
    TypeError
        If either is not a dict of real arrays.
    """
    a, b = as_gradient(a, "a"), as_gradient(b, "b")
    if a.keys() != b.keys() or any(a[k].shape != b[k].shape for k in a):
        raise ValueError(f"cannot compare gradients for {sorted(a)} and {sorted(b)}")
    u = np.concatenate([a[k].ravel() for k in sorted(a)])
    v = np.concatenate([b[k].ravel() for k in sorted(a)])
    scale = np.linalg.norm(u) + np.linalg.norm(v)
    return float(np.linalg.norm(u - v) / scale) if scale else 0.0


# --8<-- [end:relative_error]


def as_gradient(grads: object, name: str) -> dict[str, NDArray]:
    """``grads`` as a dict of finite float arrays, or a clear error."""
    if not isinstance(grads, Mapping) or not grads:
        raise TypeError(f"{name} must be a non-empty dict of arrays, got {grads!r}")
    return {
        key: as_float_array(value, f"{name}[{key!r}]") for key, value in grads.items()
    }


def check_gradient_problem(
    error: object, params: object, eps: object
) -> dict[str, NDArray]:
    """Float64 copies of ``params`` after checking ``error``, ``params``, ``eps``."""
    if not callable(error):
        raise TypeError(f"error must be a function of params, got {error!r}")
    check_positive(eps, "eps")
    checked = as_gradient(params, "params")
    return {key: value.astype(np.float64) for key, value in checked.items()}


def check_finite_result(grad: NDArray, key: str) -> NDArray:
    """``grad`` if every difference quotient is finite: ``error`` stayed a number."""
    if not np.all(np.isfinite(grad)):
        raise ValueError(
            f"error(params) was not a finite number near {key}: check the error"
            " function, or use a smaller eps"
        )
    return grad


def error_value(error: Callable, params: dict[str, NDArray]) -> float:
    """``error(params)`` as a float, or a clear error if it is not one number."""
    value = error(params)
    if isinstance(value, bool) or not isinstance(value, Real | np.ndarray):
        raise TypeError(f"error(params) must return a number, got {value!r}")
    return as_scalar(value, "error(params)")
