"""The graduate-admissions data of chapters 5 and 6: simulated, or loaded.

The course behind the source trains on 400 applicants (``admit, gre, gpa,
rank``). That file is not ours to ship, so :func:`simulate_admissions` draws a
stand-in from the published logistic regression fitted to it, with the same
columns and similar marginals. :func:`load_admissions` reads the original CSV
layout when you have the file, and :func:`prepare` reproduces the course's
preparation exactly, including its legacy-seeded split.

Records are rows here, as in a CSV file; :func:`prepare` returns nnlit's
convention, examples as columns.
"""

# --8<-- [start:imports]
import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# --8<-- [end:imports]

COLUMNS = ("admit", "gre", "gpa", "rank")
FEATURES = ("gre", "gpa", "rank_1", "rank_2", "rank_3", "rank_4")

# Published fit of admit ~ gre + gpa + rank (rank 1 is the baseline), and the
# marginals of the original 400 applicants.
LOGIT = {"intercept": -3.99, "gre": 0.00226, "gpa": 0.804}
RANK_EFFECT = {1: 0.0, 2: -0.675, 3: -1.34, 4: -1.55}
RANK_SHARE = {1: 61 / 400, 2: 151 / 400, 3: 121 / 400, 4: 67 / 400}
GRE = {"mean": 588.0, "sd": 116.0, "low": 220.0, "high": 800.0}
GPA = {"mean": 3.39, "sd": 0.38, "low": 2.26, "high": 4.0}


class DataError(ValueError):
    """A data file that cannot be used; the message names file, line and column."""


# --8<-- [start:simulate]
def simulate_admissions(n: int = 400, seed: int = 0) -> np.ndarray:
    """Draw ``n`` simulated applicants from the published logistic model.

    GRE scores are normal, clipped to 220 to 800 and rounded to tens; GPAs normal,
    clipped to 2.26 to 4.0 and rounded to hundredths; ranks follow the original
    shares; admission is a coin flip with the model's probability.

    Returns
    -------
    ndarray, shape (n, 4)
        Columns ``admit, gre, gpa, rank``, one applicant per row.
    """
    rng = np.random.default_rng(seed)
    gre = np.round(
        np.clip(rng.normal(GRE["mean"], GRE["sd"], n), GRE["low"], GRE["high"]), -1
    )
    gpa = np.round(
        np.clip(rng.normal(GPA["mean"], GPA["sd"], n), GPA["low"], GPA["high"]), 2
    )
    rank = rng.choice([1, 2, 3, 4], size=n, p=list(RANK_SHARE.values()))
    logit = LOGIT["intercept"] + LOGIT["gre"] * gre + LOGIT["gpa"] * gpa
    logit += np.array([RANK_EFFECT[r] for r in rank])
    admit = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
    return np.column_stack([admit, gre, gpa, rank])


# --8<-- [end:simulate]


def load_admissions(path: str | Path) -> np.ndarray:
    """Read a CSV with the header ``admit,gre,gpa,rank``; no pandas needed.

    Returns
    -------
    ndarray, shape (n, 4)

    Raises
    ------
    DataError
        For a missing or empty file, a wrong header, a row of the wrong length,
        a non-numeric cell, ``admit`` not 0 or 1, or ``rank`` not 1 to 4. The
        message names the file, line and column; nothing is half-loaded.
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as file:
            rows = list(csv.reader(file))
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error.strerror}") from None
    if not rows:
        raise DataError(f"{path}: the file is empty")
    header = [cell.strip() for cell in rows[0]]
    if tuple(header) != COLUMNS:
        missing = [c for c in COLUMNS if c not in header] or "none"
        extra = [c for c in header if c not in COLUMNS] or "none"
        raise DataError(
            f"{path}:1: the header must be {','.join(COLUMNS)}"
            f" (missing: {missing}, extra: {extra}, got: {','.join(header)})"
        )
    records = [
        _parse_row(row, path, lineno) for lineno, row in enumerate(rows[1:], start=2)
    ]
    if not records:
        raise DataError(f"{path}: no records after the header")
    return np.array(records)


def _parse_row(row: list[str], path: Path, lineno: int) -> list[float]:
    if len(row) != len(COLUMNS):
        raise DataError(
            f"{path}:{lineno}: expected {len(COLUMNS)} cells, got {len(row)}"
        )
    values = []
    for column, cell in zip(COLUMNS, row, strict=True):
        try:
            value = float(cell)
        except ValueError:
            raise DataError(
                f"{path}:{lineno}: column {column}: {cell!r} is not a number"
            ) from None
        if not np.isfinite(value):
            raise DataError(f"{path}:{lineno}: column {column}: {cell!r} is not finite")
        values.append(value)
    admit, _, _, rank = values
    if admit not in (0, 1):
        raise DataError(f"{path}:{lineno}: column admit: {row[0]!r} must be 0 or 1")
    if rank not in (1, 2, 3, 4):
        raise DataError(
            f"{path}:{lineno}: column rank: {row[3]!r} must be 1, 2, 3 or 4"
        )
    return values


# --8<-- [start:prepare]
@dataclass(frozen=True)
class Split:
    """Prepared data, examples as columns: ``X`` is ``(6, m)``, ``y`` is ``(m,)``."""

    X: np.ndarray
    y: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def prepare(records: np.ndarray, split_seed: int) -> Split:
    """The course's preparation: one-hot rank, standardise, seeded 90/10 split.

    ``gre`` and ``gpa`` are standardised over all records with the sample
    standard deviation (``ddof=1``). The training rows are
    ``RandomState(split_seed).choice(n, int(0.9 * n), replace=False)``, in the
    order drawn (as the course's ``np.random.seed`` then ``np.random.choice``
    gives); the test rows are the rest, in file order.
    """
    admit, gre, gpa, rank = records.T
    standard = [(v - v.mean()) / v.std(ddof=1) for v in (gre, gpa)]
    one_hot = [(rank == r).astype(float) for r in (1, 2, 3, 4)]
    features = np.column_stack(standard + one_hot)  # (n, 6): one record per row
    n = len(records)
    train = np.random.RandomState(split_seed).choice(
        n, size=int(0.9 * n), replace=False
    )
    test = np.setdiff1d(np.arange(n), train)  # sorted: file order
    return Split(features[train].T, admit[train], features[test].T, admit[test])


# --8<-- [end:prepare]
