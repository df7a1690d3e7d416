"""What nnlit computes for a line marked ``% nnlit: KEY``: its left side's value.

Each binding gets the scope (to read and set the display's values), the left
side as parsed, and any words after the key (``% nnlit: network identity``).
"""

from collections.abc import Callable

import network_maths as net
import numpy as np
import sympy
from math_values import Scope, depth_of, evaluate, index_of, key_of, node_of, shape_of
from network_maths import EXAMPLES, LAYER_SIZES
from sympy.tensor.indexed import Indexed, IndexedBase
from tex_math import parse

from nnlit import (
    activations,
    backprop,
    classify,
    gradcheck,
    gradient_descent,
    layers,
    one_neuron,
)
from nnlit.facts import FIRST_NETWORK


def _first_network(scope: Scope, left: sympy.Expr) -> object:
    """The source's first network (chapter 4), its inputs put in the scope."""
    x, w = (np.array(FIRST_NETWORK[key], dtype=float) for key in ("x", "w"))
    for k in (1, 2):
        scope.values[f"x[{k}]"], scope.values[f"w[{k}]"] = x[k - 1], w[k - 1]
    scope.values["b"] = b = float(FIRST_NETWORK["b"])
    z = one_neuron.neuron_input(x, w, b)
    return z if str(left) == "z" else one_neuron.neuron_output(z)


def _network(scope: Scope, left: sympy.Expr, g: str = "") -> object:
    r"""What nnlit's forward pass gives for ``left`` (``Z^{[2]}``, ``\hat Y``, ...).

    A lowercase ``z^{[l]}`` or ``a^{[l]}`` is for one example ``x``. Every value
    of the pass goes into the scope, for the sides that use them.
    """
    depth = depth_of(scope)
    params = net.parameters(scope.draw, depth)
    base = str(left.base) if isinstance(left, Indexed) else str(left)
    one = base in ("z", "a")
    X = (
        scope.draw("x", shape_of(sympy.Symbol("x"), scope))
        if one
        else scope.draw("X", shape_of(sympy.Symbol("X"), scope))
    )
    Y_hat, stored = layers.forward(X, params, g or scope.generic)
    for key, value in stored.items():
        name = key[0].lower() if one else key[0]
        scope.values[f"{name}[{key[1:]}]"] = value
    if base in ("Upsilon", "upsilon"):
        return Y_hat
    return stored[f"{base.upper()}{index_of(left.indices[0], scope)}"]


def _gradients(scope: Scope, left: sympy.Expr) -> object:
    """Nnlit's backprop gradient named by ``left``: ``dW^{[l]}`` or ``db^{[l]}``."""
    depth = depth_of(scope)
    X, Y = (
        scope.draw("X", shape_of(sympy.Symbol("X"), scope)),
        scope.draw("Y", (LAYER_SIZES[depth], EXAMPLES)),
    )
    _, grads = backprop.gradients(
        X, Y, net.parameters(scope.draw, depth), scope.generic
    )
    base, layer, entry = node_of(left, scope)
    whole = grads[f"{base}{layer}"]
    return whole if entry is None else whole[entry]


def _loss(scope: Scope, left: sympy.Expr) -> float:
    """Nnlit's loss on the display's network."""
    depth = depth_of(scope)
    Y = scope.draw("Y", (LAYER_SIZES[depth], EXAMPLES))
    return backprop.loss(Y, scope.forward()[("A", depth)])


def _input_slope(scope: Scope, left: sympy.Expr) -> float:
    """How fast nnlit's neuron input moves with ``x_i``, by central difference."""
    x, w, i, step = scope.vector("x"), scope.vector("w"), scope.ints["i"], 1e-6
    nudge = np.zeros_like(x)
    nudge[i - 1] = step
    b = scope.draw("b")
    z = one_neuron.neuron_input
    return float((z(x + nudge, w, b) - z(x - nudge, w, b)) / (2 * step))


def _record_step(scope: Scope, left: sympy.Expr, part: str) -> float:
    """Nnlit's one-record step (a sigmoid unit): its delta, step or gradient."""
    x, w, i = scope.vector("x"), scope.vector("w"), scope.ints["i"]
    y, lr = scope.draw("y"), abs(scope.draw("eta"))
    scope.values["eta"] = lr
    _, delta, step = gradient_descent.record_step(x, y, w, lr)
    return {"delta": delta, "step": step[i - 1], "gradient": -step[i - 1] / lr}[part]


def _step_key(k: int) -> str:
    r"""The scope's name for the step of weight ``k``, read as ``\Delta w_k``."""
    step = parse(r"\Delta w_i").subs(sympy.Symbol("i"), k)
    return key_of(step, Scope(0, "", layered=False))


def _slope_along(scope: Scope, left: sympy.Expr, step: str = "") -> float:
    r"""How fast nnlit's one-record error changes as the weights move along a step.

    The rate :math:`\frac{d}{dt} E(\mathbf{w} + t\,\Delta\mathbf{w})` at
    :math:`t = 0`, measured by a central difference of nnlit's squared error. The
    step is drawn at random, or with ``gradient`` it is nnlit's gradient step
    :math:`-\eta\,\partial E / \partial w_i` (``record_step``), put in the scope.
    """
    x, w, y = scope.vector("x"), scope.vector("w"), scope.draw("y")
    keys = [_step_key(k) for k in range(1, len(w) + 1)]
    if step == "gradient":
        scope.values["eta"] = lr = abs(scope.draw("eta"))
        d = gradient_descent.record_step(x, y, w, lr)[2]
        scope.values.update(zip(keys, d, strict=True))
    else:
        d = np.array([scope.draw(key) for key in keys])
    f = activations.get_activation(scope.generic)

    def error(v: np.ndarray) -> float:
        y_hat = np.atleast_1d(f(v @ x))
        return 0.5 * gradient_descent.mean_squared_error(np.atleast_1d(y), y_hat)

    t = 1e-5
    return (error(w + t * d) - error(w - t * d)) / (2 * t)


def _class_scores(scope: Scope) -> np.ndarray:
    """The scores ``z_1 .. z_K`` of one example, as a column ``(K, 1)``."""
    K = scope.ints["K"]
    return np.array([[scope.draw(f"z[{j}]")] for j in range(1, K + 1)])


def _softmax(scope: Scope, left: sympy.Expr) -> float:
    r"""Entry ``k`` of nnlit's softmax of ``z_1 .. z_K``: the page's ``\hat y_k``."""
    k = index_of(left.indices[0], scope)
    return float(classify.softmax(_class_scores(scope))[k - 1, 0])


def _cross_entropy(scope: Scope, left: sympy.Expr) -> float:
    """Nnlit's cross-entropy of one example: targets ``y_j`` as the page sets them."""
    K, z = scope.ints["K"], _class_scores(scope)
    y = [[evaluate(IndexedBase("y")[j], scope)] for j in range(1, K + 1)]
    return classify.cross_entropy(np.array(y, dtype=float), z)


def _softmax_output_error(scope: Scope, left: sympy.Expr) -> np.ndarray:
    r"""The slope of nnlit's cross-entropy in ``Z^{[L]}``, measured.

    ``\hat Y`` (nnlit's softmax), one-hot ``Y`` and ``m`` go into the scope.
    """
    K, m = LAYER_SIZES[-1], EXAMPLES
    Z = scope.draw("Z_out", (K, m))
    Y = classify.one_hot(scope.rng.integers(0, K, size=m), K)
    measured = gradcheck.numerical_gradient(
        lambda p: classify.cross_entropy(Y, p["Z"]), {"Z": Z}
    )["dZ"]
    scope.values.update(Upsilon=classify.softmax(Z), Y=Y, m=m)
    return measured


# What a ``% nnlit: KEY`` line's left side is, computed by nnlit.
BINDINGS: dict[str, Callable[..., object]] = {
    "neuron_input": lambda s, _: one_neuron.neuron_input(
        s.vector("x"), s.vector("w"), s.draw("b")
    ),
    "neuron_output": lambda s, _: one_neuron.neuron_output(s.draw("z"), s.generic),
    "neuron": lambda s, _: one_neuron.neuron(
        s.vector("x"), s.vector("w"), s.draw("b"), s.generic
    ),
    "neuron_input_slope": _input_slope,
    "first_network": _first_network,
    "network": _network,
    "record_step": _record_step,
    "gradients": _gradients,
    "loss": _loss,
    "slope_along": _slope_along,
    "softmax": _softmax,
    "cross_entropy": _cross_entropy,
    "softmax_output_error": _softmax_output_error,
}
