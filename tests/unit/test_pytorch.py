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

from nnlit import classify
from nnlit.activations import ACTIVATIONS, LEAKY_SLOPE, get_activation
from nnlit.backprop import gradients, train
from nnlit.digits import NETWORK, digits_split
from nnlit.initialisation import scaled_params
from nnlit.layers import init_params
from nnlit.pytorch import (
    TORCH_ACTIVATIONS,
    TORCH_LOSSES,
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


def classifier(hidden: str, soft: bool = False, seed: int = 0):
    """A 5-6-4-3 softmax network with non-zero biases, and targets for it.

    One-hot targets, or with ``soft`` columns of probabilities that are not.
    """
    rng = np.random.default_rng(seed)
    params = scaled_params([5, 6, 4, 3], gain=2.0, seed=seed)
    for l in (1, 2, 3):
        params[f"b{l}"] = rng.normal(0, 0.5, params[f"b{l}"].shape)
    X = rng.normal(size=(5, 13))
    if soft:
        Y = rng.dirichlet(np.ones(3), size=13).T  # (3, 13), columns sum to 1
    else:
        Y = classify.one_hot(rng.integers(0, 3, size=13), 3)
    return params, (hidden, hidden, "identity"), X, Y


def test_the_module_imports_and_sets_up_without_pytorch():
    # A finder that refuses torch: as if it were not installed. (Setting
    # sys.modules["torch"] to None would confuse scikit-learn's SciPy, which
    # looks torch up there.)
    code = (
        "import sys\n"
        "class NoTorch:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'torch':\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, NoTorch())\n"
        "import nnlit.pytorch as p\n"
        "net = p.compared_network()\n"
        "assert 'torch' not in sys.modules\n"
        "print(net.X.shape, net.Y.shape, net.loss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    m = digits_split().labels.size
    assert result.stdout == f"(64, {m}) (10, {m}) cross_entropy\n"


def test_every_nnlit_activation_is_the_torch_module_it_maps_to(torch):
    assert set(TORCH_ACTIVATIONS) == set(ACTIVATIONS) - {"identity"}
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


def test_an_identity_layer_is_a_linear_layer_alone(torch):
    params, g, _, _ = classifier("tanh")
    model = torch_network(params, g)
    kinds = [type(layer).__name__ for layer in model]
    assert kinds == ["Linear", "Tanh", "Linear", "Tanh", "Linear"]


def test_pytorchs_cross_entropy_is_nnlits_with_labels_or_probabilities(torch):
    rng = np.random.default_rng(1)
    Z = rng.normal(0, 3, size=(4, 9))  # (K, m)
    labels = rng.integers(0, 4, size=9)
    soft = rng.dirichlet(np.ones(4), size=9).T
    loss = TORCH_LOSSES["cross_entropy"]
    for Y in (classify.one_hot(labels, 4), soft):
        theirs = loss(torch.from_numpy(Z.T), torch.from_numpy(Y.T)).item()
        assert theirs == pytest.approx(classify.cross_entropy(Y, Z), rel=1e-14)
    by_labels = torch.nn.functional.cross_entropy(
        torch.from_numpy(Z.T), torch.from_numpy(labels)
    )
    assert by_labels.item() == pytest.approx(
        classify.cross_entropy(classify.one_hot(labels, 4), Z), rel=1e-14
    )


@pytest.mark.parametrize("hidden", ["relu", "tanh", "leaky_relu"])
@pytest.mark.parametrize("soft", [False, True], ids=["one-hot", "soft"])
def test_autograd_gives_the_classifiers_gradients(torch, hidden, soft):
    params, g, X, Y = classifier(hidden, soft)
    error, ours = classify.gradients(X, Y, params, g[:-1])
    model = torch_network(params, g)
    error_torch, theirs = autograd_gradients(model, X, Y, "cross_entropy")
    assert error_torch == pytest.approx(error, rel=1e-13)
    assert largest_difference(ours, theirs) < 1e-12
    assert min(np.abs(grad).max() for grad in ours.values()) > 1e-3  # not all ~0


@pytest.mark.parametrize("batch_size", [None, 4, 13])
def test_sgd_trains_the_weights_the_classifiers_train_does(torch, batch_size):
    params, g, X, Y = classifier("relu")
    schedule = {"lr": 0.3, "epochs": 20, "batch_size": batch_size, "seed": 5}
    model = torch_network(params, g)
    theirs = sgd_train(model, X, Y, **schedule, loss="cross_entropy")
    trained, ours = classify.train(X, Y, params, g[:-1], **schedule)
    assert np.abs(ours["train"] - theirs).max() < 1e-12
    assert largest_difference(trained, nnlit_params(model)) < 1e-12
    assert largest_difference(trained, params) > 1e-2  # training moved them


def test_a_summed_cross_entropy_trains_other_weights(torch):
    """The mean over m is what matches nnlit: the sum takes m times the step."""
    params, g, X, Y = classifier("relu")
    trained, _ = classify.train(X, Y, params, g[:-1], lr=0.3, epochs=3)
    model = torch_network(params, g)
    summed = "summed_cross_entropy"
    TORCH_LOSSES[summed] = lambda z, y: torch.nn.functional.cross_entropy(
        z, y, reduction="sum"
    )
    try:
        sgd_train(model, X, Y, lr=0.3, epochs=3, loss=summed)
    finally:
        del TORCH_LOSSES[summed]
    assert largest_difference(trained, nnlit_params(model)) > 1e-3


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


def test_the_pages_network_is_chapter_eights_untrained_network(torch):
    net = compared_network()
    data = digits_split()
    assert np.array_equal(net.X, data.X)
    assert np.array_equal(net.labels, data.labels)
    assert np.array_equal(net.Y, classify.one_hot(data.labels, 10))
    assert net.g == ("relu", "relu", "identity")
    start = scaled_params(NETWORK["sizes"], gain=2.0, seed=NETWORK["init_seed"])
    assert largest_difference(net.params, start) == 0.0
    schedule = (net.lr, net.epochs, net.batch_size, net.seed)
    assert schedule == tuple(NETWORK[k] for k in ("lr", "epochs", "batch_size", "seed"))
    assert net.loss == "cross_entropy"
    torch.from_numpy(net.X)  # writable: PyTorch takes it without a warning


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
