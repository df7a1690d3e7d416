"""nnlit's versions of the source's code, held against the source's own listings.

The listings are copied verbatim into ``tests/fixtures/source/`` (see
``tests/support/source_listings.py``). Each runs beside the nnlit function a page
runs in its place, on seeded random inputs, and both must agree: the same
results, and the same faults where the source has them.
"""

import importlib
import importlib.util

import numpy as np
import pytest
from project import FIXTURES
from source_listings import (
    SOURCE_TEXT,
    compare_backprop,
    compare_elementwise,
    data_prep,
    edge_inputs,
    fingerprint,
    listing,
    listings,
    random_inputs,
    run_listing,
    source_blocks,
    verbatim_problem,
)

from nnlit import course, facts
from nnlit.gradient_descent import update_step
from nnlit.one_neuron import neuron, neuron_input

# Digests of the source's seven code blocks, whitespace normalised, taken from
# the source text. Where the text is at hand the test below recomputes them from
# it; where it is not (CI), they still catch a fixture edited since.
FINGERPRINTS = {
    "sigmoid": "47a15700bee19813",
    "tanh": "6f8d7e76279c7906",
    "relu": "dacc8e4fb9f03ec6",
    "leaky_relu": "44bfd1cc592f501e",
    "first_network": "e76da5a7ae894cbc",
    "gradient_descent_step": "18c5c2cd7d5b48ba",
    "backprop": "40410bfe40a20097",
}

# (listing, the function it defines, the nnlit function a page runs for it)
ELEMENTWISE = [
    ("sigmoid", "sigmoid", "nnlit.errata.sigmoid_as_in_the_source"),
    ("tanh", "tanh", "nnlit.errata.tanh_as_in_the_source"),
    ("relu", "relu", "nnlit.activations.relu"),
    ("leaky_relu", "leaky_relu", "nnlit.activations.leaky_relu"),
    ("first_network", "sigmoid", "nnlit.errata.sigmoid_as_in_the_source"),
    ("gradient_descent_step", "sigmoid", "nnlit.errata.sigmoid_as_in_the_source"),
    (
        "gradient_descent_step",
        "sigmoid_prime",
        "nnlit.errata.sigmoid_prime_as_in_the_source",
    ),
    ("backprop", "sigmoid", "nnlit.errata.sigmoid_as_in_the_source"),
]
# Functions that copy a fault of the source: the inputs must trigger it somewhere.
FAULTY = {"sigmoid", "tanh"}
SEEDS = [0, 1, 2]
# Records (rows) by features, and the size of the features: the last overflows.
RECORDS = [(1, 3, 1.0), (9, 6, 1.0), (20, 4, 1.0), (6, 2, 1000.0)]


def nnlit_function(qualified: str):
    """The nnlit function by its dotted name, looked up now (so a patch shows)."""
    module, name = qualified.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def source_function(name: str, defined: str):
    """A function as a listing defines it, after the listing ran.

    The backpropagation listing trains on what it imports: one random record.
    """
    record = np.random.default_rng(0).normal(size=(1, 3))
    stand_in = {"data_prep": data_prep(record, np.ones(1))}
    return run_listing(listing(name), stand_in).names[defined]


@pytest.mark.skipif(not SOURCE_TEXT.exists(), reason="the source text is not here")
def test_every_source_listing_is_copied_verbatim():
    blocks = source_blocks(SOURCE_TEXT.read_text(encoding="utf-8"))
    copied = listings()
    assert [item.block for item in copied] == list(range(1, len(blocks) + 1))
    problems = [found for item in copied if (found := verbatim_problem(item, blocks))]
    assert problems == []
    for item in copied:
        assert fingerprint(blocks[item.block - 1]) == FINGERPRINTS[item.name]


def test_the_listings_are_the_ones_fingerprinted_from_the_source():
    copied = {item.name: fingerprint(item.code) for item in listings()}
    assert copied == FINGERPRINTS


def test_a_changed_line_in_a_listing_is_reported_with_file_and_line(tmp_path):
    original = listing("backprop")
    text = original.path.read_text(encoding="utf-8")
    fixed = "output = sigmoid(np.dot(hidden_output, weights_hidden_output))"
    (tmp_path / "backprop.py").write_text(
        text.replace("output = sigmoid(hidden_output)", fixed), encoding="utf-8"
    )
    changed = listing("backprop", folder=tmp_path)
    line = 1 + changed.path.read_text(encoding="utf-8").split("\n").index(
        "        " + fixed
    )
    blocks = [[]] * (original.block - 1) + [original.code]
    problem = verbatim_problem(changed, blocks)
    assert problem is not None
    assert f"backprop.py), line {line}: " in problem
    assert "but the source has 'output = sigmoid(hidden_output)'" in problem


@pytest.mark.parametrize(("name", "defined", "ours"), ELEMENTWISE)
@pytest.mark.parametrize("seed", SEEDS)
def test_each_listing_function_agrees_with_nnlits(name, defined, ours, seed):
    inputs = random_inputs(seed) + edge_inputs()
    stats = compare_elementwise(
        listing(name),
        source_function(name, defined),
        ours,
        nnlit_function(ours),
        inputs,
    )
    assert stats["inputs"] == len(inputs)
    if defined in FAULTY:  # the source's fault happened, and nnlit's matched it
        assert 0 < stats["faulty"] < stats["inputs"]


@pytest.mark.parametrize(("m", "n", "scale"), RECORDS)
def test_the_backprop_listing_and_the_errata_step_train_alike(m, n, scale):
    rng = np.random.default_rng(m * n)
    X = scale * rng.normal(size=(m, n))
    y = rng.integers(0, 2, size=m).astype(float)
    step = "nnlit.errata.backprop_step_as_in_the_source"
    warned = compare_backprop(listing("backprop"), step, nnlit_function(step), X, y)
    assert (warned > 0) == (scale > 1)  # large records overflow, in both


def test_the_backprop_listing_uses_the_courses_settings_and_weights():
    X = np.random.default_rng(3).normal(size=(5, 6))
    run = run_listing(listing("backprop"), {"data_prep": data_prep(X, X[:, 0])})
    settings = course.BACKPROP
    assert run.names["epochs"] == settings.epochs
    assert run.names["learnrate"] == settings.lr
    assert run.names["n_hidden"] == settings.hidden
    start = course.network_weights(6, settings.hidden, settings.seed)
    np.testing.assert_array_equal(start["W1"], run.first["weights_input_hidden"].T)
    np.testing.assert_array_equal(start["W2"][0], run.first["weights_hidden_output"])


def test_the_first_network_listing_gives_chapter_4s_numbers():
    names = run_listing(listing("first_network")).names
    x, w, b = names["inputs"], names["weights"], names["bias"]
    assert {"x": x.tolist(), "w": w.tolist(), "b": b} == facts.FIRST_NETWORK
    z = names["np"].dot(x, w) + b  # the listing's own expression, before its sigmoid
    assert neuron_input(x, w, b) == pytest.approx(z, rel=1e-15)
    assert neuron(x, w, b) == pytest.approx(names["output"], rel=1e-15)
    assert facts.first_network("z") == f"{z:.4f}"
    assert facts.first_network("output") == f"{names['output']:.4f}"


def test_the_gradient_descent_listing_takes_nnlits_update_step():
    run = run_listing(listing("gradient_descent_step"))
    names, w = run.names, run.first["w"]  # the weights before the listing's update
    y_hat, delta, dw = update_step(names["x"], names["y"], w, names["learnrate"])
    assert y_hat == pytest.approx(names["nn_output"], rel=1e-15)
    assert delta == pytest.approx(names["error_term"], rel=1e-14)
    np.testing.assert_allclose(dw, names["del_w"], rtol=1e-14)
    np.testing.assert_allclose(w + dw, names["w"], rtol=1e-14)


def drifted(name: str):
    """A function of the fault fixture ``errata-drift.py``: errata that drifted."""
    spec = importlib.util.spec_from_file_location("drift", FIXTURES / "errata-drift.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


@pytest.mark.parametrize(
    ("name", "defined", "ours"),
    [case for case in ELEMENTWISE if case[2].startswith("nnlit.errata.")],
)
def test_a_drifted_errata_function_fails_naming_listing_and_function(
    monkeypatch, name, defined, ours
):
    monkeypatch.setattr(ours, drifted(ours.rsplit(".", 1)[1]))
    with pytest.raises(AssertionError) as failure:
        test_each_listing_function_agrees_with_nnlits(name, defined, ours, SEEDS[0])
    assert f"the source's {name} listing (tests/fixtures/source/{name}.py)" in str(
        failure.value
    )
    assert f"and {ours} disagree" in str(failure.value)


def test_the_step_nnlit_first_wrote_fails_naming_listing_and_function(monkeypatch):
    """The errata's own history: it once summed the two error terms back."""
    step = "nnlit.errata.backprop_step_as_in_the_source"
    monkeypatch.setattr(step, drifted("backprop_step_as_in_the_source"))
    with pytest.raises(AssertionError) as failure:
        test_the_backprop_listing_and_the_errata_step_train_alike(*RECORDS[1])
    message = str(failure.value)
    assert (
        "the source's backprop listing (tests/fixtures/source/backprop.py)" in message
    )
    assert f"and {step} disagree on the last record's output" in message
