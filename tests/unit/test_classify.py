"""Softmax, cross-entropy and the softmax trainer, against independent references."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnlit.classify import (
    accuracy,
    backward_pass,
    cross_entropy,
    gradients,
    log_softmax,
    one_hot,
    output_error,
    predict,
    softmax,
    train,
)
from nnlit.gradcheck import numerical_gradient, relative_error
from nnlit.layers import init_params

RNG = np.random.default_rng(0)
X = RNG.normal(size=(4, 12))
LABELS = RNG.integers(0, 3, size=12)
Y = one_hot(LABELS, 3)


def network(seed: int = 1) -> dict:
    params = init_params([4, 5, 6, 3], seed=seed)
    for l in (1, 2, 3):  # non-zero biases, so their gradients are tested too
        params[f"b{l}"] = np.random.default_rng(l).normal(size=params[f"b{l}"].shape)
    return params


def test_softmax_matches_its_definition_in_exact_arithmetic():
    z = [0.5, -1.25, 2.0]
    total = sum(math.exp(v) for v in z)
    expected = [[math.exp(v) / total] for v in z]
    np.testing.assert_allclose(softmax(np.array(z)[:, None]), expected, rtol=1e-15)


@settings(max_examples=50, deadline=None)
@given(
    hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 5)),
        elements=st.floats(-700, 700),
    )
)
def test_softmax_columns_are_distributions_unchanged_by_a_shift(Z):
    P = softmax(Z)
    assert np.all(P >= 0)
    np.testing.assert_allclose(P.sum(axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(softmax(Z - 300.0), P, rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(np.exp(log_softmax(Z)), P, rtol=1e-9, atol=1e-300)


def test_softmax_and_its_log_survive_scores_that_overflow_exp():
    Z = np.array([[1000.0], [0.0], [-1000.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        np.testing.assert_array_equal(softmax(Z)[:, 0], [1.0, 0.0, 0.0])
        np.testing.assert_allclose(log_softmax(Z)[:, 0], [0.0, -1000.0, -2000.0])


def test_cross_entropy_is_minus_the_mean_log_probability_of_the_true_class():
    Z = RNG.normal(size=(3, 12))
    P = np.exp(Z) / np.exp(Z).sum(axis=0)
    expected = -np.mean(np.log(P[LABELS, np.arange(12)]))
    assert cross_entropy(Y, Z) == pytest.approx(expected, rel=1e-13)


def test_the_output_error_is_the_slope_of_the_cross_entropy():
    Z = RNG.normal(size=(3, 12))
    numeric = numerical_gradient(lambda p: cross_entropy(Y, p["Z"]), {"Z": Z})
    assert relative_error({"dZ": output_error(Y, Z)}, numeric) < 1e-8
    P = np.exp(Z) / np.exp(Z).sum(axis=0)
    np.testing.assert_allclose(output_error(Y, Z), (P - Y) / 12, rtol=1e-12)


@pytest.mark.parametrize("g", ["relu", "tanh", ["sigmoid", "leaky_relu"]])
def test_backpropagation_through_a_softmax_network_passes_gradient_checking(g):
    params = network()
    loss, analytic = gradients(X, Y, params, g)
    numeric = numerical_gradient(lambda p: gradients(X, Y, p, g)[0], params)
    assert sorted(analytic) == ["dW1", "dW2", "dW3", "db1", "db2", "db3"]
    assert relative_error(analytic, numeric) < 1e-7
    assert loss == pytest.approx(cross_entropy(Y, _scores(params, g)), rel=1e-13)


def _scores(params: dict, g) -> np.ndarray:
    """The last layer's Z, written out with NumPy."""
    names = [g, g] if isinstance(g, str) else g
    f = {
        "relu": lambda z: np.maximum(z, 0),
        "tanh": np.tanh,
        "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
        "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z),
    }
    A = X
    for l, name in enumerate(names, start=1):
        A = f[name](params[f"W{l}"] @ A + params[f"b{l}"])
    return params["W3"] @ A + params["b3"]


def test_the_backward_pass_starts_from_the_output_error_given():
    """Twice the output error gives twice every gradient: the start is used as given."""
    params = network()
    from nnlit.layers import forward

    _, cache = forward(X, params, ["relu", "relu", "identity"])
    dZ = output_error(Y, cache["Z3"])
    once = backward_pass(params, cache, dZ, ["relu", "relu", "identity"])
    twice = backward_pass(params, cache, 2 * dZ, ["relu", "relu", "identity"])
    for key in once:
        np.testing.assert_allclose(twice[key], 2 * once[key], rtol=1e-14)


def test_training_lowers_the_loss_and_learns_a_separable_problem():
    rng = np.random.default_rng(3)
    centres = np.array([[3.0, 0.0], [0.0, 3.0], [-3.0, -3.0]]).T  # (2, 3)
    labels = rng.integers(0, 3, size=150)
    X2 = centres[:, labels] + rng.normal(size=(2, 150))
    start = init_params([2, 8, 3], seed=0)
    params, losses = train(X2, one_hot(labels, 3), start, "tanh", lr=0.5, epochs=50)
    assert losses["train"][-1] < 0.3 * losses["train"][0]
    assert accuracy(X2, labels, params, "tanh") > 0.95
    assert "test" not in losses
    np.testing.assert_array_equal(start["W1"], init_params([2, 8, 3], seed=0)["W1"])


def test_minibatches_and_the_test_loss_are_recorded_every_epoch():
    start = network()
    params, losses = train(
        X, Y, start, "relu", lr=0.1, epochs=7, batch_size=5, seed=2, test=(X, Y)
    )
    assert losses["train"].shape == losses["test"].shape == (7,)
    np.testing.assert_allclose(losses["test"], losses["train"], rtol=1e-14)
    assert losses["train"][-1] == pytest.approx(
        cross_entropy(Y, _scores(params, "relu")), rel=1e-12
    )


def test_one_full_batch_epoch_is_one_step_down_the_checked_gradient():
    start = network()
    params, _ = train(X, Y, start, "tanh", lr=0.3, epochs=1)
    _, grads = gradients(X, Y, start, "tanh")
    for key in start:
        np.testing.assert_allclose(params[key], start[key] - 0.3 * grads["d" + key])


def test_predict_takes_the_highest_score():
    params = network()
    np.testing.assert_array_equal(
        predict(X, params, "relu"), np.argmax(_scores(params, "relu"), axis=0)
    )


def test_one_hot_puts_a_single_one_in_each_column():
    np.testing.assert_array_equal(
        one_hot([2, 0, 1, 2], 3),
        [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]],
    )
    np.testing.assert_array_equal(one_hot(np.array([1.0, 0.0]), 2), [[0, 1], [1, 0]])


# --- Bad input: one sentence naming what is wrong ---------------------------------


@pytest.mark.parametrize(
    ("labels", "n_classes", "error", "fragment"),
    [
        ([0, 3], 3, ValueError, "from 0 to 2 for 3 classes, got 3"),
        ([-1, 0], 3, ValueError, "got -1"),
        ([0.5, 1], 3, TypeError, "whole numbers"),
        ([0, np.nan], 3, ValueError, "labels contains NaN"),
        ([[0, 1]], 3, ValueError, "1-D array"),
        ([], 3, ValueError, "non-empty"),
        (["a"], 3, TypeError, "labels must be real numbers"),
        ([0, 1], 0, ValueError, "n_classes must be at least 1"),
        ([0, 1], 2.0, TypeError, "n_classes must be an integer"),
    ],
)
def test_bad_labels_are_refused(labels, n_classes, error, fragment):
    with pytest.raises(error, match=fragment):
        one_hot(labels, n_classes)


@pytest.mark.parametrize(
    ("Z", "fragment"),
    [
        (np.array([1.0, 2.0]), r"shape \(K, m\)"),
        (np.zeros((3, 0)), "no examples"),
        (np.array([[np.nan], [0.0]]), "Z contains NaN"),
        (np.array([[np.inf], [0.0]]), "Z contains NaN or infinity"),
    ],
)
def test_bad_scores_are_refused(Z, fragment):
    with pytest.raises(ValueError, match=fragment):
        softmax(Z)


@pytest.mark.parametrize(
    ("targets", "fragment"),
    [
        (np.ones((2, 12)), r"Y has shape \(2, 12\) but the scores have shape"),
        (2 * Y, "sum to 1"),
        (Y - 0.5, "non-negative"),
        (np.where(Y == 1, np.nan, 0.0), "Y contains NaN"),
    ],
)
def test_bad_targets_are_refused(targets, fragment):
    Z = RNG.normal(size=(3, 12))
    for function in (cross_entropy, output_error):
        with pytest.raises(ValueError, match=fragment):
            function(targets, Z)
    with pytest.raises(ValueError, match=fragment):
        gradients(X, targets, network(), "relu")


def test_a_network_without_biases_or_with_the_wrong_output_is_refused():
    params = {key: value for key, value in network().items() if key[0] == "W"}
    with pytest.raises(ValueError, match="need biases"):
        gradients(X, Y, params, "relu")
    with pytest.raises(ValueError, match=r"Y has shape \(3, 12\)"):
        gradients(X, Y, init_params([4, 5, 2]), "relu")
    with pytest.raises(ValueError, match="got 3 activations for 2 layers"):
        gradients(X, Y, network(), ["relu", "relu", "relu"])


def test_accuracy_wants_one_label_per_example():
    with pytest.raises(ValueError, match="got 11 labels for 12 examples"):
        accuracy(X, LABELS[:11], network(), "relu")
    with pytest.raises(ValueError, match="from 0 to 2"):
        accuracy(X, LABELS + 1, network(), "relu")


def test_a_diverging_run_stops_naming_the_epoch():
    """Only an absurd rate overflows: each step is lr times a bounded error."""
    with pytest.raises(
        FloatingPointError, match="diverged at epoch 1: the loss is not"
    ):
        train(X, Y, network(), "relu", lr=1e300, epochs=20)
