"""The counts of nnlit.cost against the products nnlit's code really computes."""

import numpy as np
import pytest
from counted_products import Tally, counted_modules

from nnlit.cost import (
    backprop_multiply_adds,
    finite_difference_multiply_adds,
    forward_multiply_adds,
    parameter_count,
)
from nnlit.gradcheck import numerical_gradient
from nnlit.layers import init_params

NETWORKS = [([6, 2, 1], False, 12), ([2, 8, 8, 1], True, 7), ([3, 5, 4, 2], True, 4)]


def counted(tally: Tally):
    """Counted copies of the forward pass, the loss and backpropagation."""
    modules = counted_modules(tally, "nnlit.layers", "nnlit.backprop")
    return modules["nnlit.layers"], modules["nnlit.backprop"]


def network(sizes, biases, m, seed=0):
    rng = np.random.default_rng(seed)
    params = init_params(sizes, seed=seed)
    if not biases:
        params = {key: value for key, value in params.items() if key[0] == "W"}
    return params, rng.normal(size=(sizes[0], m)), rng.random(size=(sizes[-1], m))


def test_the_tally_counts_a_known_product():
    tally = Tally()
    tally.matmul(np.ones((2, 3)), np.ones((3, 5)))
    tally.matmul(np.ones((4, 1)), np.ones((1, 1)))
    assert (tally.products, tally.multiply_adds) == (2, 2 * 3 * 5 + 4)


@pytest.mark.parametrize(("sizes", "biases", "m"), NETWORKS)
def test_a_forward_pass_costs_what_forward_multiply_adds_says(sizes, biases, m):
    tally = Tally()
    layers, _ = counted(tally)
    params, X, _ = network(sizes, biases, m)
    layers.forward(X, params, "tanh")
    assert tally.products == len(sizes) - 1
    assert tally.multiply_adds == forward_multiply_adds(sizes, m)


@pytest.mark.parametrize(("sizes", "biases", "m"), NETWORKS)
def test_backprop_costs_what_backprop_multiply_adds_says(sizes, biases, m):
    tally = Tally()
    _, backprop = counted(tally)
    params, X, Y = network(sizes, biases, m)
    _, grads = backprop.gradients(X, Y, params, "sigmoid")
    assert tally.products == 3 * (len(sizes) - 1) - 1  # no dA for the inputs
    assert tally.multiply_adds == backprop_multiply_adds(sizes, m)
    assert sorted(grads) == sorted("d" + key for key in params)


@pytest.mark.parametrize(("sizes", "biases", "m"), NETWORKS)
def test_finite_differences_cost_two_forward_passes_a_parameter(sizes, biases, m):
    tally = Tally()
    layers, backprop = counted(tally)
    params, X, Y = network(sizes, biases, m)
    calls = []

    def error(p):
        calls.append(1)
        return backprop.loss(Y, layers.forward(X, p, "tanh")[0])

    numerical_gradient(error, params)
    assert len(calls) == 2 * parameter_count(sizes, biases)
    assert tally.multiply_adds == finite_difference_multiply_adds(sizes, m, biases)


def test_parameter_count_counts_every_entry():
    params = init_params([7, 3, 2, 5])
    assert parameter_count([7, 3, 2, 5]) == sum(v.size for v in params.values())
    weights = sum(v.size for k, v in params.items() if k[0] == "W")
    assert parameter_count([7, 3, 2, 5], biases=False) == weights
