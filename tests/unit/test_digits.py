"""Chapter 8's data, its runs and the initialisation study."""

import subprocess
import sys

import numpy as np
import pytest
from sklearn.datasets import load_digits

from nnlit import digits
from nnlit.initialisation import scaled_params, variance_by_layer
from nnlit.layers import init_params


def test_the_split_is_a_partition_of_every_digit_seeded_and_fixed():
    data = digits.digits_split()
    raw = load_digits()
    m = raw.target.size
    assert data.labels.size + data.labels_test.size == m
    assert data.labels_test.size == round(digits.SPLIT["test_share"] * m)
    train_at, test_at = digits.split(raw.data.T, raw.target, digits.SPLIT["seed"], 0.2)
    assert sorted(np.concatenate([train_at, test_at])) == list(range(m))
    np.testing.assert_array_equal(data.pixels, raw.data.T[:, train_at])
    np.testing.assert_array_equal(data.labels_test, raw.target[test_at])
    other, _ = digits.split(raw.data.T, raw.target, digits.SPLIT["seed"] + 1, 0.2)
    assert not np.array_equal(other, train_at)


def test_standardising_uses_the_training_records_only():
    data = digits.digits_split()
    mean, spread = data.pixels.mean(axis=1), data.pixels.std(axis=1)
    varies = spread > 0
    np.testing.assert_allclose(data.X.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(data.X[varies].std(axis=1), 1, rtol=1e-12)
    np.testing.assert_array_equal(data.X[~varies], 0)  # blank in every record
    expected = (data.pixels_test - mean[:, None]) / np.where(varies, spread, 1)[:, None]
    np.testing.assert_allclose(data.X_test, expected, rtol=1e-12)
    assert np.abs(data.X_test.mean(axis=1)).max() > 1e-3  # the test set's own mean


def test_the_split_cannot_be_changed_by_a_caller():
    with pytest.raises(ValueError, match="read-only"):
        digits.digits_split().X[0, 0] = 1.0


def test_the_trained_network_reaches_the_accuracy_the_chapter_promises():
    run = digits.trained_digits_network()
    assert run.test_accuracy >= 0.95
    assert run.losses["train"].shape == (digits.NETWORK["epochs"],)
    data = digits.digits_split()
    wrong = digits.misclassified()
    assert wrong.size == round((1 - run.test_accuracy) * data.labels_test.size)


def test_few_records_are_learnt_by_heart_and_generalise_worse():
    full, small = digits.trained_digits_network(), digits.small_set_run()
    assert small.train_accuracy == 1.0
    gap = small.train_accuracy - small.test_accuracy
    assert gap > 2 * (full.train_accuracy - full.test_accuracy)


def test_the_confusion_matrix_counts_each_record_once():
    labels, guesses = np.array([0, 1, 1, 2, 2, 2]), np.array([0, 1, 2, 2, 2, 0])
    counts = digits.confusion_matrix(labels, guesses, 3)
    np.testing.assert_array_equal(counts, [[1, 0, 0], [0, 1, 1], [1, 0, 2]])
    data = digits.digits_split()
    full = digits.confusion_matrix(data.labels_test, digits.test_predictions(), 10)
    assert full.sum() == data.labels_test.size
    np.testing.assert_array_equal(full.sum(axis=1), np.bincount(data.labels_test))


def test_gain_one_draws_init_params_weights_and_gain_two_doubles_their_variance():
    one, two = scaled_params([64, 256, 256], 1.0), scaled_params([64, 256, 256], 2.0)
    start = init_params([64, 256, 256])
    for key in one:
        np.testing.assert_allclose(one[key], start[key], rtol=1e-15)
        np.testing.assert_allclose(two[key], np.sqrt(2) * one[key], rtol=1e-15)
    assert np.var(one["W2"]) == pytest.approx(1 / 256, rel=0.02)
    with pytest.raises(ValueError, match="gain must be positive"):
        scaled_params([2, 2], 0.0)


def test_the_variance_by_layer_is_the_variance_of_each_z():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(3, 40))
    params = scaled_params([3, 5, 4], 2.0, seed=1)
    Z1 = params["W1"] @ X
    Z2 = params["W2"] @ np.maximum(Z1, 0)
    np.testing.assert_allclose(
        variance_by_layer(X, params, "relu"), [Z1.var(), Z2.var()], rtol=1e-13
    )


def test_relu_halves_the_variance_and_he_keeps_it():
    found = digits.init_variances()
    depth = digits.DEEP["depth"]
    halves = found[("relu", 1.0)][-1] / found[("relu", 1.0)][0]
    assert halves == pytest.approx(0.5 ** (depth - 1), rel=0.6)
    he = found[("relu", 2.0)]
    assert 0.5 < he[-1] / he[0] < 2
    linear = found[("identity", 1.0)]
    assert 0.8 < linear[-1] / linear[0] < 1.25


def test_without_scikit_learn_the_digits_say_what_to_install():
    code = (
        "import sys; sys.modules['sklearn'] = None\n"
        "import nnlit.digits, nnlit.facts\n"  # importing needs no scikit-learn
        "nnlit.digits.load_pixels()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "ImportError: chapter 8's digits come with scikit-learn" in result.stderr
    assert "pip install scikit-learn" in result.stderr
