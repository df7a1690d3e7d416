"""The preparation fitted on the training records only, against the course's."""

import numpy as np
import pytest

from nnlit import course
from nnlit.baselines import admission_probability, split_scores
from nnlit.data import DataError, prepare, simulate_admissions, split_rows
from nnlit.facts import gradient_cost
from nnlit.scaling import features, fit_scaling, prepare_on_training


@pytest.mark.parametrize("split_seed", [21, 42, 7])
def test_the_split_is_prepares(split_seed):
    records = simulate_admissions()
    data = prepare(records, split_seed)
    train, test = split_rows(len(records), split_seed)
    np.testing.assert_array_equal(records[train, 0], data.y)
    np.testing.assert_array_equal(records[test, 0], data.y_test)


def test_prepare_on_training_scales_with_the_training_records_only():
    records = simulate_admissions()
    course_split = prepare(records, 21)
    split, scaling = prepare_on_training(records, 21)
    np.testing.assert_array_equal(split.y, course_split.y)
    np.testing.assert_array_equal(split.y_test, course_split.y_test)
    np.testing.assert_array_equal(split.X[2:], course_split.X[2:])  # one-hot rank
    np.testing.assert_allclose(split.X[:2].mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(split.X[:2].std(axis=1, ddof=1), 1)
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


def test_the_bayes_rule_expectation_and_standard_error_match_redraws():
    """Draw chapter 6's test admissions again and again: the rule's scores spread."""
    records = simulate_admissions()
    _, test = split_rows(len(records), course.BACKPROP.split_seed)
    p = admission_probability(records[test])
    admit = np.random.default_rng(0).random((20_000, len(test))) < p
    redrawn = np.mean(admit == (p > 0.5), axis=1)
    scores = split_scores(records, course.BACKPROP.split_seed)
    assert scores.bayes_expected == pytest.approx(redrawn.mean(), abs=0.002)
    assert scores.standard_error(scores.bayes_expected) == pytest.approx(
        redrawn.std(), rel=0.1
    )


def test_the_cost_facts_name_the_courses_network():
    weights = course.network_weights(6, course.BACKPROP.hidden, seed=0)
    parameters = sum(w.size for w in weights.values())
    assert gradient_cost("course", "parameters") == str(parameters)
    assert gradient_cost("course", "finite_differences") == str(2 * parameters)
