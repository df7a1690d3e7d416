r"""The same network in PyTorch: nnlit's parameters in ``torch.nn``, and back.

The "What next" page uses these to show that PyTorch computes what nnlit
computes: the same forward pass, the same gradients (by autograd instead of
chapter 6's backward pass) and the same training steps (by ``torch.optim.SGD``).
Everything here is float64, so the two agree to about 1e-12 or better.

PyTorch is optional: nnlit never needs it, and this module imports it only
inside the functions that use it, so ``import nnlit.pytorch`` works without it.

Conventions. PyTorch stores examples as *rows*: ``x`` is ``(m, n_0)``, nnlit's
``X.T``. ``nn.Linear(n_in, n_out)`` keeps ``weight`` of shape ``(n_out, n_in)``,
nnlit's ``W{l}`` unchanged, and ``bias`` of shape ``(n_out,)``, nnlit's ``b{l}``
without its column axis.

What the page compares is set by :data:`TORCH_ACTIVATIONS` (nnlit's activation
names as ``torch.nn`` modules) and :data:`TORCH_LOSSES` (nnlit's error as a
function of PyTorch tensors). Another network, with another output activation
or error, is one entry in each.
"""

# --8<-- [start:imports]
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from numpy.typing import NDArray

from nnlit.checks import check_schedule, check_seed
from nnlit.examples import CIRCLES_NETWORK, circles
from nnlit.layers import Params, check_network, init_params, weights_and_biases

if TYPE_CHECKING:  # PyTorch is imported where it is used: see the module's doc
    import torch

# --8<-- [end:imports]


# --8<-- [start:compared]
class Compared(NamedTuple):
    """A network and its data, as the "What next" page compares them."""

    X: NDArray  # (n_0, m): examples as columns, as nnlit takes them
    Y: NDArray  # (n_L, m)
    params: Params  # the starting weights, copied into PyTorch
    g: tuple[str, ...]  # one activation per layer
    lr: float
    epochs: int
    batch_size: int | None
    loss: str  # a key of TORCH_LOSSES: nnlit's error


def compared_network() -> Compared:
    """Chapter 6's two rings and the network it trains on them, untrained."""
    net = CIRCLES_NETWORK
    X, y = circles(seed=0)
    start = init_params(net["sizes"], seed=0)
    schedule = (net["lr"], net["epochs"], net["batch_size"])
    return Compared(X, y[None, :], start, net["g"], *schedule, loss="half_mse")


# --8<-- [end:compared]


# --8<-- [start:activations]
#: nnlit's activation names, each with how to make its module from ``torch.nn``.
#: (``LeakyReLU``'s default slope, 0.01, is nnlit's ``LEAKY_SLOPE``.)
TORCH_ACTIVATIONS: dict[str, Callable[[ModuleType], "torch.nn.Module"]] = {
    "sigmoid": lambda nn: nn.Sigmoid(),
    "tanh": lambda nn: nn.Tanh(),
    "relu": lambda nn: nn.ReLU(),
    "leaky_relu": lambda nn: nn.LeakyReLU(),
    "identity": lambda nn: nn.Identity(),
}

# --8<-- [end:activations]


# --8<-- [start:losses]
def half_mse(Y_hat: "torch.Tensor", Y: "torch.Tensor") -> "torch.Tensor":
    r"""The error nnlit descends, :math:`E = \frac{1}{2m} \sum (Y - \hat Y)^2`, on rows.

    ``Y_hat`` and ``Y`` are ``(m, n_L)``: one row per example, as PyTorch
    keeps them. (``torch.nn.MSELoss`` divides by ``m * n_L`` and has no 1/2.)
    """
    return 0.5 * ((Y - Y_hat) ** 2).sum() / Y.shape[0]


#: nnlit's errors, as functions of PyTorch's prediction and target (rows).
TORCH_LOSSES: dict[str, Callable[["torch.Tensor", "torch.Tensor"], "torch.Tensor"]] = {
    "half_mse": half_mse,
}

# --8<-- [end:losses]


# --8<-- [start:torch_network]
def torch_network(params: Params, g: str | Sequence[str]) -> "torch.nn.Sequential":
    """The network as ``torch.nn`` layers in float64, with a copy of its weights.

    Layer ``l`` becomes ``nn.Linear(n_{l-1}, n_l)`` followed by its activation;
    without ``b{l}`` in ``params`` the layer has no bias, as in nnlit.

    Raises
    ------
    TypeError, ValueError
        As :func:`nnlit.layers.check_network` raises.
    KeyError
        If an activation has no entry in :data:`TORCH_ACTIVATIONS`.
    """
    import torch

    params, gs = check_network(params, g)
    layers = []
    for (W, b), name in zip(weights_and_biases(params), gs, strict=True):
        n_out, n_in = W.shape  # nn.Linear keeps weight in nnlit's shape
        linear = torch.nn.Linear(n_in, n_out, bias=b is not None, dtype=torch.float64)
        with torch.no_grad():  # copying in is not a step to differentiate
            linear.weight.copy_(torch.from_numpy(W))  # (n_l, n_{l-1})
            if b is not None:
                linear.bias.copy_(torch.from_numpy(b[:, 0]))  # (n_l, 1) -> (n_l,)
        layers += [linear, TORCH_ACTIVATIONS[name](torch.nn)]
    return torch.nn.Sequential(*layers)


# --8<-- [end:torch_network]


# --8<-- [start:nnlit_params]
def nnlit_params(model: "torch.nn.Sequential", grad: bool = False) -> Params:
    """The ``nn.Linear`` layers' weights, or their gradients, as nnlit keeps them.

    Returns ``W{l}`` ``(n_l, n_{l-1})`` and ``b{l}`` ``(n_l, 1)``, or with
    ``grad`` the gradients autograd left in ``.grad``, as ``dW{l}`` and
    ``db{l}``, the keys of :func:`nnlit.backprop.gradients`.
    """
    import torch

    prefix = "d" if grad else ""
    linears = [layer for layer in model if isinstance(layer, torch.nn.Linear)]
    found = {}
    for l, linear in enumerate(linears, start=1):
        weight, bias = linear.weight, linear.bias
        if grad:
            weight, bias = weight.grad, None if bias is None else bias.grad
        found[f"{prefix}W{l}"] = weight.detach().numpy().copy()
        if bias is not None:
            found[f"{prefix}b{l}"] = bias.detach().numpy()[:, None].copy()
    return found


# --8<-- [end:nnlit_params]


# --8<-- [start:autograd_gradients]
def autograd_gradients(
    model: "torch.nn.Sequential", X: NDArray, Y: NDArray, loss: str = "half_mse"
) -> tuple[float, dict[str, NDArray]]:
    """The error and its gradient for every parameter, by PyTorch's autograd.

    ``X`` is ``(n_0, m)`` and ``Y`` ``(n_L, m)``, as nnlit takes them; returns
    what :func:`nnlit.backprop.gradients` returns, computed by PyTorch.
    """
    import torch

    x, y = torch.from_numpy(X.T), torch.from_numpy(Y.T)  # rows: (m, n_0), (m, n_L)
    model.zero_grad()  # .grad adds up over calls: start from zero
    error = TORCH_LOSSES[loss](model(x), y)
    error.backward()  # every parameter's .grad is now dE/dparameter
    return error.item(), nnlit_params(model, grad=True)


# --8<-- [end:autograd_gradients]


# --8<-- [start:sgd_train]
def sgd_train(
    model: "torch.nn.Sequential",
    X: NDArray,
    Y: NDArray,
    lr: float,
    epochs: int,
    batch_size: int | None = None,
    seed: int = 0,
    loss: str = "half_mse",
) -> NDArray:
    """:func:`nnlit.backprop.train`, written with ``torch.optim.SGD``.

    The loop every PyTorch program has: clear the gradients, compute the error,
    ``backward()``, ``step()``. Plain SGD's step is ``p -= lr * p.grad``, as
    nnlit's. With ``batch_size``, each epoch visits the examples in the order
    nnlit's trainer visits them: a fresh permutation from a generator seeded
    with ``seed``. Trains ``model`` in place; returns the full-batch error
    after each epoch.
    """
    import torch

    lr = check_schedule(lr, epochs, batch_size)
    x, y = torch.from_numpy(X.T), torch.from_numpy(Y.T)  # rows: (m, n_0), (m, n_L)
    m, rng = len(x), np.random.default_rng(check_seed(seed))
    optimiser = torch.optim.SGD(model.parameters(), lr=lr)
    error, errors = TORCH_LOSSES[loss], []
    for _ in range(epochs):
        order = rng.permutation(m) if batch_size else np.arange(m)
        for start in range(0, m, batch_size or m):
            batch = torch.from_numpy(order[start : start + (batch_size or m)])
            optimiser.zero_grad()  # .grad adds up: clear it before each step
            error(model(x[batch]), y[batch]).backward()
            optimiser.step()
        with torch.no_grad():  # the error after the epoch, as nnlit reports it
            errors.append(error(model(x), y).item())
    return np.array(errors)


# --8<-- [end:sgd_train]


def largest_difference(ours: Params, theirs: Params) -> float:
    """The largest absolute difference between two dicts of arrays with equal keys.

    Raises
    ------
    ValueError
        If the keys or an array's shape differ.
    """
    if set(ours) != set(theirs):
        raise ValueError(f"different keys: {sorted(ours)} and {sorted(theirs)}")
    return max(_difference(ours[key], theirs[key], key) for key in ours)


def _difference(a: NDArray, b: NDArray, key: str) -> float:
    if np.shape(a) != np.shape(b):
        raise ValueError(f"{key}: shapes {np.shape(a)} and {np.shape(b)} differ")
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b))))
