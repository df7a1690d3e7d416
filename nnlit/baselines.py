"""What any model can score on the simulated admissions data, known from its source.

:func:`nnlit.data.simulate_admissions` draws each applicant's admission as a
coin flip with a known probability ``p`` (a logistic model in the features the
chapters use). So the best any model can do is known too: answer "admitted"
exactly when ``p > 0.5`` (the Bayes rule). It is right with probability
``max(p, 1 - p)``; no network, however deep, does better in expectation.
These numbers put a test accuracy in its place: beside the score of always
answering "rejected", and beside the noise of a small test set.
"""

# --8<-- [start:imports]
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from nnlit.data import GPA, GRE, LOGIT, RANK_EFFECT, RANK_SHARE, split_rows

# --8<-- [end:imports]


# --8<-- [start:probability]
def admission_probability(records: NDArray) -> NDArray:
    """The generating model's chance of admission for each record, ``(n,)``.

    ``records`` has columns ``admit, gre, gpa, rank``, as
    :func:`nnlit.data.simulate_admissions` returns them.
    """
    _, gre, gpa, rank = np.asarray(records, dtype=float).T
    logit = LOGIT["intercept"] + LOGIT["gre"] * gre + LOGIT["gpa"] * gpa
    logit = logit + np.array([RANK_EFFECT[int(r)] for r in rank])
    return 1 / (1 + np.exp(-logit))


# --8<-- [end:probability]


@dataclass(frozen=True)
class SplitScores:
    """Scores on one split's test records, as shares from 0 to 1."""

    size: int  # test records
    always_no: float  # answering "rejected" every time
    bayes: float  # the Bayes rule, against the labels drawn
    bayes_expected: float  # the Bayes rule, in expectation over fresh labels
    above_half: float  # share of test applicants with p > 0.5

    def standard_error(self, accuracy: float) -> float:
        """``sqrt(p (1 - p) / n)``: the spread of an accuracy ``p`` measured here."""
        return math.sqrt(accuracy * (1 - accuracy) / self.size)


def split_scores(records: NDArray, split_seed: int) -> SplitScores:
    """The baselines on the test records of ``prepare(records, split_seed)``.

    The test records are the ones :func:`nnlit.data.prepare` sets aside: the
    rows its seeded draw (:func:`nnlit.data.split_rows`) leaves out.
    """
    _, test = split_rows(len(records), split_seed)
    y, p = records[test, 0], admission_probability(records[test])
    return SplitScores(
        size=len(test),
        always_no=float(np.mean(y == 0)),
        bayes=float(np.mean((p > 0.5) == (y == 1))),
        bayes_expected=float(np.mean(np.maximum(p, 1 - p))),
        above_half=float(np.mean(p > 0.5)),
    )


def _rounded_normal(spec: dict, step: float) -> tuple[NDArray, NDArray]:
    """Values and chances of a normal clipped to ``low..high``, rounded to ``step``.

    As :func:`nnlit.data.simulate_admissions` draws GRE and GPA: every value
    below the lowest rounds to the lowest, every value above to the highest.
    """
    values = np.arange(spec["low"], spec["high"] + step / 2, step)
    cuts = (values[:-1] + values[1:]) / 2  # where rounding switches
    z = (cuts - spec["mean"]) / (spec["sd"] * math.sqrt(2))
    cdf = np.array([0.0, *(0.5 * (1 + math.erf(v)) for v in z), 1.0])
    return values, np.diff(cdf)


def population() -> dict[str, float]:
    """Expected scores over all applicants the simulation can draw, summed exactly.

    GRE, GPA and rank are independent and take finitely many values, so the
    expectation is a finite sum: ``always_no`` is ``1 - E[p]``, ``bayes`` is
    ``E[max(p, 1 - p)]``, ``above_half`` the chance that ``p > 0.5``.
    """
    gre, p_gre = _rounded_normal(GRE, 10.0)
    gpa, p_gpa = _rounded_normal(GPA, 0.01)
    ranks = np.array(list(RANK_SHARE))
    g, a, r = (v.ravel() for v in np.meshgrid(gre, gpa, ranks, indexing="ij"))
    chance = np.einsum("i,j,k->ijk", p_gre, p_gpa, list(RANK_SHARE.values())).ravel()
    p = admission_probability(np.column_stack([np.zeros_like(g), g, a, r]))
    return {
        "always_no": float(chance @ (1 - p)),
        "bayes": float(chance @ np.maximum(p, 1 - p)),
        "above_half": float(chance @ (p > 0.5)),
    }
