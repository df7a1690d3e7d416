r"""Activation functions and their derivatives, looked up by name.

Each function works element-wise on a scalar or an array of any shape, keeps
float32 as float32, maps NaN to NaN, and never overflows: every ``exp`` here
sees only :math:`-|z| \le 0`. Each function sits beside its derivative ``*_prime``;
:data:`ACTIVATIONS` maps a name to the two, as an :class:`Activation` record.
"""

# --8<-- [start:imports]
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlit.checks import as_float_array

# --8<-- [end:imports]

Elementwise = Callable[[ArrayLike], NDArray[np.floating]]  # z -> g(z), any shape
LEAKY_SLOPE = 0.01


def _real(z: ArrayLike) -> NDArray[np.floating]:
    return as_float_array(z, "z", finite=False)


# --8<-- [start:sigmoid]
def sigmoid(z: ArrayLike) -> NDArray[np.floating]:
    r"""Logistic sigmoid, :math:`\sigma(z) = 1 / (1 + e^{-z})`, without overflow.

    For :math:`z < 0` the same value is computed as :math:`e^{z} / (1 + e^{z})`,
    so ``exp`` only ever sees :math:`-|z|`. Range :math:`(0, 1)`.
    """
    z = _real(z)
    e = np.exp(-np.abs(z))  # in (0, 1]: cannot overflow
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_prime(z: ArrayLike) -> NDArray[np.floating]:
    r""":math:`\sigma'(z) = \sigma(z)(1 - \sigma(z)) = e^{-|z|} / (1 + e^{-|z|})^2`.

    The last form keeps full precision where :math:`1 - \sigma(z)` would cancel.
    """
    e = np.exp(-np.abs(_real(z)))
    return np.minimum(e / (1 + e) ** 2, 0.25)  # rounding may overshoot by 1 ulp


# --8<-- [end:sigmoid]


# --8<-- [start:tanh]
def tanh(z: ArrayLike) -> NDArray[np.floating]:
    r"""Hyperbolic tangent, :math:`(e^z - e^{-z}) / (e^z + e^{-z})`.

    Range :math:`(-1, 1)`. NumPy's ``tanh`` never forms :math:`e^{\pm z}` itself.
    """
    return np.tanh(_real(z))


def tanh_prime(z: ArrayLike) -> NDArray[np.floating]:
    r""":math:`\tanh'(z) = 1 - \tanh^2(z) = 4 e^{-2|z|} / (1 + e^{-2|z|})^2`."""
    e = np.exp(-2 * np.abs(_real(z)))
    return np.minimum(4 * e / (1 + e) ** 2, 1)  # rounding may overshoot by 1 ulp


# --8<-- [end:tanh]


# --8<-- [start:relu]
def relu(z: ArrayLike) -> NDArray[np.floating]:
    r"""Rectified linear unit, :math:`\max(0, z)`. Range :math:`[0, \infty)`."""
    return np.maximum(_real(z), 0)


def relu_prime(z: ArrayLike) -> NDArray[np.floating]:
    r""":math:`1` for :math:`z > 0`, else :math:`0` (at 0: a convention)."""
    z = _real(z)
    return np.where(np.isnan(z), z, (z > 0).astype(z.dtype))


# --8<-- [end:relu]


# --8<-- [start:leaky_relu]
def leaky_relu(z: ArrayLike) -> NDArray[np.floating]:
    r"""Leaky ReLU, :math:`\max(0.01 z, z)`. Range :math:`(-\infty, \infty)`."""
    z = _real(z)
    return np.maximum(LEAKY_SLOPE * z, z)


def leaky_relu_prime(z: ArrayLike) -> NDArray[np.floating]:
    r""":math:`1` for :math:`z > 0`, else :math:`0.01` (at 0: a convention)."""
    z = _real(z)
    slope = np.where(z > 0, 1, LEAKY_SLOPE).astype(z.dtype)
    return np.where(np.isnan(z), z, slope)


# --8<-- [end:leaky_relu]


def identity(z: ArrayLike) -> NDArray[np.floating]:
    """Identity, :math:`g(z) = z`: a neuron with no activation at all."""
    return _real(z)


def identity_prime(z: ArrayLike) -> NDArray[np.floating]:
    """Derivative of the identity: 1 everywhere."""
    z = _real(z)
    return np.where(np.isnan(z), z, np.ones_like(z))


class Activation(NamedTuple):
    """An activation function and its derivative: what a layer needs of ``g``.

    Attributes
    ----------
    value : callable
        :math:`g`, element-wise.
    slope : callable
        Its derivative :math:`g'`, element-wise.
    """

    value: Elementwise
    slope: Elementwise


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation(sigmoid, sigmoid_prime),
    "tanh": Activation(tanh, tanh_prime),
    "relu": Activation(relu, relu_prime),
    "leaky_relu": Activation(leaky_relu, leaky_relu_prime),
    "identity": Activation(identity, identity_prime),
}


# --8<-- [start:lookup]
def _lookup(g: str) -> Activation:
    try:
        return ACTIVATIONS[g]
    except (KeyError, TypeError):
        names = ", ".join(sorted(ACTIVATIONS))
        raise ValueError(f"unknown activation {g!r}; choose one of: {names}") from None


def get_activation(g: str | Elementwise) -> Elementwise:
    """Return the activation called ``g``, or ``g`` itself if it is callable.

    Raises
    ------
    ValueError
        If ``g`` names no known activation; the message lists the valid names.
    """
    return g if callable(g) else _lookup(g).value


def get_derivative(g: str) -> Elementwise:
    """Return the derivative of the activation called ``g``.

    Raises
    ------
    ValueError
        If ``g`` names no known activation; the message lists the valid names.
    """
    return _lookup(g).slope


# --8<-- [end:lookup]
