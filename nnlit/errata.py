"""The source's mistakes, kept as code so the site can run them and show the fix.

Nothing else in nnlit uses this module. Each function reproduces an idea of the
source as it is written (in nnlit's array layout), with the fault marked.
``tests/unit/test_source_listings.py`` runs each beside the source's own listing,
copied verbatim into ``tests/fixtures/source/``, and requires the same results
and the same faults.
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import NDArray

# --8<-- [end:imports]


# --8<-- [start:activations]
def sigmoid_as_in_the_source(x: NDArray) -> NDArray:
    """The sigmoid straight from its formula: ``exp(-x)`` overflows for x < -709."""
    return 1 / (1 + np.exp(-x))


def tanh_as_in_the_source(x: NDArray) -> NDArray:
    """Tanh straight from its formula: inf / inf = NaN once |x| > 710."""
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


# --8<-- [end:activations]


# --8<-- [start:backprop_step]
def backprop_step_as_in_the_source(
    x: NDArray, y: float, W1: NDArray, w2: NDArray
) -> tuple[NDArray, NDArray, NDArray]:
    """The source's backpropagation step: its output leaves out ``w2``.

    Same arguments and returns as :func:`nnlit.backprop.two_layer_step`.
    """
    hidden = sigmoid_as_in_the_source(W1 @ x)
    output = sigmoid_as_in_the_source(hidden)  # the bug: should use hidden @ w2
    delta_o = (y - output) * output * (1 - output)  # two numbers, not one
    delta_h = w2 * delta_o * hidden * (1 - hidden)  # unit j: w2[j] * delta_o[j]
    return np.outer(delta_h, x), delta_o * hidden, output


# --8<-- [end:backprop_step]


# --8<-- [start:sigmoid_prime]
def sigmoid_prime_as_in_the_source(x: NDArray) -> NDArray:
    """The sigmoid's slope as the product ``s * (1 - s)``: 0 once ``s`` rounds to 1."""
    return sigmoid_as_in_the_source(x) * (1 - sigmoid_as_in_the_source(x))


# --8<-- [end:sigmoid_prime]
