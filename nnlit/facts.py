r"""Numbers that the chapters quote in their prose, computed at build time.

A chapter writes ``{{ name arg ... }}`` where a number belongs; the build hook
``hooks/prose_facts.py`` replaces it with ``FACTS[name](*args)``. Prose never types a
number that the code could get wrong. Each fact returns Markdown (math in
``\( \)``), and the words around it stay in the chapter, so a translation
reuses the facts untouched.
"""

from collections.abc import Callable
from functools import cache

import numpy as np
from numpy.typing import NDArray

from nnlit import (
    baselines,
    cost,
    course,
    errata,
    examples,
    gradient_descent,
    training_widgets,
)
from nnlit import digits as task
from nnlit.activations import ACTIVATIONS
from nnlit.data import LOGIT, RANK_EFFECT, prepare, simulate_admissions
from nnlit.examples import CIRCLES_NETWORK, SPEED_NETWORK, trained_circles_network
from nnlit.examples import circles as circles_data
from nnlit.gradient_descent import share_correct
from nnlit.layers import forward
from nnlit.one_neuron import neuron, neuron_input

_WIDE = np.array([-1e6, -10.0, 10.0, 1e6])  # far tails, and a moderate point each side
_GRID = np.linspace(-20, 20, 400_001)  # step 1e-4, includes 0
SATURATED = 0.01  # a slope below this is "saturated": learning crawls


def output_range(name: str) -> str:
    """The interval of values the activation takes, read off its far tails.

    An end beyond 1000 is infinite. An end is closed when a moderate input
    (``|z| = 10``) already reaches it exactly.
    """
    far_low, near_low, near_high, far_high = ACTIVATIONS[name].value(_WIDE)
    low = r"-\infty" if far_low < -1e3 else f"{far_low:g}"
    high = r"\infty" if far_high > 1e3 else f"{far_high:g}"
    left = "[" if near_low == far_low and far_low >= -1e3 else "("
    right = "]" if near_high == far_high and far_high <= 1e3 else ")"
    return rf"\({left}{low}, {high}{right}\)"


def slope_at(name: str, z: str) -> str:
    """The derivative of the activation at ``z``, to three significant figures."""
    return f"{float(ACTIVATIONS[name].slope(float(z))):.3g}"


def saturates_where(name: str) -> str:
    r"""Where the slope drops below :data:`SATURATED`, as a condition on :math:`z`."""
    slope = ACTIVATIONS[name].slope(_GRID)
    flat = _GRID[slope < SATURATED]
    if flat.size == 0:
        return "—"  # no z: the slope never drops that low
    if flat.max() <= 0:
        return r"\(z \le 0\)" if flat.max() == 0 else rf"\(z < {flat.max():.2g}\)"
    return rf"\(\lvert z \rvert > {np.abs(flat).min():.2g}\)"  # no "|": tables


# The source's first network (chapter 4): two inputs, one sigmoid output.
FIRST_NETWORK = {"x": [0.7, -0.3], "w": [0.1, 0.8], "b": -0.1}


def first_network(half: str) -> str:
    """The first network's ``z`` or its output, to four decimals."""
    compute = {"z": neuron_input, "output": neuron}[half]
    return f"{float(compute(**FIRST_NETWORK)):.4f}"


@cache
def _exercise(chapter: str) -> dict:
    """Run a chapter's course exercise once per build, on the simulated data."""
    run = {
        "gradient_descent": course.gradient_descent_exercise,
        "backprop": course.backprop_exercise,
    }[chapter]
    return run(simulate_admissions())


def gradient_descent_result(key: str) -> str:
    """A number from the course's gradient-descent exercise on the simulated data."""
    if key == "always_no":  # accuracy of answering "not admitted" to everyone
        split = prepare(simulate_admissions(), course.GRADIENT_DESCENT.split_seed)
        return f"{np.mean(split.y_test == 0):.1%}"
    result = _exercise("gradient_descent")
    if key == "test_accuracy":
        return f"{result['test_accuracy']:.1%}"
    if key == "final_loss":
        return f"{result['losses'][-1]:.4f}"
    raise ValueError(f"no result {key!r}; known: always_no, final_loss, test_accuracy")


def backprop_result(key: str) -> str:
    """A number from the course's backpropagation exercise on the simulated data."""
    result = _exercise("backprop")
    if key == "test_accuracy":
        return f"{result['test_accuracy']:.1%}"
    if key in ("first_loss", "final_loss"):
        return f"{result['all_losses'][0 if key == 'first_loss' else -1]:.4f}"
    raise ValueError(f"no result {key!r}; known: first_loss, final_loss, test_accuracy")


@cache
def circles_accuracy() -> str:
    """Accuracy of chapter 6's trained two-rings network on fresh points."""
    return f"{trained_circles_network()[2]:.0%}"


def circles(setting: str) -> str:
    """A setting of chapter 6's two-rings network (:data:`CIRCLES_NETWORK`)."""
    sizes = CIRCLES_NETWORK["sizes"]
    derived = {
        "sizes": "-".join(map(str, sizes)),
        "hidden_layers": str(len(sizes) - 2),
        "hidden_width": str(max(sizes[1:-1])),
        "test_points": str(len(circles_data(seed=1)[1])),
    }
    return derived[setting] if setting in derived else f"{CIRCLES_NETWORK[setting]:g}"


def logit(term: str) -> str:
    """A coefficient of the published fit the simulated data is drawn from."""
    if term.startswith("rank_"):
        return f"{RANK_EFFECT[int(term.removeprefix('rank_'))]:g}"
    return f"{LOGIT[term]:g}"


def epochs(chapter: str) -> str:
    """How many epochs a chapter's course exercise trains: its loss curve's length."""
    return str(len(_exercise(chapter)["all_losses"]))


def speed_network(setting: str) -> str:
    """A setting of chapter 7's benchmark network (:data:`SPEED_NETWORK`)."""
    sizes = SPEED_NETWORK["sizes"]
    derived = {"sizes": "-".join(map(str, sizes)), "square_layer": str(sizes[2])}
    return derived.get(setting) or f"{SPEED_NETWORK[setting]:,}"


def digits(dtype: str) -> str:
    """Significant decimal digits of a float format: -log10 of its machine epsilon."""
    return f"{-np.log10(np.finfo(np.dtype(dtype)).eps):.0f}"


def float32_sigmoid_zero() -> str:
    """The largest float32 ``z``, to the unit, whose sigmoid by ``tanh`` is 0."""
    from nnlit.fast import sigmoid_by_tanh_in_place

    z = np.linspace(-40, 0, 40_001, dtype=np.float32)[None, :]
    value = z.copy()
    sigmoid_by_tanh_in_place(value, None, np.empty_like(value))
    return f"{z[value == 0].max():.0f}"


FACTS = {
    "output_range": output_range,
    "slope_at": slope_at,
    "saturates_where": saturates_where,
    "saturated": lambda: f"{SATURATED:g}",
    "first_network": first_network,
    "gradient_descent": gradient_descent_result,
    "backprop": backprop_result,
    "circles_accuracy": circles_accuracy,
    "circles": circles,
    "logit": logit,
    "epochs": epochs,
    "speed_network": speed_network,
    "digits": digits,
    "float32_sigmoid_zero": float32_sigmoid_zero,
}


# Chapter 6: what a gradient costs, and the course's starting scales.


def _cost_network(name: str) -> tuple[list[int], int, bool]:
    """Layer sizes, examples and whether there are biases, of a chapter's network."""
    if name == "course":
        n = len(prepare(simulate_admissions(), course.BACKPROP.split_seed).y)
        return [6, course.BACKPROP.hidden, 1], n, False
    if name == "circles":
        return list(CIRCLES_NETWORK["sizes"]), len(circles_data(seed=0)[1]), True
    return list(SPEED_NETWORK["sizes"]), SPEED_NETWORK["examples"], True


def gradient_cost(network: str, key: str) -> str:
    """One gradient's cost on ``course``, ``circles`` or ``speed`` (:mod:`cost`).

    ``backprop`` and ``finite_differences`` in forward passes, ``ratio`` of the
    two, ``parameters``, ``examples`` and ``sizes`` of the network.
    """
    sizes, m, biases = _cost_network(network)
    forward = cost.forward_multiply_adds(sizes, m)
    values = {
        "backprop": cost.backprop_multiply_adds(sizes, m) / forward,
        "finite_differences": cost.finite_difference_multiply_adds(sizes, m, biases)
        / forward,
    }
    if key == "ratio":
        return f"{values['finite_differences'] / values['backprop']:,.0f}"
    if key in values:
        return f"{values[key]:,.3g}" if values[key] < 100 else f"{values[key]:,.0f}"
    counts = {"parameters": cost.parameter_count(sizes, biases), "examples": m}
    return "-".join(map(str, sizes)) if key == "sizes" else f"{counts[key]:,}"


def course_scale(layer: str) -> str:
    """Chapter 6's starting scales: the course's, and each layer's own 1/sqrt(fan-in).

    ``course``: the course's scale for both layers; ``fan_in_2``: the second
    layer's own, from its inputs, the hidden units.
    """
    fan_in = {"course": 6, "fan_in_2": course.BACKPROP.hidden}[layer]
    return f"{fan_in**-0.5:.3f}"


FACTS.update(
    {
        "gradient_cost": gradient_cost,
        "course_scale": course_scale,
    }
)


def _overflows(f: Callable, x: NDArray) -> bool:
    """Whether ``f(x)`` overflows somewhere (NumPy's warning, raised here)."""
    try:
        with np.errstate(over="raise"):
            f(x)
    except FloatingPointError:
        return True
    return False


def _is_nan(f: Callable, x: NDArray) -> bool:
    with np.errstate(over="ignore", invalid="ignore"):
        return bool(np.isnan(f(x)))


# What goes wrong in the source's code, run as it writes it, at a size x > 0.
_SOURCE_FAULTS = {
    "sigmoid_overflows": lambda x: _overflows(errata.sigmoid_as_in_the_source, -x),
    "tanh_is_nan": lambda x: (
        _is_nan(errata.tanh_as_in_the_source, x)
        and _is_nan(errata.tanh_as_in_the_source, -x)
    ),
    "slope_is_zero": lambda x: errata.sigmoid_prime_as_in_the_source(x) == 0,
}


def source_fault(kind: str, dtype: str = "float64") -> str:
    """The first whole number at which the source's code, run as written, fails.

    Runs :mod:`nnlit.errata`, which ``tests/unit/test_source_listings.py`` holds
    equal to the source's own listings, on 1, 2, 3, ... in ``dtype``: where the
    sigmoid of ``-x`` first overflows (``sigmoid_overflows``), where tanh of
    ``±x`` is first NaN (``tanh_is_nan``), where the slope ``s * (1 - s)`` is
    first exactly 0 (``slope_is_zero``).
    """
    fails = _SOURCE_FAULTS[kind]
    for whole in range(1, 100_000):
        if fails(np.asarray(whole, dtype=dtype)):
            return str(whole)
    raise ValueError(f"the source's {kind} does not happen below 100000 in {dtype}")


FACTS["source_fault"] = source_fault


def admissions(key: str, split_seed: str = "") -> str:
    """A baseline of the simulated admissions data (:mod:`nnlit.baselines`).

    With ``split_seed``: on that split's test records (``always_no``, ``bayes``,
    ``bayes_expected``, ``above_half`` as percentages; ``test_size``; the
    ``standard_error`` of an accuracy at the always-"rejected" score, and
    ``one_record``, what one record moves an accuracy, both in percentage
    points). Without: in expectation over every applicant the simulation draws.
    """
    if not split_seed:
        return f"{baselines.population()[key]:.1%}"
    split = baselines.split_scores(simulate_admissions(), int(split_seed))
    derived = {
        "test_size": str(split.size),
        "standard_error": f"{100 * split.standard_error(split.always_no):.1f}",
        "one_record": f"{100 / split.size:g}",
    }
    return derived.get(key) or f"{getattr(split, key):.1%}"


def bowl(key: str) -> str:
    """A number of chapter 5's two-weight bowl (:data:`gradient_descent.BOWL`).

    ``lam_min``, ``lam_max``: the Hessian's eigenvalues; ``threshold``:
    2/lam_max; ``half_threshold``: 1/lam_max; ``rate_K``: the K-th learning rate
    drawn; ``steps``; ``error_start``, ``error_min``; ``error_K``: E after the
    steps at the K-th rate.
    """
    X, y = gradient_descent.BOWL["X"], gradient_descent.BOWL["y"]
    lam = gradient_descent.bowl_curvature(X)
    rates, start = gradient_descent.BOWL["rates"], gradient_descent.BOWL["start"]
    if key.startswith("rate_"):
        return f"{rates[int(key.removeprefix('rate_')) - 1]:g}"
    if key.startswith("error_") and key[-1].isdigit():
        lr, steps = rates[int(key[-1]) - 1], gradient_descent.BOWL["steps"]
        path = gradient_descent.bowl_path(X, y, start, lr, steps)
        return f"{gradient_descent.bowl_error(X, y, path[-1]):.3g}"
    w_min = np.linalg.lstsq(X.T, y, rcond=None)[0]
    values = {
        "lam_min": lam[0],
        "lam_max": lam[-1],
        "threshold": 2 / lam[-1],
        "half_threshold": 1 / lam[-1],
        "steps": gradient_descent.BOWL["steps"],
        "error_start": gradient_descent.bowl_error(X, y, start),
        "error_min": gradient_descent.bowl_error(X, y, w_min),
    }
    return f"{values[key]:.3g}"


SETTLE_LR, SETTLE_EPOCHS = 20.0, 3000  # below 2 / lam_max: reaches the minimum


@cache
def _unit_minimum() -> tuple[NDArray, float, NDArray]:
    """Chapter 5's unit trained to its minimum: weights, loss, Hessian eigenvalues."""
    data = prepare(simulate_admissions(), course.GRADIENT_DESCENT.split_seed)
    start = _exercise("gradient_descent")["weights"]
    w, losses = gradient_descent.train(data.X, data.y, start, SETTLE_LR, SETTLE_EPOCHS)
    lam = np.linalg.eigvalsh(gradient_descent.unit_hessian(data.X, data.y, w))
    if 2 / lam[-1] <= SETTLE_LR or abs(losses[-1] - losses[-2]) > 1e-15:
        raise ValueError("the unit did not settle at its minimum")
    return w, float(losses[-1]), lam


def unit_curvature(key: str, lr: str = "", epochs: str = "") -> str:
    """Chapter 5's sigmoid unit at the bottom of its error, on the admissions data.

    ``minimum_loss`` (the loss the course prints, at the minimum), ``lam_max``
    (the largest eigenvalue of the Hessian of E/m there), ``threshold``
    (2/lam_max), ``half_threshold`` (1/lam_max); ``last_losses`` with a
    learning rate and epochs: the last two losses of that run from weights 0.1.
    """
    _, minimum, lam = _unit_minimum()
    if key == "last_losses":
        data = prepare(simulate_admissions(), course.GRADIENT_DESCENT.split_seed)
        w0 = np.full(data.X.shape[0], 0.1)
        _, losses = gradient_descent.train(data.X, data.y, w0, float(lr), int(epochs))
        low, high = sorted(losses[-2:])
        return f"{low:.4f} and {high:.4f}"
    values = {
        "minimum_loss": f"{minimum:.4f}",
        "lam_max": f"{lam[-1]:.3g}",
        "threshold": f"{2 / lam[-1]:.3g}",
        "half_threshold": f"{1 / lam[-1]:.3g}",
    }
    return values[key]


FACTS["admissions"] = admissions
FACTS["bowl"] = bowl
FACTS["unit_curvature"] = unit_curvature


def digit_task(key: str) -> str:
    """A number about chapter 8's digits, its split, its runs and its settings.

    Loading the digits needs scikit-learn; every run is seeded and cached.
    """
    data = task.digits_split()
    full, small = task.trained_digits_network(), task.small_set_run()
    variances = task.init_variances()
    most_common = np.argmax(np.bincount(data.labels))  # in the training records
    values = {
        "records": data.labels.size + data.labels_test.size,
        "train_records": data.labels.size,
        "test_records": data.labels_test.size,
        "test_share": f"{task.SPLIT['test_share']:.0%}",
        "split_seed": task.SPLIT["seed"],
        "blank_pixels": int(np.sum(data.pixels.std(axis=1) == 0)),
        "sizes": "-".join(map(str, task.NETWORK["sizes"])),
        "test_accuracy": f"{full.test_accuracy:.1%}",
        "always_most_common": f"{np.mean(data.labels_test == most_common):.1%}",
        "train_accuracy": f"{full.train_accuracy:.1%}",
        "test_errors": task.misclassified().size,
        "full_gap": f"{100 * (full.train_accuracy - full.test_accuracy):.1f}",
        "small_records": task.SMALL["records"],
        "small_epochs": task.SMALL["epochs"],
        "small_train_accuracy": f"{small.train_accuracy:.0%}",
        "small_test_accuracy": f"{small.test_accuracy:.1%}",
        "small_gap": f"{100 * (small.train_accuracy - small.test_accuracy):.1f}",
        "small_best_epoch": int(np.argmin(small.losses["test"])) + 1,
        "small_best_test_loss": f"{small.losses['test'].min():.3f}",
        "small_final_test_loss": f"{small.losses['test'][-1]:.3f}",
        "deep_width": task.DEEP["width"],
        "deep_depth": task.DEEP["depth"],
    }
    values |= _digit_figures(data)
    for (g, gain), v in variances.items():  # e.g. "relu_2_last": variance at the top
        values[f"{g}_{gain:g}_first"] = f"{v[0]:.2f}"
        values[f"{g}_{gain:g}_last"] = f"{v[-1]:.3g}"
    if key not in values:
        raise ValueError(f"no digits fact {key!r}; known: {', '.join(values)}")
    return str(values[key])


FACTS["digit_task"] = digit_task


def _digit_figures(data: task.Split) -> dict[str, str]:
    """What chapter 8's figures show, for their long descriptions.

    Lists are digits and arrows, with no words, so any edition quotes them.
    """
    guesses = task.test_predictions()
    counts = task.confusion_matrix(data.labels_test, guesses, task.CLASSES)
    mixed = [(t, p) for t, p in np.argwhere(counts) if t != p]
    mixed.sort(key=lambda pair: (-counts[pair], pair[0], pair[1]))
    wrong = task.misclassified()
    return {
        "sample_labels": ", ".join(str(n) for n in data.labels[:20]),
        "right_per_digit": ", ".join(str(n) for n in np.diag(counts)),
        "confusions": ", ".join(f"{t} → {p} ({counts[t, p]})" for t, p in mixed),
        "wrong": ", ".join(f"{data.labels_test[i]} → {guesses[i]}" for i in wrong),
    }


def xor(key: str) -> str:
    """Chapter 3's XOR figure: how many points each model gets right."""
    X, y = examples.xor_points()
    _, _, line = examples.best_linear_split(X, y)
    network = share_correct(forward(X, examples.xor_network())[0][0], y)
    return {"line_accuracy": f"{line:.0%}", "network_accuracy": f"{network:.0%}"}[key]


FACTS["xor"] = xor


# Chapters 5 and 6's widgets: the problem each runs, as JSON for the page.
FACTS["widget_problem"] = training_widgets.widget_problem
