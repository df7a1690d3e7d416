"""nnlit.pytorch: the network in torch.nn computes what nnlit computes.

PyTorch is optional. Without it these tests skip, unless
``NNLIT_REQUIRE_EVERY_BLOCK`` is set, as CI sets it: there they fail.
"""

import importlib.util
import os
import subprocess
import sys

import numpy as np
import pytest
from docblocks import REQUIRE_EVERY_BLOCK

from nnlit.activations import ACTIVATIONS, LEAKY_SLOPE, get_activation
from nnlit.backprop import gradients, train
from nnlit.layers import init_params
from nnlit.pytorch import (
    TORCH_ACTIVATIONS,
    autograd_gradients,
    compared_network,
    largest_difference,
    nnlit_params,
    sgd_train,
    torch_network,
)


@pytest.fixture(scope="module")
def torch():
    if importlib.util.find_spec("torch") is None:
        if os.environ.get(REQUIRE_EVERY_BLOCK):
            pytest.fail(f"{REQUIRE_EVERY_BLOCK} is set but torch is not installed")
        pytest.skip("torch is not installed (CI installs requirements-torch.txt)")
    import torch

    return torch


def network(g: tuple[str, ...], biases: bool = True, seed: int = 0):
    """A 3-4-3-2 network with non-zero biases (or none), and data for it."""
    rng = np.random.default_rng(seed)
    params = init_params([3, 4, 3, 2], seed=seed)
    for l in (1, 2, 3):
        if biases:
            params[f"b{l}"] = rng.normal(0, 0.5, params[f"b{l}"].shape)
        else:
            del params[f"b{l}"]
    X = rng.normal(size=(3, 11))
    Y = rng.uniform(size=(2, 11))
    return params, g, X, Y


NETWORKS = [
    ("tanh", "tanh", "sigmoid"),
    ("relu", "leaky_relu", "identity"),
    ("sigmoid", "sigmoid", "sigmoid"),
]


def test_the_module_imports_and_sets_up_without_pytorch():
    code = (
        "import sys; sys.modules['torch'] = None; import nnlit.pytorch as p; "
        "net = p.compared_network(); print(net.X.shape, net.Y.shape, net.loss)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "(2, 400) (1, 400) half_mse\n"


def test_every_nnlit_activation_is_the_torch_module_it_maps_to(torch):
    assert set(TORCH_ACTIVATIONS) == set(ACTIVATIONS)
    z = np.linspace(-30, 30, 601)
    for name, make in TORCH_ACTIVATIONS.items():
        theirs = make(torch.nn)(torch.from_numpy(z)).numpy()
        assert np.allclose(theirs, get_activation(name)(z), rtol=1e-15, atol=1e-15)
    assert torch.nn.LeakyReLU().negative_slope == LEAKY_SLOPE


@pytest.mark.parametrize("biases", [True, False])
def test_weights_go_into_torch_and_come_back_unchanged(torch, biases):
    params, g, _, _ = network(NETWORKS[0], biases)
    model = torch_network(params, g)
    linears = [layer for layer in model if isinstance(layer, torch.nn.Linear)]
    assert [(lin.in_features, lin.out_features) for lin in linears] == [
        (3, 4),
        (4, 3),
        (3, 2),
    ]
    assert all((lin.bias is not None) == biases for lin in linears)
    assert all(lin.weight.dtype == torch.float64 for lin in linears)
    back = nnlit_params(model)
    assert set(back) == set(params)
    assert all(np.array_equal(back[key], params[key]) for key in params)
    back["W1"][0, 0] += 1  # a copy: changing it leaves the model alone
    assert linears[0].weight[0, 0].item() == params["W1"][0, 0]


@pytest.mark.parametrize("g", NETWORKS, ids="-".join)
@pytest.mark.parametrize("biases", [True, False])
def test_autograd_gives_backpropagations_gradients(torch, g, biases):
    params, g, X, Y = network(g, biases)
    error, ours = gradients(X, Y, params, g)
    error_torch, theirs = autograd_gradients(torch_network(params, g), X, Y)
    assert error_torch == pytest.approx(error, rel=1e-13)
    assert largest_difference(ours, theirs) < 1e-12
    assert min(np.abs(grad).max() for grad in ours.values()) > 1e-4  # not all ~0


def test_gradients_do_not_pile_up_over_calls(torch):
    params, g, X, Y = network(NETWORKS[0])
    model = torch_network(params, g)
    _, first = autograd_gradients(model, X, Y)
    _, again = autograd_gradients(model, X, Y)
    assert largest_difference(first, again) == 0.0


@pytest.mark.parametrize("batch_size", [None, 4, 11])
def test_sgd_trains_the_weights_nnlits_train_does(torch, batch_size):
    params, g, X, Y = network(NETWORKS[0])
    schedule = {"lr": 0.7, "epochs": 25, "batch_size": batch_size, "seed": 3}
    model = torch_network(params, g)
    theirs = sgd_train(model, X, Y, **schedule)
    trained, ours = train(X, Y, params, g, **schedule)
    assert np.abs(ours - theirs).max() < 1e-12
    assert largest_difference(trained, nnlit_params(model)) < 1e-12
    assert largest_difference(trained, params) > 1e-2  # training moved them


def test_the_comparison_tells_a_different_step_apart(torch):
    """1e-12 is tight: another learning rate, or another order, is seen at once."""
    params, g, X, Y = network(NETWORKS[0])
    trained, _ = train(X, Y, params, g, lr=0.7, epochs=5, batch_size=4, seed=3)
    for changed in ({"lr": 0.7 * (1 + 1e-6), "seed": 3}, {"lr": 0.7, "seed": 4}):
        model = torch_network(params, g)
        sgd_train(model, X, Y, epochs=5, batch_size=4, **changed)
        assert largest_difference(trained, nnlit_params(model)) > 1e-9, changed


def test_the_pages_network_is_chapter_sixs_untrained_network(torch):
    net = compared_network()
    assert net.X.shape == (2, 400)
    assert net.Y.shape == (1, 400)
    assert set(np.unique(net.Y)) == {0.0, 1.0}
    assert net.g == ("tanh", "tanh", "sigmoid")
    assert largest_difference(net.params, init_params((2, 8, 8, 1), seed=0)) == 0.0


def test_bad_settings_are_refused_as_nnlit_refuses_them(torch):
    params, g, X, Y = network(NETWORKS[0])
    model = torch_network(params, g)
    with pytest.raises(ValueError, match="learning rate"):
        sgd_train(model, X, Y, lr=-1.0, epochs=3)
    with pytest.raises(ValueError, match="epochs"):
        sgd_train(model, X, Y, lr=0.1, epochs=0)
    with pytest.raises(ValueError, match="different keys"):
        largest_difference({"W1": np.zeros(2)}, {"W2": np.zeros(2)})
    with pytest.raises(ValueError, match="shapes"):
        largest_difference({"W1": np.zeros(2)}, {"W1": np.zeros(3)})
