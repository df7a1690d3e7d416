import itertools

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlit.activations import sigmoid
from nnlit.backprop import (
    backward,
    gradients,
    train,
    two_layer_step,
)
from nnlit.course import network_weights
from nnlit.data import prepare, simulate_admissions
from nnlit.errata import backprop_step_as_in_the_source
from nnlit.fast import train_fast
from nnlit.gradcheck import numerical_gradient, relative_error
from nnlit.layers import forward, init_params


def random_network(sizes, g, seed, m=6):
    rng = np.random.default_rng(seed)
    params = init_params(sizes, seed=seed)
    for key in params:
        if key.startswith("b"):
            params[key] = rng.normal(size=params[key].shape)
    X, Y = rng.normal(size=(sizes[0], m)), rng.random(size=(sizes[-1], m))
    return params, X, Y


def check(params, X, Y, g):
    _, analytic = gradients(X, Y, params, g)
    numeric = numerical_gradient(lambda p: gradients(X, Y, p, g)[0], params)
    return relative_error(analytic, numeric)


@settings(max_examples=40, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 5), min_size=2, max_size=5),
    data=st.data(),
    seed=st.integers(0, 2**16),
)
def test_gradient_check_on_random_networks(sizes, data, seed):
    g = data.draw(
        st.lists(
            st.sampled_from(["sigmoid", "tanh", "identity"]),
            min_size=len(sizes) - 1,
            max_size=len(sizes) - 1,
        )
    )
    params, X, Y = random_network(sizes, g, seed)
    assert check(params, X, Y, g) < 1e-7


@pytest.mark.parametrize("g", [["relu", "sigmoid"], ["leaky_relu", "tanh"]])
def test_gradient_check_with_kinked_activations(g):
    params, X, Y = random_network([4, 6, 2], g, seed=3)
    _, cache = forward(X, params, g)
    assert np.min(np.abs(cache["Z1"])) > 1e-4  # no unit sits on the kink
    assert check(params, X, Y, g) < 1e-7


def test_network_without_biases_has_only_weight_gradients():
    params = {"W1": np.ones((2, 3)), "W2": np.ones((1, 2))}
    _, grads = gradients(np.ones((3, 4)), np.zeros((1, 4)), params, "sigmoid")
    assert sorted(grads) == ["dW1", "dW2"]


# The two-layer derivation of chapter 6, line by line: n inputs, 2 hidden units.
x = sympy.symbols("x1:4", real=True)
w = sympy.Matrix(3, 2, sympy.symbols("w1:7", real=True))  # w[i, j]: input i to unit j
W = sympy.symbols("W1:3", real=True)
y = sympy.Symbol("y", real=True)
f = sympy.Function("f")
u = sympy.Symbol("u")
h = [sum(w[i, j] * x[i] for i in range(3)) for j in range(2)]
a = [f(hj) for hj in h]
h_o = sum(W[j] * a[j] for j in range(2))
y_hat = f(h_o)


def fp(arg):
    return sympy.diff(f(u), u).subs(u, arg)


@pytest.mark.parametrize(("i", "j"), [(0, 0), (2, 1)])
def test_each_line_of_the_hidden_layer_derivation(i, j):
    delta_o = (y - y_hat) * fp(h_o)
    lines = [
        sympy.diff(sympy.Rational(1, 2) * (y - y_hat) ** 2, w[i, j]),
        -(y - y_hat) * fp(h_o) * sympy.diff(h_o, w[i, j]),
        -delta_o * W[j] * sympy.diff(a[j], w[i, j]),
        -delta_o * W[j] * fp(h[j]) * sympy.diff(h[j], w[i, j]),
        -delta_o * W[j] * fp(h[j]) * x[i],
    ]
    for before, after in itertools.pairwise(lines):
        assert sympy.simplify((before - after).doit()) == 0


def test_two_layer_step_is_the_general_backward_for_one_record():
    rng = np.random.default_rng(4)
    x1, W1, w2, y1 = (
        rng.normal(size=5),
        rng.normal(size=(3, 5)),
        rng.normal(size=3),
        0.3,
    )
    dW1, dw2, out = two_layer_step(x1, y1, W1, w2)
    params = {"W1": W1, "W2": w2[None, :]}
    _, cache = forward(x1[:, None], params, "sigmoid")
    grads = backward(params, cache, np.array([[y1]]), ["sigmoid", "sigmoid"])
    np.testing.assert_allclose(-grads["dW1"], dW1, rtol=1e-13)
    np.testing.assert_allclose(-grads["dW2"][0], dw2, rtol=1e-13)
    assert out == pytest.approx(sigmoid(w2 @ sigmoid(W1 @ x1)))


def test_minibatches_are_seeded_and_full_batch_is_the_default():
    params, X, Y = random_network([2, 3, 1], None, seed=5, m=12)
    g = ["tanh", "sigmoid"]
    a, _ = train(X, Y, params, g, 0.5, 5, batch_size=4, seed=1)
    b, _ = train(X, Y, params, g, 0.5, 5, batch_size=4, seed=1)
    c, _ = train(X, Y, params, g, 0.5, 5, batch_size=4, seed=2)
    full, _ = train(X, Y, params, g, 0.5, 5)
    whole, _ = train(X, Y, params, g, 0.5, 5, batch_size=12, seed=3)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["W1"], c["W1"])
    assert all(np.allclose(full[k], whole[k], rtol=1e-13) for k in full)


def test_train_leaves_the_starting_parameters_alone():
    params, X, Y = random_network([2, 3, 1], None, seed=6)
    before = {k: v.copy() for k, v in params.items()}
    train(X, Y, params, "sigmoid", 0.5, 3)
    assert all(np.array_equal(before[k], params[k]) for k in params)


def test_training_solves_the_two_rings():
    from nnlit.examples import trained_circles_network

    assert trained_circles_network()[2] >= 0.95


def test_divergence_names_the_epoch():
    X = np.random.default_rng(0).normal(size=(2, 50))
    with pytest.raises(
        FloatingPointError,
        match=r"training diverged at epoch \d+: .*learning rate 5\.0",
    ):
        train(X, 100 * X[:1], init_params([2, 16, 1]), ["relu", "identity"], 5.0, 100)


BAD = [
    ({"lr": 0}, ValueError, "the learning rate must be positive, got 0"),
    ({"epochs": 0}, ValueError, "epochs must be at least 1, got 0"),
    ({"epochs": 1.5}, TypeError, "epochs must be an integer, got 1.5"),
    ({"batch_size": 0}, ValueError, "batch_size must be at least 1, got 0"),
    ({"Y": np.zeros(4)}, ValueError, r"Y has shape \(4,\) but the network"),
    ({"Y": np.zeros((2, 4))}, ValueError, r"Y has shape \(2, 4\)"),
    ({"X": np.zeros((3, 4))}, ValueError, r"X has shape \(3, 4\) but W1 expects 2"),
    ({"X": np.zeros(4)}, ValueError, r"X has shape \(4,\)"),
    ({"X": [[np.nan] * 4] * 2}, ValueError, "X contains NaN or infinity"),
    ({"Y": [[np.inf] * 4]}, ValueError, "Y contains NaN or infinity"),
    ({"X": [["a"] * 4] * 2}, TypeError, "X must be real numbers"),
    ({"g": ["sigmoid"]}, ValueError, "got 1 activations for 2 layers"),
    ({"g": ["sigmoid", "bogus"]}, ValueError, "unknown activation 'bogus'"),
    (
        {"params": {"W1": np.zeros((3, 2)), "W2": np.zeros((1, 4))}},
        ValueError,
        "layer 2: W2 has shape",
    ),
    ({"params": {"W2": np.zeros((1, 3))}}, ValueError, "params must hold W1..WL"),
    (
        {"params": {"W1": np.full((3, 2), np.nan), "W2": np.zeros((1, 3))}},
        ValueError,
        "W1 contains NaN",
    ),
]


@pytest.mark.parametrize(("change", "error", "message"), BAD)
def test_bad_arguments_raise_the_same_clear_error_in_both_trainers(
    change, error, message
):
    arguments = {
        "X": np.zeros((2, 4)),
        "Y": np.zeros((1, 4)),
        "params": init_params([2, 3, 1]),
        "g": "sigmoid",
        "lr": 0.1,
        "epochs": 2,
        **change,
    }
    with pytest.raises(error, match=message) as clear:
        train(**arguments)
    with pytest.raises(error, match=message) as quick:
        train_fast(**arguments)
    assert str(quick.value) == str(clear.value)


def test_the_sources_step_fails_the_gradient_check():
    """Erratum 1: its output is two numbers, and its steps are not the gradient."""
    data = prepare(simulate_admissions(), split_seed=21)
    X, Y = data.X[:, :20], data.y[:20]
    start = network_weights(6, 2, seed=21)
    W1, w2 = start["W1"], start["W2"][0]
    assert backprop_step_as_in_the_source(X[:, 0], Y[0], W1, w2)[2].shape == (2,)

    def error(p):
        return 0.5 * np.mean((Y - sigmoid(p["W2"][0] @ sigmoid(p["W1"] @ X))) ** 2)

    numeric = numerical_gradient(error, {"W1": W1.copy(), "W2": w2[None, :].copy()})
    for step, bound in ((backprop_step_as_in_the_source, None), (two_layer_step, 1e-7)):
        steps = [step(X[:, i], Y[i], W1, w2) for i in range(20)]
        grads = {
            "dW1": -sum(s[0] for s in steps) / 20,
            "dW2": -sum(s[1] for s in steps)[None, :] / 20,
        }
        size = relative_error(grads, numeric)
        assert size < 1e-7 if bound else size > 0.01  # a bug: orders of magnitude off


def test_the_matrix_rules_are_the_derivatives_of_the_mean_error():
    """Chapter 6's four rules, against SymPy's derivatives of E on a 2-2-2 network.

    The rules are applied to symbolic matrices as the page states them; each
    entry of ``dW`` and ``db`` must be E's derivative by that parameter. At a
    random point, both must also be what nnlit's backpropagation computes.
    """
    m, g = 2, ["tanh", "sigmoid"]
    activations = [sympy.tanh, lambda z: 1 / (1 + sympy.exp(-z))]
    X = sympy.Matrix(2, m, sympy.symbols("X1:5", real=True))
    Y = sympy.Matrix(2, m, sympy.symbols("Y1:5", real=True))
    shapes = {"W1": (2, 2), "b1": (2, 1), "W2": (2, 2), "b2": (2, 1)}
    params = {
        key: sympy.Matrix(*shape, sympy.symbols(f"{key}_1:{shape[0] * shape[1] + 1}"))
        for key, shape in shapes.items()
    }
    A, Z = {0: X}, {}
    for l in (1, 2):
        Z[l] = params[f"W{l}"] * A[l - 1] + params[f"b{l}"] * sympy.ones(1, m)
        A[l] = Z[l].applyfunc(activations[l - 1])
    E = sum((Y - A[2]).applyfunc(lambda e: e**2)) / (2 * m)

    rules, dA = {}, (A[2] - Y) / m  # the start
    for l in (2, 1):
        slope = sympy.Lambda(u, sympy.diff(activations[l - 1](u), u))
        dZ = dA.multiply_elementwise(Z[l].applyfunc(slope))  # through g
        rules[f"W{l}"] = dZ * A[l - 1].T  # the weights
        rules[f"b{l}"] = dZ * sympy.ones(m, 1)  # the biases: sum of the columns
        dA = params[f"W{l}"].T * dZ  # the error passed down

    rng = np.random.default_rng(5)
    point = {s: sympy.Float(rng.normal()) for s in sorted(E.free_symbols, key=str)}
    values = {
        key: np.array(p.xreplace(point), dtype=float) for key, p in params.items()
    }
    X_values, Y_values = (np.array(M.xreplace(point), dtype=float) for M in (X, Y))
    _, grads = gradients(X_values, Y_values, values, g)
    for key, rule in rules.items():
        derivative = params[key].applyfunc(lambda theta: sympy.diff(E, theta))
        assert sympy.expand(derivative - rule) == sympy.zeros(*shapes[key]), key
        np.testing.assert_allclose(
            np.array(rule.xreplace(point), dtype=float),
            grads[f"d{key}"],
            rtol=1e-10,
            atol=1e-14,
        )
