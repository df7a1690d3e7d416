"""nnlit: the library behind the executable neural-network primer.

Each module follows one chapter of the site, and the chapters show this code by
named sections, so what a reader sees is what the tests run:

1. :mod:`nnlit.one_neuron`: one neuron, ``z = w.x + b`` and ``a = g(z)``.
2. :mod:`nnlit.layers`: the L-layer forward pass, examples as columns.
3. :mod:`nnlit.activations`: sigmoid, tanh, ReLU, leaky ReLU, with derivatives.
5. :mod:`nnlit.gradient_descent` and :mod:`nnlit.data`: one unit, trained.
6. :mod:`nnlit.backprop` and :mod:`nnlit.gradcheck`: any depth, trained and checked.
7. :mod:`nnlit.fast`: chapter 6's trainer with less memory traffic.

:mod:`nnlit.course` holds the course's two exercises and their settings. The
names below are the everyday ones; ``figures`` (which needs matplotlib, the
``figures`` extra), ``facts``, ``examples`` and ``errata`` serve the site and are
imported on their own.
"""

from nnlit.activations import ACTIVATIONS, get_activation, get_derivative, sigmoid
from nnlit.backprop import backward, gradients
from nnlit.backprop import train as train_network
from nnlit.gradcheck import numerical_gradient, relative_error
from nnlit.gradient_descent import train as train_unit
from nnlit.gradient_descent import update_step
from nnlit.layers import forward, init_params
from nnlit.one_neuron import neuron, neuron_input, neuron_output

__all__ = [
    "ACTIVATIONS",
    "backward",
    "forward",
    "get_activation",
    "get_derivative",
    "gradients",
    "init_params",
    "neuron",
    "neuron_input",
    "neuron_output",
    "numerical_gradient",
    "relative_error",
    "sigmoid",
    "train_network",
    "train_unit",
    "update_step",
]
