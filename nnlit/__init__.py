"""nnlit: the library behind the executable neural-network primer.

Each module follows one chapter of the site, and the chapters show this code
by named sections, so what a reader sees is what the tests run.
"""

from nnlit.activations import ACTIVATIONS, get_activation, sigmoid
from nnlit.neuron import neuron, neuron_input, neuron_output

__all__ = [
    "ACTIVATIONS",
    "get_activation",
    "neuron",
    "neuron_input",
    "neuron_output",
    "sigmoid",
]
