r"""The same network in PyTorch: nnlit's parameters in ``torch.nn``, and back.

The "What next" page uses these to show that PyTorch computes what nnlit
computes for chapter 8's digits network: the same scores, the same gradients of
the cross-entropy (by autograd instead of :mod:`nnlit.classify`'s backward pass)
and the same training steps (by ``torch.optim.SGD``). Everything here is
float64, so the two agree to about 1e-12 or better.

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
from nnlit.classify import one_hot
from nnlit.digits import CLASSES, NETWORK, digits_split
from nnlit.initialisation import scaled_params
from nnlit.layers import Params, check_network, weights_and_biases

if TYPE_CHECKING:  # PyTorch is imported where it is used: see the module's doc
    import torch

# --8<-- [end:imports]


# --8<-- [start:compared]
class Compared(NamedTuple):
    """A network and its data, as the "What next" page compares them."""

    X: NDArray  # (n_0, m): examples as columns, as nnlit takes them
    Y: NDArray  # (n_L, m): here one-hot, one column per example
    labels: NDArray  # (m,): the class of each example
    params: Params  # the starting weights, copied into PyTorch
    g: tuple[str, ...]  # one activation per layer; the last one "identity"
    lr: float
    epochs: int
    batch_size: int | None
    seed: int  # the order of the minibatches
    loss: str  # a key of TORCH_LOSSES: nnlit's error


def compared_network() -> Compared:
    """Chapter 8's training digits and its network, with He's starting weights."""
    data = digits_split()
    sizes = NETWORK["sizes"]
    start = scaled_params(sizes, NETWORK["gain"], NETWORK["init_seed"])
    g = (NETWORK["g"],) * (len(sizes) - 2) + ("identity",)  # scores: no g on top
    return Compared(
        data.X.copy(),  # digits_split's arrays are read-only; PyTorch's are not
        one_hot(data.labels, CLASSES),
        data.labels.copy(),
        start,
        g,
        NETWORK["lr"],
        NETWORK["epochs"],
        NETWORK["batch_size"],
        NETWORK["seed"],
        loss="cross_entropy",
    )


# --8<-- [end:compared]


# --8<-- [start:activations]
#: nnlit's activation names, each with how to make its module from ``torch.nn``.
#: (``LeakyReLU``'s default slope, 0.01, is nnlit's ``LEAKY_SLOPE``.) The
#: identity has no module: a layer without one ends at its ``nn.Linear``.
TORCH_ACTIVATIONS: dict[str, Callable[[ModuleType], "torch.nn.Module"]] = {
    "sigmoid": lambda nn: nn.Sigmoid(),
    "tanh": lambda nn: nn.Tanh(),
    "relu": lambda nn: nn.ReLU(),
    "leaky_relu": lambda nn: nn.LeakyReLU(),
}

# --8<-- [end:activations]


# --8<-- [start:losses]
def half_mse(Y_hat: "torch.Tensor", Y: "torch.Tensor") -> "torch.Tensor":
    r"""Chapter 6's error, :math:`E = \frac{1}{2m} \sum (Y - \hat Y)^2`, on rows.

    ``Y_hat`` and ``Y`` are ``(m, n_L)``: one row per example, as PyTorch
    keeps them. (``torch.nn.MSELoss`` divides by ``m * n_L`` and has no 1/2.)
    """
    return 0.5 * ((Y - Y_hat) ** 2).sum() / Y.shape[0]


def cross_entropy(scores: "torch.Tensor", Y: "torch.Tensor") -> "torch.Tensor":
    """Chapter 8's error, the mean cross-entropy of the softmax, on rows.

    ``scores`` and ``Y`` are ``(m, K)``. ``F.cross_entropy`` takes the scores
    and applies ``log_softmax`` to each row itself, as
    :func:`nnlit.classify.cross_entropy` takes ``Z``. Given rows of
    probabilities as targets (here one-hot), it sums ``-Y * log_softmax`` over
    each row, and ``"mean"`` divides the total by ``m``, the number of rows, as
    nnlit does.
    """
    import torch

    return torch.nn.functional.cross_entropy(scores, Y, reduction="mean")


#: nnlit's errors, as functions of PyTorch's output and target (rows).
TORCH_LOSSES: dict[str, Callable[["torch.Tensor", "torch.Tensor"], "torch.Tensor"]] = {
    "half_mse": half_mse,  # chapter 6's networks: the output is Y_hat
    "cross_entropy": cross_entropy,  # chapter 8's: the output is the scores
}

# --8<-- [end:losses]


# --8<-- [start:torch_network]
def torch_network(params: Params, g: str | Sequence[str]) -> "torch.nn.Sequential":
    """The network as ``torch.nn`` layers in float64, with a copy of its weights.

    Layer ``l`` becomes ``nn.Linear(n_{l-1}, n_l)`` followed by its activation
    (none for ``"identity"``); without ``b{l}`` in ``params`` the layer has no
    bias, as in nnlit.

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
        layers.append(linear)
        if name != "identity":  # a classifier ends here: its output is the scores
            layers.append(TORCH_ACTIVATIONS[name](torch.nn))
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
    what :func:`nnlit.classify.gradients` (``loss="cross_entropy"``) or
    :func:`nnlit.backprop.gradients` (``"half_mse"``) returns, computed by
    PyTorch.
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
    """The trainer of nnlit, written with ``torch.optim.SGD``.

    :func:`nnlit.classify.train` with ``loss="cross_entropy"``,
    :func:`nnlit.backprop.train` with ``"half_mse"``.

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
