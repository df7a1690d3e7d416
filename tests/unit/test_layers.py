import re

import numpy as np
import pytest
import sympy
from project import DOCS

from nnlit import neuron
from nnlit.examples import (
    SOURCE_NETWORK_SIZES,
    best_linear_split,
    xor_network,
    xor_points,
)
from nnlit.layers import (
    forward,
    init_params,
    layer_count,
    layer_forward,
    param_for,
    sizes_of,
    weights_and_biases,
)

SIZES = list(SOURCE_NETWORK_SIZES)


def test_init_shapes_and_zero_biases():
    params = init_params(SIZES)
    assert list(params) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for l in range(1, 4):
        assert params[f"W{l}"].shape == (SIZES[l], SIZES[l - 1])
        assert params[f"b{l}"].shape == (SIZES[l], 1)
        assert not params[f"b{l}"].any()


def test_init_is_seeded():
    a, b, c = (
        init_params(SIZES, seed=3),
        init_params(SIZES, seed=3),
        init_params(SIZES, seed=4),
    )
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["W1"], c["W1"])


def test_init_scale_is_one_over_root_fan_in():
    W = init_params([400, 300], seed=0)["W1"]
    assert W.std() == pytest.approx(1 / np.sqrt(400), rel=0.02)
    assert abs(W.mean()) < 0.002


def test_init_float32():
    params = init_params([3, 2], dtype=np.float32)
    assert all(p.dtype == np.float32 for p in params.values())


def test_forward_equals_unit_by_unit_neurons():
    """The matrix form against chapter 1's neuron, one unit and example at a time."""
    rng = np.random.default_rng(5)
    params = init_params(SIZES, seed=1)
    for l in (1, 2, 3):
        params[f"b{l}"] = rng.normal(size=params[f"b{l}"].shape)
    X = rng.normal(size=(2, 7))
    Y_hat, cache = forward(X, params, g=["tanh", "relu", "sigmoid"])
    for i in range(7):
        a = X[:, i]
        for l, g in zip((1, 2, 3), ("tanh", "relu", "sigmoid"), strict=True):
            W, b = params[f"W{l}"], params[f"b{l}"][:, 0]
            a = np.array([neuron(a, W[j], b[j], g) for j in range(len(b))])
            np.testing.assert_allclose(cache[f"A{l}"][:, i], a, rtol=1e-14, atol=1e-15)
    assert Y_hat is cache["A3"]


def test_layer_forward_shapes():
    Z, A = layer_forward(np.ones((3, 5)), np.ones((2, 3)), np.zeros((2, 1)), "relu")
    assert Z.shape == A.shape == (2, 5)
    np.testing.assert_array_equal(Z, 3.0)


def test_stacked_linear_layers_collapse_symbolically():
    """Chapter 3's derivation, for 2x2 matrices of symbols."""
    W1, W2 = (
        sympy.Matrix(2, 2, sympy.symbols("p:4")),
        sympy.Matrix(2, 2, sympy.symbols("q:4")),
    )
    b1, b2 = sympy.Matrix(sympy.symbols("r:2")), sympy.Matrix(sympy.symbols("s:2"))
    x = sympy.Matrix(sympy.symbols("x:2"))
    deep = W2 * (W1 * x + b1) + b2
    one = (W2 * W1) * x + (W2 * b1 + b2)
    assert sympy.expand(deep - one) == sympy.zeros(2, 1)


def test_the_shape_table_of_chapter_2_matches_nnlit():
    """Every cell of the chapter's table, for the example and for general sizes."""
    m = 5
    params = init_params(SIZES)
    _, cache = forward(np.zeros((SIZES[0], m)), params)
    actual = {
        **{k: v.shape for k, v in params.items()},
        **{k: v.shape for k, v in cache.items()},
    }
    table = (DOCS / "02-layers.md").read_text().split("| Array |")[1].split("\n\n")[0]
    rows = [r for r in table.splitlines()[2:] if r.startswith("|")]
    assert len(rows) == 10
    n = {f"n_{l}": size for l, size in enumerate(SIZES)}
    for row in rows:
        symbols, example, general = (cell.strip() for cell in row.strip("|").split("|"))
        keys = [f"{s}{l}" for s, l in re.findall(r"([WbZA])\^\{\[(\d)\]\}", symbols)]
        assert keys, row
        for key in keys:
            assert eval(example.strip("`"), {"m": m}) == actual[key], row
            assert eval(general.strip("`"), {"m": m, **n}) == actual[key], row


@pytest.mark.parametrize(
    ("sizes", "error", "message"),
    [
        ([], ValueError, r"at least an input and an output size, got \[\]"),
        ([3], ValueError, "at least an input and an output"),
        ([2, 0, 1], ValueError, "layer 1 size must be at least 1, got 0"),
        ([2, -3, 1], ValueError, "layer 1 size must be at least 1, got -3"),
        ([2, 2.5, 1], TypeError, "layer 1 size must be an integer, got 2.5"),
        ([2, True], TypeError, "layer 1 size must be an integer, got True"),
        (["2", 1], TypeError, "layer 0 size must be an integer"),
    ],
)
def test_bad_layer_sizes(sizes, error, message):
    with pytest.raises(error, match=message):
        init_params(sizes)


def test_numpy_integer_sizes_are_fine():
    assert init_params(np.array([2, 3]))["W1"].shape == (3, 2)


def test_input_with_wrong_number_of_rows():
    with pytest.raises(
        ValueError, match=r"X has shape \(3, 4\) but W1 expects 2 inputs"
    ):
        forward(np.ones((3, 4)), init_params(SIZES))


def test_one_dimensional_input_is_refused():
    with pytest.raises(ValueError, match=r"X has shape \(2,\)"):
        forward(np.ones(2), init_params(SIZES))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_input_is_refused(bad):
    X = np.ones((2, 3))
    X[1, 2] = bad
    with pytest.raises(ValueError, match="X contains NaN or infinity"):
        forward(X, init_params(SIZES))


def test_nan_in_a_parameter_is_refused_by_name():
    params = init_params(SIZES)
    params["W2"][0, 0] = np.nan
    with pytest.raises(ValueError, match="W2 contains NaN"):
        forward(np.ones((2, 1)), params)


@pytest.mark.parametrize(
    ("key", "shape", "message"),
    [
        ("W2", (3, 5), r"layer 2: W2 has shape \(3, 5\) and b2 has shape \(3, 1\)"),
        ("b2", (3,), r"layer 2: W2 has shape \(3, 4\) and b2 has shape \(3,\)"),
        ("b3", (2, 1), r"layer 3: W3 has shape \(1, 3\) and b3 has shape \(2, 1\)"),
    ],
)
def test_parameter_shapes_that_do_not_chain(key, shape, message):
    params = init_params(SIZES)
    params[key] = np.zeros(shape)
    with pytest.raises(ValueError, match=message):
        forward(np.ones((2, 1)), params)


def test_missing_or_extra_parameters():
    params = init_params(SIZES)
    del params["b2"]
    with pytest.raises(
        ValueError, match=r"params must hold W1\.\.WL and b1\.\.bL \(or no b\)"
    ):
        sizes_of(params)
    with pytest.raises(ValueError, match="params must hold"):
        sizes_of({})


def test_layer_count_counts_the_weight_matrices():
    params = init_params(SIZES)
    assert layer_count(params) == len(SIZES) - 1 == 3
    assert layer_count({k: v for k, v in params.items() if k[0] == "W"}) == 3
    assert layer_count({}) == 0


@pytest.mark.parametrize(
    ("grad_key", "param"), [("dW2", "W2"), ("db1", "b1"), ("dW12", "W12")]
)
def test_param_for_maps_a_gradient_to_its_parameter(grad_key, param):
    assert param_for(grad_key) == param


@pytest.mark.parametrize(
    "bad", ["W2", "dW", "dW0", "dW02", "dZ1", "dA1", "ddW1", "", "db1 "]
)
def test_param_for_refuses_what_is_not_a_gradient_key(bad):
    with pytest.raises(
        ValueError, match=f"{re.escape(repr(bad))} is not a gradient key"
    ):
        param_for(bad)


def test_weights_and_biases_are_the_params_own_arrays():
    params = init_params(SIZES)
    layers = weights_and_biases(params)
    assert len(layers) == 3
    for l, (W, b) in enumerate(layers, start=1):
        assert W is params[f"W{l}"]
        assert b is params[f"b{l}"]
    no_biases = {k: v for k, v in params.items() if k[0] == "W"}
    assert [b for _, b in weights_and_biases(no_biases)] == [None, None, None]


def test_wrong_number_of_activations():
    with pytest.raises(ValueError, match="got 2 activations for 3 layers"):
        forward(np.ones((2, 1)), init_params(SIZES), g=["relu", "sigmoid"])


def test_unknown_activation_in_forward():
    with pytest.raises(ValueError, match="unknown activation 'sigmoidd'"):
        forward(np.ones((2, 1)), init_params(SIZES), g="sigmoidd")


def test_float32_forward_stays_float32():
    params = init_params(SIZES, dtype=np.float32)
    Y_hat, _ = forward(np.ones((2, 3), dtype=np.float32), params, g="tanh")
    assert Y_hat.dtype == np.float32


def test_xor_network_solves_xor_and_no_line_does():
    X, y = xor_points()
    Y_hat, _ = forward(X, xor_network(), g="sigmoid")
    np.testing.assert_allclose(Y_hat[0], y, atol=1e-4)
    # Any line w.x > c: (0,1) and (1,0) on the positive side give w1 + w2 > 2c,
    # (0,0) and (1,1) on the other give 0 <= c and w1 + w2 <= c: impossible.
    # So the best a line can do is 3 of 4, which the search finds.
    assert best_linear_split(X, y)[2] == 0.75
