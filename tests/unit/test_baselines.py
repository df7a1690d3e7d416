import numpy as np
import pytest

from nnlit.baselines import admission_probability, population, split_scores
from nnlit.data import prepare, simulate_admissions


def test_the_probability_is_the_published_logistic_model():
    """Rank 1, GRE 600, GPA 3.5: -3.99 + 0.00226 * 600 + 0.804 * 3.5 = 0.180."""
    record = np.array([[0.0, 600.0, 3.5, 1.0], [1.0, 600.0, 3.5, 4.0]])
    logit = np.array([0.18, 0.18 - 1.55])
    np.testing.assert_allclose(admission_probability(record), 1 / (1 + np.exp(-logit)))


def test_the_exact_expectation_agrees_with_a_large_simulation():
    """Two million simulated applicants: within five standard errors of the sum."""
    records = simulate_admissions(n=2_000_000, seed=3)
    p = admission_probability(records)
    drawn = {
        "always_no": np.mean(records[:, 0] == 0),
        "bayes": np.mean(np.maximum(p, 1 - p)),
        "above_half": np.mean(p > 0.5),
    }
    for key, exact in population().items():
        assert drawn[key] == pytest.approx(exact, abs=5 * 0.5 / np.sqrt(2e6)), key


def test_the_bayes_rule_beats_every_rule_in_expectation():
    """max(p, 1 - p) is at least what any fixed answer scores, record by record."""
    records = simulate_admissions()
    p = admission_probability(records)
    for answer in (records[:, 1] > 600, records[:, 3] == 1, np.zeros(400, bool)):
        expected = np.mean(np.where(answer, p, 1 - p))
        assert expected <= np.mean(np.maximum(p, 1 - p))


@pytest.mark.parametrize("split_seed", [42, 21, 0])
def test_the_split_scores_are_counted_on_prepares_test_records(split_seed):
    records = simulate_admissions()
    scores = split_scores(records, split_seed)
    y_test = prepare(records, split_seed).y_test
    assert scores.size == len(y_test) == 40
    assert scores.always_no == np.mean(y_test == 0)
    assert scores.standard_error(0.5) == pytest.approx(0.5 / np.sqrt(40))
    assert 0.5 <= scores.bayes_expected <= 1
