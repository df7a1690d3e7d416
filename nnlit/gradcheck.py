r"""Gradient checking: compare a gradient with central finite differences.

For each parameter entry :math:`\theta`, nudge it by :math:`\pm\varepsilon` and
measure the slope of the error, :math:`\big(E(\theta + \varepsilon) -
E(\theta - \varepsilon)\big) / 2\varepsilon`, whose own error is of order
:math:`\varepsilon^2`. Backpropagation is right when the two agree to a small
relative error, about 1e-7 or less in float64; a bug usually shows as 1e-2 or
worse.
"""

# --8<-- [start:imports]
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

# --8<-- [end:imports]


# --8<-- [start:numerical_gradient]
def numerical_gradient(
    error: Callable[[dict[str, NDArray]], float],
    params: dict[str, NDArray],
    eps: float = 1e-6,
) -> dict[str, NDArray]:
    """Central differences of ``error(params)`` for every entry of every array.

    Returns ``{"d" + key: array}``, shaped like ``params``; ``params`` is left
    as it was.
    """
    grads = {}
    for key, value in params.items():
        grad = np.zeros_like(value, dtype=float)
        for index in np.ndindex(value.shape):
            saved = value[index]
            value[index] = saved + eps
            above = error(params)
            value[index] = saved - eps
            below = error(params)
            value[index] = saved
            grad[index] = (above - below) / (2 * eps)
        grads["d" + key] = grad
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
        If the two hold different arrays or shapes.
    """
    if a.keys() != b.keys() or any(a[k].shape != b[k].shape for k in a):
        raise ValueError(f"cannot compare gradients for {sorted(a)} and {sorted(b)}")
    u = np.concatenate([a[k].ravel() for k in sorted(a)])
    v = np.concatenate([b[k].ravel() for k in sorted(a)])
    scale = np.linalg.norm(u) + np.linalg.norm(v)
    return float(np.linalg.norm(u - v) / scale) if scale else 0.0


# --8<-- [end:relative_error]
