"""Activation functions, looked up by name.

Chapter 1 needs only the idea of an activation ``g``; chapter 3 studies these
functions in depth. Each one works element-wise on a scalar or an array of any
shape and keeps float32 as float32.
"""

# --8<-- [start:imports]
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

# --8<-- [end:imports]

Activation = Callable[[NDArray[np.floating]], NDArray[np.floating]]


# --8<-- [start:sigmoid]
def sigmoid(z: NDArray[np.floating]) -> NDArray[np.floating]:
    r"""Logistic sigmoid, :math:`\sigma(z) = 1 / (1 + e^{-z})`, without overflow.

    ``exp`` only ever sees :math:`-|z| \le 0`, so it cannot overflow: for
    :math:`z < 0` the same value is written as :math:`e^{z} / (1 + e^{z})`.
    """
    e = np.exp(-np.abs(z))  # in (0, 1]
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


# --8<-- [end:sigmoid]


def tanh(z: NDArray[np.floating]) -> NDArray[np.floating]:
    r"""Hyperbolic tangent, :math:`(e^z - e^{-z}) / (e^z + e^{-z})`."""
    return np.tanh(z)


def relu(z: NDArray[np.floating]) -> NDArray[np.floating]:
    r"""Rectified linear unit, :math:`\max(0, z)`."""
    return np.maximum(z, 0)


def leaky_relu(z: NDArray[np.floating]) -> NDArray[np.floating]:
    r"""Leaky ReLU, :math:`\max(0.01 z, z)`."""
    return np.maximum(0.01 * z, z)


def identity(z: NDArray[np.floating]) -> NDArray[np.floating]:
    """Identity, :math:`g(z) = z`: the neuron without an activation."""
    return z


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "identity": identity,
}


def get_activation(g: str | Activation) -> Activation:
    """Return the activation called ``g``, or ``g`` itself if it is callable.

    Raises
    ------
    ValueError
        If ``g`` names no known activation; the message lists the valid names.
    """
    if callable(g):
        return g
    try:
        return ACTIVATIONS[g]
    except (KeyError, TypeError):
        names = ", ".join(sorted(ACTIVATIONS))
        raise ValueError(f"unknown activation {g!r}; choose one of: {names}") from None
