"""Standardising the admissions features with the training records' statistics only.

The course standardises ``gre`` and ``gpa`` with the mean and standard deviation
of all its records, test records included, and :func:`nnlit.data.prepare`
reproduces that. :func:`prepare_on_training` is the fix: the statistics come
from the training records alone, and the same :class:`Scaling` prepares the
test records and any new applicant.
"""

# --8<-- [start:imports]
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from nnlit.data import Split, check_records, split_rows

# --8<-- [end:imports]


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
