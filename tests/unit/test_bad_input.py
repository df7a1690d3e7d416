"""Every bad input to nnlit's public API gets a clear error, or a correct result.

A table of bad inputs, built argument by argument: each case names the error
class and a fragment of the one-sentence message it must carry (the argument,
what was wrong). Hypothesis then throws generated invalid arrays at every
array argument: the answer is a clear error naming the argument, or a finite
result equal to the same call on the array cleaned up.
"""

import math
from functools import partial

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnlit import (
    backward,
    forward,
    get_activation,
    get_derivative,
    gradients,
    init_params,
    neuron,
    neuron_input,
    neuron_output,
    numerical_gradient,
    relative_error,
    sigmoid,
    train_network,
    train_unit,
)
from nnlit.checks import stop_if_diverged
from nnlit.fast import train_fast
from nnlit.gradient_descent import accuracy, train_per_record, update_step
from nnlit.layers import param_for

P = init_params([2, 3, 1], seed=1)
X, Y = np.ones((2, 4)), np.full((1, 4), 0.5)
y, w = np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.1, -0.2])

# Values that are not real arrays, their error, and what the message says after
# the argument's name.
NOT_REAL = [
    ("strings", ["a", "b"], TypeError, "must be real numbers, got dtype <U1"),
    ("booleans", [True, False], TypeError, "must be real numbers, got dtype bool"),
    ("complex", [1j, 2.0], TypeError, "must be real numbers, got dtype complex"),
    ("objects", np.array([1.0, None]), TypeError, "must be real numbers, got dtype"),
    ("ragged", [[1.0, 2.0], [3.0]], ValueError, "is not a rectangular array"),
    ("None", None, TypeError, "must be real numbers, got dtype object"),
]
NOT_FINITE = [
    ("NaN", math.nan, ValueError, "contains NaN or infinity"),
    ("infinity", math.inf, ValueError, "contains NaN or infinity"),
    ("-infinity", -math.inf, ValueError, "contains NaN or infinity"),
]


def with_entry(array: np.ndarray, value: float) -> np.ndarray:
    """A float copy of ``array`` with its first entry replaced by ``value``."""
    bad = np.array(array, dtype=float)
    bad.flat[0] = value
    return bad


def array_cases(case: str, call, good: np.ndarray, argument: str) -> list:
    """Bad arrays for one argument of ``call``, each to be named in the error."""
    not_real = [
        pytest.param(
            lambda v=value: call(v), error, f"{argument} {text}", id=f"{case}-{label}"
        )
        for label, value, error, text in NOT_REAL
    ]
    not_finite = [
        pytest.param(
            lambda v=value: call(with_entry(good, v)),
            error,
            f"{argument} {text}",
            id=f"{case}-{label}",
        )
        for label, value, error, text in NOT_FINITE
    ]
    return not_real + not_finite


LR = [
    ("string", "0.1", TypeError, "the learning rate must be a number, got '0.1'"),
    ("bool", True, TypeError, "the learning rate must be a number, got True"),
    ("list", [0.1], TypeError, "the learning rate must be a number"),
    ("zero", 0.0, ValueError, "the learning rate must be positive, got 0.0"),
    ("negative", -1.0, ValueError, "the learning rate must be positive, got -1.0"),
    ("NaN", math.nan, ValueError, "the learning rate must be positive, got nan"),
    ("infinity", math.inf, ValueError, "the learning rate must be finite, got inf"),
]
COUNTS = [
    ("zero", 0, ValueError, "must be at least 1, got 0"),
    ("negative", -3, ValueError, "must be at least 1, got -3"),
    ("float", 2.0, TypeError, "must be an integer, got 2.0"),
    ("bool", True, TypeError, "must be an integer, got True"),
    ("string", "5", TypeError, "must be an integer, got '5'"),
]
SEEDS = [
    ("negative", -1, ValueError, "seed must be from 0 to 2**32 - 1, got -1"),
    ("huge", 2**40, ValueError, "seed must be from 0 to 2**32 - 1"),
    ("float", 1.5, TypeError, "seed must be an integer, got 1.5"),
    ("bool", False, TypeError, "seed must be an integer, got False"),
    ("string", "7", TypeError, "seed must be an integer, got '7'"),
]
ACTIVATION_NAMES = [
    ("unknown", "sigmoidd", ValueError, "unknown activation 'sigmoidd'"),
    ("capitalised", "Sigmoid", ValueError, "unknown activation 'Sigmoid'"),
    ("number", 5, ValueError, "unknown activation 5"),
    ("None", None, ValueError, "unknown activation None"),
]

# Each trainer, called with keyword arguments the cases change.
NETWORK_TRAINERS = {"train_network": train_network, "train_fast": train_fast}
UNIT_TRAINERS = {"train_unit": train_unit, "train_per_record": train_per_record}


def keyword_cases(case: str, call, keyword: str, rows: list, prefix: str = "") -> list:
    """One case per row: ``call(**{keyword: value})``, its error and message."""
    return [
        pytest.param(
            call(**{keyword: value}), error, prefix + text, id=f"{case}-{label}"
        )
        for label, value, error, text in rows
    ]


def network_call(trainer, **change):
    arguments = {"X": X, "Y": Y, "params": P, "g": "sigmoid", "lr": 0.1}
    arguments |= {"epochs": 2} | change
    return lambda: trainer(**arguments)


def unit_call(trainer, **change):
    arguments = {"X": X, "y": y, "w": w, "lr": 0.1, "epochs": 2} | change
    return lambda: trainer(**arguments)


CASES = []
# --- one neuron ----------
CASES += array_cases("neuron_input-x", lambda v: neuron_input(v, w, 0.0), X, "x")
CASES += array_cases("neuron_input-w", lambda v: neuron_input(X, v, 0.0), w, "w")
CASES += array_cases("neuron-b", lambda v: neuron(X, w, v), np.array(0.0), "b")
# The activations map NaN to NaN, as NumPy does: only the types are refused.
CASES += array_cases("neuron_output-z", lambda v: neuron_output(v), w, "z")[:6]
CASES += [
    pytest.param(
        lambda g=value: neuron(X, w, 0.0, g), error, text, id=f"neuron-g-{label}"
    )
    for label, value, error, text in ACTIVATION_NAMES
]
CASES += [
    pytest.param(
        lambda: neuron_input(X, np.ones(3), 0.0),
        ValueError,
        "w has shape (3,) and x has shape (2, 4)",
        id="neuron_input-shape-mismatch",
    ),
    pytest.param(
        lambda: neuron_input(np.ones((2, 2, 2)), w, 0.0),
        ValueError,
        "x has shape (2, 2, 2)",
        id="neuron_input-x-3d",
    ),
    pytest.param(
        lambda: neuron(X, w, [0.0, 1.0]),
        ValueError,
        "b must be a single number, got shape (2,)",
        id="neuron-b-vector",
    ),
]
# --- activations ----------
CASES += array_cases("sigmoid-z", sigmoid, w, "z")[:6]
CASES += [
    pytest.param(lambda g=value: get_activation(g), error, text, id=f"get-{label}")
    for label, value, error, text in ACTIVATION_NAMES
]
CASES += [
    pytest.param(lambda g=value: get_derivative(g), error, text, id=f"slope-{label}")
    for label, value, error, text in [
        *ACTIVATION_NAMES,
        ("list", ["sigmoid"], ValueError, "unknown activation ['sigmoid']"),
    ]
]
# --- layers and the forward pass ----------
CASES += array_cases("forward-X", lambda v: forward(v, P), X, "X")
CASES += array_cases("forward-W1", lambda v: forward(X, P | {"W1": v}), P["W1"], "W1")
CASES += array_cases("forward-b2", lambda v: forward(X, P | {"b2": v}), P["b2"], "b2")
CASES += [
    pytest.param(
        lambda: forward(X, [P["W1"]]),
        TypeError,
        "params must be a dict",
        id="forward-params-list",
    ),
    pytest.param(
        lambda: forward(X, {}),
        ValueError,
        "params must hold W1..WL",
        id="forward-params-empty",
    ),
    pytest.param(
        lambda: forward(X, {"W1": P["W1"], "b2": P["b2"]}),
        ValueError,
        "params must hold W1..WL",
        id="forward-params-gap",
    ),
    pytest.param(
        lambda: forward(X, P | {"W1": np.float64(2.0)}),
        ValueError,
        "W1 must be a non-empty matrix, got shape ()",
        id="forward-W1-scalar",
    ),
    pytest.param(
        lambda: forward(X, P | {"W1": np.ones((3, 0))}),
        ValueError,
        "W1 must be a non-empty matrix, got shape (3, 0)",
        id="forward-W1-empty",
    ),
    pytest.param(
        lambda: forward(X, P | {"W2": np.ones((1, 4))}),
        ValueError,
        "layer 2: W2 has shape (1, 4)",
        id="forward-W2-chain",
    ),
    pytest.param(
        lambda: forward(X, P | {"b1": np.ones(3)}),
        ValueError,
        "b1 has shape (3,)",
        id="forward-b1-flat",
    ),
    pytest.param(
        lambda: forward(np.ones((3, 4)), P),
        ValueError,
        "X has shape (3, 4) but W1 expects 2 inputs",
        id="forward-X-rows",
    ),
    pytest.param(
        lambda: forward(np.ones(2), P),
        ValueError,
        "X has shape (2,) but W1 expects 2 inputs",
        id="forward-X-1d",
    ),
    pytest.param(
        lambda: forward(np.ones((2, 0)), P),
        ValueError,
        "X has no examples: shape (2, 0)",
        id="forward-X-empty",
    ),
    pytest.param(
        lambda: forward(X, P, ["sigmoid"]),
        ValueError,
        "got 1 activations for 2 layers",
        id="forward-g-short",
    ),
    pytest.param(
        lambda: forward(X, P, None),
        TypeError,
        "g must be an activation name or a list",
        id="forward-g-None",
    ),
    pytest.param(
        lambda: forward(X, P, ["sigmoid", "nope"]),
        ValueError,
        "unknown activation 'nope'",
        id="forward-g-unknown",
    ),
]
CASES += [
    pytest.param(
        lambda s=sizes: init_params(s), error, text, id=f"init_params-sizes-{label}"
    )
    for label, sizes, error, text in [
        ("one", [3], ValueError, "need at least an input and an output size"),
        ("zero", [2, 0, 1], ValueError, "layer 1 size must be at least 1, got 0"),
        ("float", [2, 3.0], TypeError, "layer 1 size must be an integer, got 3.0"),
        ("string", "23", TypeError, "layer 0 size must be an integer, got '2'"),
        ("bool", [2, True], TypeError, "layer 1 size must be an integer, got True"),
    ]
]
CASES += [
    pytest.param(
        lambda s=seed: init_params([2, 1], seed=s),
        error,
        text,
        id=f"init_params-seed-{label}",
    )
    for label, seed, error, text in SEEDS
]
CASES += [
    pytest.param(
        lambda d=dtype: init_params([2, 1], dtype=d),
        ValueError,
        "dtype must be np.float32 or np.float64",
        id=f"init_params-dtype-{label}",
    )
    for label, dtype in [
        ("int", int),
        ("str", str),
        ("None", None),
        ("float16", np.float16),
        ("complex", complex),
        ("nonsense", "nonsense"),
    ]
]
# --- backpropagation ----------
CACHE = forward(X, P)[1]
CASES += array_cases("gradients-X", lambda v: gradients(v, Y, P), X, "X")
CASES += array_cases("gradients-Y", lambda v: gradients(X, v, P), Y, "Y")
CASES += array_cases("backward-Y", lambda v: backward(P, CACHE, v), Y, "Y")
CASES += [
    pytest.param(
        lambda: gradients(X, np.ones(4), P),
        ValueError,
        "Y has shape (4,) but the network predicts shape (1, 4)",
        id="gradients-Y-flat",
    ),
    pytest.param(
        lambda: gradients(X, np.ones((1, 5)), P),
        ValueError,
        "Y has shape (1, 5)",
        id="gradients-Y-columns",
    ),
    pytest.param(
        lambda: backward(P, {}, Y), ValueError, "cache lacks", id="backward-cache-empty"
    ),
    pytest.param(
        lambda: backward(P, CACHE, Y, ["sigmoid"]),
        ValueError,
        "got 1 activations for 2 layers",
        id="backward-g-short",
    ),
    pytest.param(
        lambda: backward([P], CACHE, Y),
        TypeError,
        "params must be a dict",
        id="backward-params-list",
    ),
    pytest.param(
        lambda: backward(P, CACHE | {"A2": np.ones((1, 3))}, Y),
        ValueError,
        "Y has shape (1, 4) but the network predicts shape (1, 3)",
        id="backward-cache-short",
    ),
]
for name, trainer in NETWORK_TRAINERS.items():
    call = partial(network_call, trainer)
    CASES += keyword_cases(f"{name}-lr", call, "lr", LR)
    CASES += keyword_cases(f"{name}-epochs", call, "epochs", COUNTS, "epochs ")
    CASES += keyword_cases(f"{name}-batch", call, "batch_size", COUNTS, "batch_size ")
    CASES += keyword_cases(f"{name}-seed", call, "seed", SEEDS)
    CASES += array_cases(
        f"{name}-X", lambda v, t=trainer: network_call(t, X=v)(), X, "X"
    )
    CASES += array_cases(
        f"{name}-Y", lambda v, t=trainer: network_call(t, Y=v)(), Y, "Y"
    )
    CASES += [
        pytest.param(
            network_call(trainer, X=np.ones((2, 0)), Y=np.ones((1, 0))),
            ValueError,
            "X has no examples",
            id=f"{name}-empty",
        ),
        pytest.param(
            network_call(trainer, g="softmax"),
            ValueError,
            "unknown activation 'softmax'",
            id=f"{name}-g-unknown",
        ),
        pytest.param(
            network_call(trainer, params=[1.0]),
            TypeError,
            "params must be a dict",
            id=f"{name}-params-list",
        ),
        pytest.param(
            network_call(trainer, params=P | {"W1": np.ones(3)}),
            ValueError,
            "W1 must be a non-empty matrix",
            id=f"{name}-W1-vector",
        ),
    ]
CASES += [
    pytest.param(
        network_call(train_fast, dtype=d),
        ValueError,
        "dtype must be np.float32 or np.float64",
        id=f"train_fast-dtype-{label}",
    )
    for label, d in [
        ("None", None),
        ("int", np.int64),
        ("float16", np.float16),
        ("str", "nonsense"),
    ]
]
# --- gradient descent, one unit ----------
for name, trainer in UNIT_TRAINERS.items():
    call = partial(unit_call, trainer)
    CASES += keyword_cases(f"{name}-lr", call, "lr", LR)
    CASES += keyword_cases(f"{name}-epochs", call, "epochs", COUNTS, "epochs ")
    CASES += array_cases(f"{name}-X", lambda v, t=trainer: unit_call(t, X=v)(), X, "X")
    CASES += array_cases(f"{name}-y", lambda v, t=trainer: unit_call(t, y=v)(), y, "y")
    CASES += array_cases(f"{name}-w", lambda v, t=trainer: unit_call(t, w=v)(), w, "w")
    CASES += [
        pytest.param(
            unit_call(trainer, X=np.ones((2, 0)), y=np.ones(0)),
            ValueError,
            "X has no examples",
            id=f"{name}-empty",
        ),
        pytest.param(
            unit_call(trainer, w=np.ones(3)),
            ValueError,
            "shape mismatch: X (2, 4), y (4,), w (3,)",
            id=f"{name}-w-shape",
        ),
        pytest.param(
            unit_call(trainer, y=np.ones((1, 4))),
            ValueError,
            "shape mismatch",
            id=f"{name}-y-2d",
        ),
    ]
CASES += keyword_cases(
    "update_step-lr", lambda lr: lambda: update_step(X[:, 0], 1.0, w, lr), "lr", LR
)
CASES += array_cases("update_step-x", lambda v: update_step(v, 1.0, w, 0.5), w, "x")
CASES += [
    pytest.param(
        lambda: update_step(np.ones(3), 1.0, w, 0.5),
        ValueError,
        "x and w must have one shape (n,), got (3,), (2,)",
        id="update_step-shapes",
    ),
    pytest.param(
        lambda: update_step(X[:, 0], "yes", w, 0.5),
        TypeError,
        "y must be real numbers",
        id="update_step-y-string",
    ),
]
CASES += [
    pytest.param(
        lambda: accuracy(np.ones((2, 0)), np.ones(0), w),
        ValueError,
        "X has no examples",
        id="accuracy-empty",
    ),
    pytest.param(
        lambda: accuracy(X, y[:3], w),
        ValueError,
        "shape mismatch",
        id="accuracy-y-short",
    ),
]
# --- gradient checking ----------
SQUARES = lambda p: float(np.sum(p["W"] ** 2))  # noqa: E731 (a one-line error function)
CASES += [
    pytest.param(
        lambda e=eps: numerical_gradient(SQUARES, {"W": w}, eps=e),
        error,
        text,
        id=f"numerical_gradient-eps-{label}",
    )
    for label, eps, error, text in [
        ("zero", 0, ValueError, "eps must be positive, got 0"),
        ("negative", -1e-6, ValueError, "eps must be positive, got -1e-06"),
        ("NaN", math.nan, ValueError, "eps must be positive, got nan"),
        ("infinity", math.inf, ValueError, "eps must be finite, got inf"),
        ("string", "1e-6", TypeError, "eps must be a number, got '1e-6'"),
        ("bool", True, TypeError, "eps must be a number, got True"),
    ]
]
CASES += [
    pytest.param(
        lambda f=f: numerical_gradient(f, {"W": w}),
        error,
        text,
        id=f"numerical_gradient-error-{label}",
    )
    for label, f, error, text in [
        ("not callable", 3.0, TypeError, "error must be a function of params"),
        ("string", lambda p: "a", TypeError, "error(params) must return a number"),
        (
            "vector",
            lambda p: p["W"],
            ValueError,
            "error(params) must be a single number",
        ),
        ("NaN", lambda p: math.nan, ValueError, "error(params) contains NaN"),
    ]
]
CASES += [
    pytest.param(
        lambda: numerical_gradient(SQUARES, [w]),
        TypeError,
        "params must be a non-empty dict",
        id="numerical_gradient-params-list",
    ),
    pytest.param(
        lambda: numerical_gradient(SQUARES, {"W": ["a"]}),
        TypeError,
        "params['W'] must be real numbers",
        id="numerical_gradient-params-strings",
    ),
    pytest.param(
        lambda: numerical_gradient(SQUARES, {"W": [math.nan]}),
        ValueError,
        "params['W'] contains NaN",
        id="numerical_gradient-params-nan",
    ),
    pytest.param(
        lambda: relative_error({"dW": [math.nan]}, {"dW": [1.0]}),
        ValueError,
        "a['dW'] contains NaN or infinity",
        id="relative_error-nan",
    ),
    pytest.param(
        lambda: relative_error({"dW": [1.0]}, {"dW": [math.inf]}),
        ValueError,
        "b['dW'] contains NaN or infinity",
        id="relative_error-inf",
    ),
    pytest.param(
        lambda: relative_error({"dW": [1.0]}, {"db": [1.0]}),
        ValueError,
        "cannot compare gradients",
        id="relative_error-keys",
    ),
    pytest.param(
        lambda: relative_error({"dW": [1.0]}, {"dW": [1.0, 2.0]}),
        ValueError,
        "cannot compare gradients",
        id="relative_error-shapes",
    ),
    pytest.param(
        lambda: relative_error([1.0], [1.0]),
        TypeError,
        "a must be a non-empty dict",
        id="relative_error-lists",
    ),
    pytest.param(
        lambda: relative_error({}, {}),
        TypeError,
        "a must be a non-empty dict",
        id="relative_error-empty",
    ),
    pytest.param(
        lambda: param_for("W2"),
        ValueError,
        "'W2' is not a gradient key",
        id="param_for-W2",
    ),
]


@pytest.mark.parametrize(("call", "error", "text"), CASES)
def test_bad_input_gets_a_clear_error(call, error, text):
    with pytest.raises(error) as raised:
        call()
    assert text in str(raised.value)
    assert "\n" not in str(raised.value)  # one sentence, not a dump


def test_the_table_is_large_and_every_class_is_covered():
    assert len(CASES) >= 250
    errors = {case.values[1] for case in CASES}
    assert errors == {TypeError, ValueError}


# --- correct results where the input is odd but valid ----------


def test_integers_and_float16_give_the_float64_answer():
    """Integer data is converted, never truncated: gradient checking included."""
    grads = numerical_gradient(SQUARES, {"W": np.array([1, 2])})
    np.testing.assert_allclose(grads["dW"], [2.0, 4.0], rtol=1e-8)
    half = numerical_gradient(SQUARES, {"W": np.array([1, 2], dtype=np.float16)})
    np.testing.assert_allclose(half["dW"], [2.0, 4.0], rtol=1e-8)
    ints = forward(np.ones((2, 4), dtype=int), {k: v for k, v in P.items()})[0]
    np.testing.assert_array_equal(ints, forward(X, P)[0])


def test_params_given_as_lists_give_the_same_answer():
    as_lists = {key: value.tolist() for key, value in P.items()}
    np.testing.assert_array_equal(forward(X, as_lists)[0], forward(X, P)[0])
    trained, _ = train_network(X, Y, as_lists, "sigmoid", 0.1, 3)
    expected, _ = train_network(X, Y, P, "sigmoid", 0.1, 3)
    for key in expected:
        np.testing.assert_array_equal(trained[key], expected[key])


@pytest.mark.parametrize("trainer", [*NETWORK_TRAINERS.values()])
def test_a_network_whose_loss_explodes_stops_naming_the_epoch(trainer):
    big_X = np.random.default_rng(0).normal(size=(2, 50))
    params = init_params([2, 16, 1])
    with pytest.raises(FloatingPointError, match=r"training diverged at epoch \d+"):
        trainer(big_X, 100 * big_X[:1], params, ["relu", "identity"], 5.0, 100)


@pytest.mark.parametrize("trainer", [*UNIT_TRAINERS.values()])
def test_one_unit_whose_step_overflows_stops_naming_the_epoch(trainer):
    """Large inputs and a huge step: the first step overflows the weights."""
    rng = np.random.default_rng(0)
    big_X, labels = 1e5 * rng.normal(size=(2, 20)), rng.integers(0, 2, 20)
    start = np.array([1e-6, -2e-6])
    with pytest.raises(FloatingPointError, match=r"training diverged at epoch 1:"):
        trainer(big_X, labels, start, 1e308, 5)


def test_weights_that_run_off_to_infinity_stop_training():
    """A saturated sigmoid keeps the loss finite while its weights overflow."""
    with pytest.raises(FloatingPointError, match="epoch 2: the weights are not"):
        stop_if_diverged([0.3, 0.3], 0.5, {"W1": np.array([[np.inf]])})
    stop_if_diverged([0.3, 0.2], 0.5, {"W1": np.ones((1, 1))})  # healthy: no error


# --- generated invalid arrays ----------

BAD_FLOATS = st.sampled_from([math.nan, math.inf, -math.inf])


@st.composite
def invalid_arrays(draw, shape):
    """An array of ``shape`` that is not clean float data: a NaN/inf, or a bad dtype."""
    kind = draw(st.sampled_from(["non-finite", "bool", "complex", "string"]))
    if kind == "non-finite":
        array = draw(hnp.arrays(np.float64, shape, elements=st.floats(-5, 5)))
        array.flat[draw(st.integers(0, array.size - 1))] = draw(BAD_FLOATS)
        return array
    dtype = {"bool": np.bool_, "complex": np.complex128, "string": "<U2"}[kind]
    return draw(hnp.arrays(dtype, shape))


FUNCTIONS = {
    "X": lambda v: forward(v, P),
    "W1": lambda v: forward(X, P | {"W1": v}),
    "Y": lambda v: gradients(X, v, P),
    "x": lambda v: neuron_input(v, w, 0.0),
    "w": lambda v: neuron(X, v, 0.0),
}
SHAPES = {"X": (2, 4), "W1": (3, 2), "Y": (1, 4), "x": (2, 4), "w": (2,)}


@pytest.mark.parametrize("argument", sorted(FUNCTIONS))
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_generated_invalid_arrays_are_named(argument, data):
    bad = data.draw(invalid_arrays(SHAPES[argument]))
    with pytest.raises((TypeError, ValueError)) as raised:
        FUNCTIONS[argument](bad)
    assert str(raised.value).startswith(argument), str(raised.value)
