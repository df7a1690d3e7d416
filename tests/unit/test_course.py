"""nnlit.course: the course's settings, starting weights and exercises."""

import ast
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from project import ROOT

from nnlit import backprop, gradient_descent
from nnlit.backprop import train_two_layer_per_record
from nnlit.course import (
    BACKPROP,
    GRADIENT_DESCENT,
    backprop_exercise,
    gradient_descent_exercise,
    network_weights,
    unit_weights,
)
from nnlit.data import load_admissions, prepare, simulate_admissions
from nnlit.fast import train_fast

# The per-record loops are slow; agreement to 1e-12 shows in a few dozen epochs.
AGREEMENT_EPOCHS = 60


def records(source: str, request: pytest.FixtureRequest) -> np.ndarray:
    if source == "simulated":
        return simulate_admissions()
    return load_admissions(request.getfixturevalue("original_data"))


def test_the_settings_are_the_courses():
    """The course's notebooks: seed 42, 1000 epochs, eta 0.5; seed 21, 900, 0.005."""
    assert (GRADIENT_DESCENT.seed, GRADIENT_DESCENT.epochs) == (42, 1000)
    assert GRADIENT_DESCENT.lr == 0.5
    assert (BACKPROP.seed, BACKPROP.epochs, BACKPROP.hidden) == (21, 900, 2)
    assert BACKPROP.lr == 0.005


def test_unit_weights_are_the_legacy_draws():
    np.random.seed(42)  # noqa: NPY002 (the course's global seeding, reproduced)
    expected = np.random.normal(scale=6**-0.5, size=6)  # noqa: NPY002
    np.testing.assert_array_equal(unit_weights(6, 42), expected)


def test_network_weights_are_the_legacy_draws():
    np.random.seed(21)  # noqa: NPY002 (the course's global seeding, reproduced)
    input_hidden = np.random.normal(scale=1 / 6**0.5, size=(6, 2))  # noqa: NPY002
    hidden_output = np.random.normal(scale=1 / 6**0.5, size=2)  # noqa: NPY002
    params = network_weights(6, 2, seed=21)
    np.testing.assert_array_equal(params["W1"], input_hidden.T)
    np.testing.assert_array_equal(params["W2"], hidden_output[None, :])


@pytest.mark.parametrize("source", ["simulated", "original"])
def test_one_unit_per_record_and_vectorised_agree(source, request):
    data = prepare(records(source, request), GRADIENT_DESCENT.split_seed)
    w0 = unit_weights(6, GRADIENT_DESCENT.seed)
    arguments = (data.X, data.y, w0, GRADIENT_DESCENT.lr, AGREEMENT_EPOCHS)
    w_loop, loss_loop = gradient_descent.train_per_record(*arguments)
    w_fast, loss_fast = gradient_descent.train(*arguments)
    np.testing.assert_allclose(w_loop, w_fast, rtol=0, atol=1e-12)
    np.testing.assert_allclose(loss_loop, loss_fast, rtol=0, atol=1e-12)
    assert np.all(np.diff(loss_fast) < 0)  # full-batch descent with a small step


@pytest.mark.parametrize("trainer", [backprop.train, train_fast])
@pytest.mark.parametrize("source", ["simulated", "original"])
def test_network_per_record_and_vectorised_agree(source, trainer, request):
    data = prepare(records(source, request), BACKPROP.split_seed)
    start = network_weights(6, BACKPROP.hidden, BACKPROP.seed)
    W1, w2, losses = train_two_layer_per_record(
        data.X, data.y, start["W1"], start["W2"][0], BACKPROP.lr, AGREEMENT_EPOCHS
    )
    g = ["sigmoid", "sigmoid"]
    params, half = trainer(
        data.X, data.y[None, :], start, g, BACKPROP.lr, AGREEMENT_EPOCHS
    )
    np.testing.assert_allclose(params["W1"], W1, rtol=0, atol=1e-12)
    np.testing.assert_allclose(params["W2"][0], w2, rtol=0, atol=1e-12)
    np.testing.assert_allclose(2 * half, losses, rtol=0, atol=1e-12)
    assert np.all(np.diff(losses) < 0)


def test_gradient_descent_exercise_matches_the_course_output(original_data: Path):
    """The course's notebook prints a first loss of 0.2627609385 and accuracy 0.725."""
    result = gradient_descent_exercise(load_admissions(original_data))
    assert result["losses"][0] == pytest.approx(0.2627609385, abs=1e-10)
    assert result["test_accuracy"] == 0.725
    assert result["epochs"] == list(range(0, 1000, 100))
    assert len(result["all_losses"]) == 1000


def test_backprop_exercise_on_the_original_data(original_data: Path):
    result = backprop_exercise(load_admissions(original_data))
    assert result["epochs"] == list(range(0, 900, 90))
    assert result["losses"] == sorted(result["losses"], reverse=True)
    assert 0.5 <= result["test_accuracy"] <= 1


@pytest.mark.parametrize("hidden", [0, -1, 1.5, True])
def test_a_network_needs_hidden_units(hidden):
    with pytest.raises(ValueError, match="the hidden layer needs at least 1 unit"):
        backprop_exercise(simulate_admissions(), replace(BACKPROP, hidden=hidden))


MATHS = [
    "checks",
    "activations",
    "one_neuron",
    "layers",
    "gradient_descent",
    "backprop",
]
MATHS += ["gradcheck", "fast"]


@pytest.mark.parametrize("module", MATHS)
def test_the_maths_imports_nothing_from_the_data_pipeline(module: str):
    tree = ast.parse((ROOT / "nnlit" / f"{module}.py").read_text(encoding="utf-8"))
    imported = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert not imported & {"nnlit.data", "nnlit.course"}, module
