import math

import numpy as np
import pytest

from nnlit import neuron, neuron_input, neuron_output


def sigmoid_by_hand(z: float) -> float:
    """Independent reference: the textbook formula on Python floats."""
    return 1 / (1 + math.exp(-z))


def test_one_input_matches_the_formula():
    assert neuron_input([3.0], [0.5], -1.0) == pytest.approx(0.5)
    assert neuron([3.0], [0.5], -1.0) == pytest.approx(sigmoid_by_hand(0.5), abs=1e-15)


def test_many_inputs_is_a_dot_product_plus_bias():
    rng = np.random.default_rng(1)
    for n in (1, 2, 7):
        x, w, b = rng.normal(size=n), rng.normal(size=n), rng.normal()
        expected = math.fsum(wi * xi for wi, xi in zip(w, x, strict=True)) + b
        assert neuron_input(x, w, b) == pytest.approx(expected, abs=1e-14)


def test_examples_as_columns_give_one_output_each():
    rng = np.random.default_rng(2)
    X, w, b = rng.normal(size=(3, 5)), rng.normal(size=3), 0.3
    y_hat = neuron(X, w, b)
    assert y_hat.shape == (5,)
    for j in range(5):
        assert y_hat[j] == pytest.approx(neuron(X[:, j], w, b), abs=1e-15)


def test_dz_dx_is_the_weight():
    """Central finite differences agree with dz/dx_i = w_i, the chapter's claim."""
    x, w, b, h = np.array([0.4, -1.2, 2.0]), np.array([2.0, 0.1, -0.7]), 0.5, 1e-6
    for i in range(3):
        step = np.eye(3)[i] * h
        slope = (neuron_input(x + step, w, b) - neuron_input(x - step, w, b)) / (2 * h)
        assert slope == pytest.approx(w[i], rel=1e-8)


def test_a_larger_weight_moves_the_output_further():
    x, w = np.array([1.0, 1.0]), np.array([2.0, 0.1])
    base = neuron(x, w, 0.0)
    assert abs(neuron([x[0] + 0.1, x[1]], w, 0.0) - base) > abs(
        neuron([x[0], x[1] + 0.1], w, 0.0) - base
    )


def test_other_activations_by_name_or_callable():
    assert neuron([2.0], [1.0], 0.0, g="identity") == pytest.approx(2.0)
    assert neuron([-2.0], [1.0], 0.0, g="relu") == 0.0
    assert neuron([2.0], [1.0], 0.0, g=lambda z: 3 * z) == pytest.approx(6.0)


def test_float32_stays_float32():
    x = np.array([1.0, 2.0], dtype=np.float32)
    w = np.array([0.5, 0.25], dtype=np.float32)
    assert neuron(x, w, 0.0).dtype == np.float32


@pytest.mark.parametrize(
    ("x", "w"),
    [
        ([1.0, 2.0, 3.0], [0.5]),
        ([1.0], [0.5, 0.1]),
        (np.ones((2, 4)), np.ones(3)),
        (np.ones(2), np.ones((2, 1))),
        (np.ones((2, 2, 2)), np.ones(2)),
    ],
)
def test_shape_mismatch_names_both_shapes(x, w):
    x_shape, w_shape = np.shape(x), np.shape(w)
    with pytest.raises(ValueError, match="shape mismatch") as caught:
        neuron_input(x, w, 0.0)
    assert str(w_shape) in str(caught.value)
    assert str(x_shape) in str(caught.value)


@pytest.mark.parametrize(
    ("x", "error", "message"),
    [
        (["0.7", "-0.3"], TypeError, "x must be real numbers"),
        ([True, False], TypeError, "x must be real numbers"),
        ([1 + 2j, 0], TypeError, "x must be real numbers"),
        ([float("nan"), 1.0], ValueError, "x contains NaN"),
        ([float("inf"), 1.0], ValueError, "x contains NaN or infinity"),
        ([[1.0, 2.0], [3.0]], ValueError, "x is not a rectangular array"),
    ],
)
def test_bad_input_is_named(x, error, message):
    with pytest.raises(error, match=message):
        neuron(x, [0.1, 0.8], -0.1)


def test_bias_must_be_one_number():
    with pytest.raises(
        ValueError, match=r"b must be a single number, got shape \(2,\)"
    ):
        neuron_input([1.0, 2.0], [1.0, 1.0], [0.1, 0.2])
    with pytest.raises(TypeError, match="b must be real numbers"):
        neuron_input([1.0], [1.0], "0.1")


def test_unknown_activation_lists_the_valid_names():
    with pytest.raises(ValueError, match=r"unknown activation 'sigmod'.*sigmoid"):
        neuron_output(0.0, g="sigmod")
