"""Yardsticks for the simulated admissions data, and a preparation that does not leak.

:func:`nnlit.data.simulate_admissions` draws every applicant's admission from a
known logistic model in the very features the networks see. So the chance
:math:`p` that each applicant is admitted is known, and with it the best any
model can do: answer "admitted" exactly where :math:`p > 1/2`. A score is worth
reading only beside that ceiling, beside the score of answering "rejected" to
everyone, and beside its own standard error.

The course standardises ``gre`` and ``gpa`` with the mean and standard deviation
of all records, test records included (:func:`nnlit.data.prepare` reproduces
that). :func:`prepare_on_training` is the fix: the statistics come from the
training records alone, and the same :class:`Scaling` prepares any new record.
"""

# --8<-- [start:imports]
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from nnlit.checks import check_seed
from nnlit.data import LOGIT, RANK_EFFECT, Split, check_records

# --8<-- [end:imports]


# --8<-- [start:yardsticks]
def admission_probability(records: NDArray) -> NDArray:
    """Each applicant's chance of admission under the model that drew the data.

    ``records`` is ``(n, 4)``, columns ``admit, gre, gpa, rank``; returns ``(n,)``.
    """
    _, gre, gpa, rank = check_records(records).T
    logit = LOGIT["intercept"] + LOGIT["gre"] * gre + LOGIT["gpa"] * gpa
    logit = logit + np.select([rank == r for r in RANK_EFFECT], RANK_EFFECT.values())
    return 1 / (1 + np.exp(-logit))


def split_rows(n: int, split_seed: int) -> tuple[NDArray, NDArray]:
    """The training and test rows of :func:`nnlit.data.prepare`'s 90/10 split."""
    rng = np.random.RandomState(check_seed(split_seed, "split_seed"))
    train = rng.choice(n, size=int(0.9 * n), replace=False)
    return train, np.setdiff1d(np.arange(n), train)


def yardsticks(records: NDArray, rows: NDArray) -> dict[str, float]:
    r"""What a model's accuracy on ``records[rows]`` should be read against.

    Returns ``always_rejected`` (the share not admitted), ``best`` (the accuracy
    of answering "admitted" where :math:`p > 1/2`, on these records as drawn),
    ``expected_best`` (that rule's accuracy on average over redraws of their
    admissions: the mean of :math:`\max(p, 1 - p)`), and ``standard_error``
    (of an accuracy near ``expected_best`` measured on this many records).
    """
    admit = check_records(records)[rows, 0]
    p = admission_probability(records)[rows]
    expected = float(np.mean(np.maximum(p, 1 - p)))
    return {
        "always_rejected": float(np.mean(admit == 0)),
        "best": float(np.mean((p > 0.5) == (admit == 1))),
        "expected_best": expected,
        "standard_error": standard_error(expected, len(rows)),
    }


def standard_error(accuracy: float, n: int) -> float:
    """Standard error of an accuracy measured on ``n`` independent records."""
    return float(np.sqrt(accuracy * (1 - accuracy) / n))


# --8<-- [end:yardsticks]


# --8<-- [start:prepare_on_training]
@dataclass(frozen=True)
class Scaling:
    """Mean and sample standard deviation of ``gre`` and ``gpa``, as fitted."""

    mean: NDArray  # (2,)
    sd: NDArray  # (2,)


def fit_scaling(records: NDArray) -> Scaling:
    """The statistics :func:`features` standardises with, from these records only."""
    columns = check_records(records)[:, 1:3]  # gre, gpa
    return Scaling(columns.mean(axis=0), columns.std(axis=0, ddof=1))


def features(records: NDArray, scaling: Scaling) -> NDArray:
    """``(6, n)`` features: standardised ``gre``, ``gpa``, then one-hot rank.

    ``records`` is ``(n, 4)`` as :func:`nnlit.data.check_records` returns it; any
    number of them, a single new applicant too.
    """
    standard = (records[:, 1:3] - scaling.mean) / scaling.sd  # (n, 2)
    one_hot = records[:, 3:4] == np.array([1, 2, 3, 4])  # (n, 4)
    return np.column_stack([standard, one_hot]).T.astype(float)


def prepare_on_training(records: NDArray, split_seed: int) -> tuple[Split, Scaling]:
    """:func:`nnlit.data.prepare`'s split, standardised with training statistics.

    The test records are prepared with the training records' mean and standard
    deviation, as any new applicant would be. Returns the split and the scaling.
    """
    records = check_records(records)
    train, test = split_rows(len(records), split_seed)
    scaling = fit_scaling(records[train])
    X, X_test = features(records[train], scaling), features(records[test], scaling)
    return Split(X, records[train, 0], X_test, records[test, 0]), scaling


# --8<-- [end:prepare_on_training]
