r"""One neuron: a weighted sum of the inputs plus a bias, passed through ``g``.

The unit has two halves. Its input half computes :math:`z = w \cdot x + b`;
its output half computes :math:`a = g(z)`. With one neuron the network's
prediction is :math:`\hat y = a`.

Shapes: ``w`` is ``(n,)`` for ``n`` inputs. ``x`` is ``(n,)`` for one example,
or ``(n, m)`` for ``m`` examples stored as columns (the convention of every
later chapter). ``b`` is one number.
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlit.activations import Elementwise, get_activation
from nnlit.checks import as_float_array, as_scalar

# --8<-- [end:imports]


# --8<-- [start:neuron_input]
def neuron_input(x: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.floating]:
    r"""Input half of the neuron, :math:`z = w \cdot x + b`.

    Parameters
    ----------
    x : array_like, shape (n,) or (n, m)
        One example, or ``m`` examples as columns.
    w : array_like, shape (n,)
        One weight per input.
    b : float
        The bias.

    Returns
    -------
    z : ndarray, shape () or (m,)
    """
    x, w = as_float_array(x, "x"), as_float_array(w, "w")
    b = as_scalar(b, "b")
    if w.ndim != 1 or x.ndim not in (1, 2) or x.shape[0] != w.shape[0]:
        raise ValueError(
            f"shape mismatch: w has shape {w.shape} and x has shape {x.shape};"
            " expected w of shape (n,) and x of shape (n,) or (n, m)"
        )
    return w @ x + b  # (n,) @ (n, m) -> (m,)


# --8<-- [end:neuron_input]


# --8<-- [start:neuron_output]
def neuron_output(
    z: ArrayLike, g: str | Elementwise = "sigmoid"
) -> NDArray[np.floating]:
    """Output half of the neuron, :math:`a = g(z)`.

    Parameters
    ----------
    z : array_like, any shape
        What the input half computed.
    g : str or callable
        An activation name from :data:`nnlit.activations.ACTIVATIONS`, or a function.

    Returns
    -------
    a : ndarray, same shape as ``z``
    """
    return get_activation(g)(as_float_array(z, "z"))


# --8<-- [end:neuron_output]


# --8<-- [start:neuron]
def neuron(
    x: ArrayLike, w: ArrayLike, b: float, g: str | Elementwise = "sigmoid"
) -> NDArray[np.floating]:
    r"""The whole neuron, :math:`\hat y = g(w \cdot x + b)`.

    Shapes are those of :func:`neuron_input`.
    """
    return neuron_output(neuron_input(x, w, b), g)


# --8<-- [end:neuron]
