r"""Starting weights, and what their scale does to a signal passing through layers.

Chapter 8. A weight matrix :math:`W^{[l]}` drawn with entries of variance
:math:`\mathrm{gain}/n_{l-1}` gives each :math:`z` of the layer a variance of
about :math:`\mathrm{gain}` times the mean square of the layer's inputs. With
``gain = 1`` (nnlit's :func:`nnlit.layers.init_params`) a linear layer keeps the
variance as it is; a ReLU layer zeroes half of its inputs and halves their mean
square, which ``gain = 2`` (He's scaling) makes up for.
"""

# --8<-- [start:imports]
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlit.checks import check_positive, check_seed
from nnlit.layers import Params, check_input, check_network, check_sizes, forward_pass

# --8<-- [end:imports]


# --8<-- [start:scaled_params]
def scaled_params(sizes: Sequence[int], gain: float = 1.0, seed: int = 0) -> Params:
    r"""Weights with entries drawn from :math:`\mathcal N(0, \mathrm{gain}/n_{l-1})`.

    Zero biases. ``gain = 1`` gives :func:`nnlit.layers.init_params`'s weights
    (the same draws for the same seed); ``gain = 2`` is He's scaling for ReLU.
    ``W{l}`` is ``(n_l, n_{l-1})`` and ``b{l}`` ``(n_l, 1)``.
    """
    sizes, gain = check_sizes(sizes), check_positive(gain, "gain")
    rng = np.random.default_rng(check_seed(seed))
    params = {}
    for l in range(1, len(sizes)):
        scale = np.sqrt(gain / sizes[l - 1])  # standard deviation of each weight
        params[f"W{l}"] = rng.normal(0, scale, (sizes[l], sizes[l - 1]))
        params[f"b{l}"] = np.zeros((sizes[l], 1))
    return params


# --8<-- [end:scaled_params]


# --8<-- [start:variance_by_layer]
def variance_by_layer(
    X: ArrayLike, params: Params, g: str | Sequence[str]
) -> NDArray[np.float64]:
    r"""The variance of every layer's :math:`Z^{[l]}` on the examples ``X``.

    One number per layer, :math:`l = 1..L`: the variance of all entries of
    :math:`Z^{[l]}` (every unit, every example), from nnlit's forward pass.
    """
    params, gs = check_network(params, g)
    _, cache = forward_pass(check_input(X, params["W1"].shape[1]), params, gs)
    return np.array([cache[f"Z{l}"].var() for l in range(1, len(gs) + 1)])


# --8<-- [end:variance_by_layer]
