"""The problems chapters 5 and 6's widgets run, and the reference they are held to."""

import json

import numpy as np
from training_reference import REFERENCE, descent_end, written

from nnlit.backprop import two_layer_step
from nnlit.course import BACKPROP
from nnlit.facts import FACTS
from nnlit.gradient_descent import BOWL, bowl_curvature
from nnlit.training_widgets import (
    DESCENT_SLIDER,
    backprop_problem,
    descent_problem,
    thresholds,
)


def test_the_node_tests_reference_is_nnlits_current_output():
    assert REFERENCE.read_text(encoding="utf-8") == written(), (
        "tests/js/training-reference.json is stale:"
        " run python tests/support/training_reference.py"
    )


def test_the_page_gets_the_problems_as_json_that_reads_back_exactly():
    for name, problem in (("descent", descent_problem), ("backprop", backprop_problem)):
        text = FACTS["widget_problem"](name)
        assert "'" not in text  # it sits in an attribute quoted with '
        assert json.loads(text) == problem()


def test_the_descent_widget_runs_chapter_5s_bowl_across_every_regime():
    problem = descent_problem()
    assert np.array_equal(problem["X"], BOWL["X"])
    assert problem["start"] == BOWL["start"].tolist()
    half, threshold = thresholds()
    assert threshold == 2 / bowl_curvature(BOWL["X"])[-1]
    low, high = DESCENT_SLIDER["min"], DESCENT_SLIDER["max"]
    assert low < half < threshold < high
    assert all(low <= rate <= high for rate in BOWL["rates"])
    # The slider's far end overflows the loss within a Run: the widget says so.
    assert descent_end(high)["end"] == "diverged"
    assert descent_end(0.9 * threshold)["end"] == "settled"


def test_the_backprop_widget_takes_the_course_first_step():
    problem = backprop_problem()
    assert problem["lr"] == BACKPROP.lr
    assert len(problem["w2"]) == BACKPROP.hidden
    x, W1, w2 = (np.array(problem[k]) for k in ("x", "W1", "w2"))
    dW1, _, _ = two_layer_step(x, problem["y"], W1, w2)
    assert dW1.shape == (BACKPROP.hidden, len(x))
    assert np.any(dW1 != 0)
