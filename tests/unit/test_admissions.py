"""The admissions yardsticks against redraws of the data, and the leak-free split."""

import itertools

import numpy as np
import pytest

from nnlit import course
from nnlit.admissions import (
    admission_probability,
    features,
    fit_scaling,
    prepare_on_training,
    split_rows,
    yardsticks,
)
from nnlit.data import DataError, prepare, simulate_admissions
from nnlit.facts import admissions, gradient_cost


def test_the_probabilities_are_the_ones_the_admissions_were_drawn_with():
    """Calibration: in each tenth of p, the share admitted is the mean p there."""
    records = simulate_admissions(n=200_000, seed=5)
    p, admit = admission_probability(records), records[:, 0]
    edges = np.quantile(p, np.linspace(0, 1, 11))
    for low, high in itertools.pairwise(edges):
        inside = (p >= low) & (p <= high)
        assert admit[inside].mean() == pytest.approx(p[inside].mean(), abs=0.01)


def redrawn_best_accuracies(records, rows, draws=20_000, seed=0):
    """The best rule's accuracy on ``rows`` as their admissions are drawn again."""
    p = admission_probability(records)[rows]
    admit = np.random.default_rng(seed).random((draws, len(rows))) < p
    return np.mean(admit == (p > 0.5), axis=1)


def test_expected_best_and_standard_error_match_redraws():
    records = simulate_admissions()
    _, test = split_rows(len(records), course.BACKPROP.split_seed)
    marks = yardsticks(records, test)
    redrawn = redrawn_best_accuracies(records, test)
    assert marks["expected_best"] == pytest.approx(redrawn.mean(), abs=0.002)
    assert marks["standard_error"] == pytest.approx(redrawn.std(), rel=0.1)


def test_no_rule_beats_the_best_rule_on_average():
    """Any other cut-off of p scores less, in expectation, than p > 1/2."""
    records = simulate_admissions(n=2000, seed=3)
    rows = np.arange(len(records))
    p = admission_probability(records)
    best = yardsticks(records, rows)["expected_best"]
    for cut in (0.3, 0.4, 0.45, 0.55, 0.7):
        says_yes = p > cut
        assert np.mean(np.where(says_yes, p, 1 - p)) < best


@pytest.mark.parametrize("exercise", [course.BACKPROP, course.GRADIENT_DESCENT])
def test_the_split_and_always_rejected_are_the_courses(exercise):
    records = simulate_admissions()
    data = prepare(records, exercise.split_seed)
    train, test = split_rows(len(records), exercise.split_seed)
    np.testing.assert_array_equal(records[train, 0], data.y)
    np.testing.assert_array_equal(records[test, 0], data.y_test)
    marks = yardsticks(records, test)
    assert marks["always_rejected"] == np.mean(data.y_test == 0)


def test_prepare_on_training_scales_with_the_training_records_only():
    records = simulate_admissions()
    course_split = prepare(records, 21)
    split, scaling = prepare_on_training(records, 21)
    np.testing.assert_array_equal(split.y, course_split.y)
    np.testing.assert_array_equal(split.X[2:], course_split.X[2:])  # one-hot rank
    np.testing.assert_allclose(split.X[:2].mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(split.X[:2].std(axis=1, ddof=1), 1)
    assert abs(split.X_test[:2].mean()) > 1e-3  # the test records were not used
    train, test = split_rows(400, 21)
    gre, training_gre = records[test, 1], records[train, 1]
    expected = (gre - training_gre.mean()) / training_gre.std(ddof=1)
    np.testing.assert_allclose(split.X_test[0], expected)
    assert not np.allclose(split.X[:2], course_split.X[:2])  # the course's leaks
    one = features(records[:1], scaling)
    np.testing.assert_array_equal(one[:, 0], features(records, scaling)[:, 0])


def test_a_constant_training_column_cannot_be_scaled():
    records = simulate_admissions()
    records[:, 1] = 500.0
    with pytest.raises(DataError, match="gre"):
        fit_scaling(records)


def test_the_facts_read_the_course_split():
    records = simulate_admissions()
    data = prepare(records, course.BACKPROP.split_seed)
    assert admissions("always_rejected") == f"{np.mean(data.y_test == 0):.1%}"
    assert admissions("test_records") == str(len(data.y_test))
    assert float(admissions("one_record")) * len(data.y_test) == pytest.approx(100)
    weights = course.network_weights(6, course.BACKPROP.hidden, seed=0)
    assert gradient_cost("course", "parameters") == str(
        sum(w.size for w in weights.values())
    )
