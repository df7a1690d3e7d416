r"""Layers of neurons, and the forward pass of an :math:`L`-layer network.

Notation (chapter 2): layer :math:`l` has :math:`n_l` units, layer 0 is the
input and layer :math:`L` the output. With :math:`m` examples stored as columns,

- ``W{l}``: :math:`W^{[l]}`, shape ``(n_l, n_{l-1})``
- ``b{l}``: :math:`b^{[l]}`, shape ``(n_l, 1)``
- ``Z{l}``, ``A{l}``: :math:`Z^{[l]}`, :math:`A^{[l]}`, shape ``(n_l, m)``;
  ``A0`` is the input :math:`X` and ``A{L}`` the prediction :math:`\hat Y`.

Parameters and caches are plain dicts keyed by those names, so the code reads
like the maths: ``params["W2"]`` is :math:`W^{[2]}`. Gradients are keyed
``dW{l}`` and ``db{l}``. The rules read off those names live here, once:
:func:`layer_count`, :func:`param_for` and :func:`weights_and_biases`.
"""

import re  # for param_for, which no chapter shows

# --8<-- [start:imports]
from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnlit.activations import Elementwise, get_activation, get_derivative
from nnlit.checks import (
    as_count,
    as_float_array,
    check_dtype,
    check_examples,
    check_seed,
)

Params = dict[str, NDArray[np.floating]]  # "W1", "b1", ..., "WL", "bL"
# --8<-- [end:imports]


def check_sizes(sizes: Sequence[int]) -> list[int]:
    """Return the layer sizes ``[n_0, n_1, ..., n_L]`` as ints, or raise.

    Raises
    ------
    TypeError
        If a size is not an integer.
    ValueError
        If there are fewer than two sizes, or a size is zero or negative.
    """
    sizes = list(sizes)
    if len(sizes) < 2:
        raise ValueError(f"need at least an input and an output size, got {sizes}")
    return [as_count(n, f"layer {l} size") for l, n in enumerate(sizes)]


# --8<-- [start:init_params]
def init_params(
    sizes: Sequence[int], seed: int = 0, dtype: type = np.float64
) -> Params:
    r"""Random weights and zero biases for a network with the given layer sizes.

    :math:`W^{[l]}` is drawn from :math:`\mathcal N(0, 1/n_{l-1})`, which keeps
    each :math:`z` of order one whatever the layer's width; :math:`b^{[l]} = 0`.

    Parameters
    ----------
    sizes : sequence of int
        ``[n_0, n_1, ..., n_L]``: the input size, then each layer's units.
    seed : int
        Seed of the random generator, so the same call gives the same weights.

    Returns
    -------
    dict
        ``"W1"`` ... ``"W{L}"`` of shape ``(n_l, n_{l-1})`` and
        ``"b1"`` ... ``"b{L}"`` of shape ``(n_l, 1)``.
    """
    sizes, dtype = check_sizes(sizes), check_dtype(dtype)
    rng = np.random.default_rng(check_seed(seed))
    params = {}
    for l in range(1, len(sizes)):
        scale = 1 / np.sqrt(sizes[l - 1])
        params[f"W{l}"] = rng.normal(0, scale, (sizes[l], sizes[l - 1])).astype(dtype)
        params[f"b{l}"] = np.zeros((sizes[l], 1), dtype=dtype)
    return params


# --8<-- [end:init_params]


def layer_count(params: Params) -> int:
    """:math:`L`, the number of layers: how many weight matrices ``W{l}`` there are.

    Only counts; :func:`check_params` checks that ``W1..WL`` are all there and chain.
    """
    return sum(1 for key in params if key.startswith("W"))


def param_for(grad_key: str) -> str:
    """The parameter a gradient steps: ``"dW2"`` -> ``"W2"``, ``"db1"`` -> ``"b1"``.

    A gradient is named ``"d"`` + its parameter's name, as
    :func:`nnlit.backprop.backward` returns it, so a step is
    ``params[param_for(key)] -= lr * grads[key]``.

    Raises
    ------
    ValueError
        If ``grad_key`` is not ``"dW{l}"`` or ``"db{l}"`` for a layer ``l >= 1``.
    """
    if not re.fullmatch(r"d[Wb][1-9][0-9]*", grad_key, flags=re.ASCII):
        raise ValueError(
            f"{grad_key!r} is not a gradient key: expected 'dW{{l}}' or 'db{{l}}'"
            " for a layer l >= 1, such as 'dW2'"
        )
    return grad_key[1:]


Layers = list[tuple[NDArray, NDArray | None]]  # [(W1, b1), ..., (WL, bL)]


def weights_and_biases(params: Params) -> Layers:
    """Each layer's ``(W{l}, b{l})`` for ``l = 1..L``; ``b`` is None if absent.

    The arrays are ``params``'s own, not copies: updating them in place
    updates ``params``.
    """
    return [
        (params[f"W{l}"], params.get(f"b{l}"))
        for l in range(1, layer_count(params) + 1)
    ]


def check_params(params: Params) -> Params:
    """Return ``params`` as float arrays (lists converted) after checking every shape.

    A network without biases (as in the source's exercises) has no ``b`` keys.

    Raises
    ------
    TypeError
        If ``params`` is not a dict, or holds something that is not numbers.
    ValueError
        If a ``W{l}`` or ``b{l}`` is missing or extra, not finite, or the shapes
        do not chain: ``W{l}`` ``(n_l, n_{l-1})`` and ``b{l}`` ``(n_l, 1)``.
    """
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict of arrays, got {type(params).__name__}")
    L = layer_count(params)
    weights = {f"W{l}" for l in range(1, L + 1)}
    biases = {f"b{l}" for l in range(1, L + 1)}
    if L == 0 or set(params) not in (weights, weights | biases):
        raise ValueError(
            f"params must hold W1..WL and b1..bL (or no b), got {sorted(params)}"
        )
    checked, sizes = {}, []
    for l in range(1, L + 1):
        W = checked[f"W{l}"] = as_float_array(params[f"W{l}"], f"W{l}")
        if W.ndim != 2 or 0 in W.shape:
            raise ValueError(f"W{l} must be a non-empty matrix, got shape {W.shape}")
        sizes = sizes or [W.shape[1]]
        b = as_float_array(params.get(f"b{l}", np.zeros((len(W), 1))), f"b{l}")
        if W.shape[1] != sizes[-1] or b.shape != (W.shape[0], 1):
            raise ValueError(
                f"layer {l}: W{l} has shape {W.shape} and b{l} has shape {b.shape};"
                f" expected W{l} of shape (n_{l}, {sizes[-1]}), b{l} of (n_{l}, 1)"
            )
        if f"b{l}" in params:
            checked[f"b{l}"] = b
        sizes.append(W.shape[0])
    return checked


def sizes_of(params: Params) -> list[int]:
    """Return ``[n_0, ..., n_L]`` read off the parameters, checking every shape.

    Raises
    ------
    TypeError, ValueError
        As :func:`check_params` raises.
    """
    checked = check_params(params)
    L = layer_count(checked)
    return [checked["W1"].shape[1]] + [
        checked[f"W{l}"].shape[0] for l in range(1, L + 1)
    ]


def check_network(params: Params, g: str | Sequence[str]) -> tuple[Params, list[str]]:
    """Checked parameters, and one known activation name per layer.

    Raises
    ------
    TypeError, ValueError
        As :func:`check_params` and :func:`activations_per_layer` raise, or
        if an activation name is unknown (the message lists the known ones).
    """
    params = check_params(params)
    gs = activations_per_layer(g, layer_count(params))
    for name in gs:
        get_derivative(name)  # the clear error for an unknown name
    return params, gs


# --8<-- [start:layer_forward]
def layer_forward(
    A_prev: NDArray[np.floating], W: NDArray, b: NDArray, g: str | Elementwise
) -> tuple[NDArray[np.floating], NDArray[np.floating]]:
    r"""One layer: :math:`Z = W A_{prev} + b`, :math:`A = g(Z)`.

    Shapes: ``A_prev`` ``(n_{l-1}, m)``, ``W`` ``(n_l, n_{l-1})``, ``b`` ``(n_l, 1)``;
    returns ``Z`` and ``A``, both ``(n_l, m)``.
    """
    Z = W @ A_prev + b  # (n_l, n_{l-1}) @ (n_{l-1}, m) + (n_l, 1) -> (n_l, m)
    return Z, get_activation(g)(Z)


# --8<-- [end:layer_forward]


# --8<-- [start:forward]
def forward(
    X: ArrayLike, params: Params, g: str | Sequence[str] = "sigmoid"
) -> tuple[NDArray[np.floating], Params]:
    r"""Forward pass of an :math:`L`-layer network.

    :math:`A^{[0]} = X`; for :math:`l = 1..L`:
    :math:`Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}`, :math:`A^{[l]} = g^{[l]}(Z^{[l]})`.

    Parameters
    ----------
    X : array_like, shape (n_0, m)
        ``m`` examples as columns.
    params : dict
        ``W1..WL``, ``b1..bL`` as made by :func:`init_params`.
    g : str or sequence of str
        One activation for every layer, or one per layer (length ``L``).

    Returns
    -------
    A_L : ndarray, shape (n_L, m)
        The prediction :math:`\hat Y = A^{[L]}`.
    cache : dict
        ``A0..AL`` and ``Z1..ZL``: what backpropagation needs.
    """
    params, gs = check_network(params, g)
    return forward_pass(check_input(X, params["W1"].shape[1]), params, gs)


def forward_pass(
    X: NDArray, params: Params, gs: Sequence[str]
) -> tuple[NDArray[np.floating], Params]:
    """:func:`forward` on arguments already checked: one name per layer in ``gs``.

    Trainers check their arguments once, then call this at every step.
    """
    L = len(gs)
    cache = {"A0": X}
    for l in range(1, L + 1):
        cache[f"Z{l}"], cache[f"A{l}"] = layer_forward(
            cache[f"A{l - 1}"], params[f"W{l}"], params.get(f"b{l}", 0.0), gs[l - 1]
        )
    return cache[f"A{L}"], cache


# --8<-- [end:forward]


def activations_per_layer(g: str | Sequence[str], L: int) -> list[str]:
    """One activation name per layer: ``g`` for all ``L``, or ``g``'s ``L`` names.

    Raises
    ------
    ValueError
        If ``g`` is a sequence whose length is not ``L``.
    """
    if isinstance(g, str):
        return [g] * L
    if not isinstance(g, Sequence):
        raise TypeError(
            f"g must be an activation name or a list of one name per layer, got {g!r}"
        )
    gs = list(g)
    if len(gs) != L:
        raise ValueError(f"got {len(gs)} activations for {L} layers")
    return gs


def check_input(X: ArrayLike, n_0: int) -> NDArray[np.floating]:
    """Return ``X`` as a float array of shape ``(n_0, m)``, or a clear error."""
    X = as_float_array(X, "X")
    if X.ndim != 2 or X.shape[0] != n_0:
        raise ValueError(
            f"X has shape {X.shape} but W1 expects {n_0} inputs: "
            f"X must have shape ({n_0}, m), one column per example"
        )
    return check_examples(X)
