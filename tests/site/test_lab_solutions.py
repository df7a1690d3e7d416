"""Every assertion of a lab's solutions fails when what it checks is perturbed."""

from pathlib import Path

import numpy as np
import pytest
from lab_probe import perturbed, probe_lab
from labs import asserts_on_its_own_result, exercises, labs
from project import FIXTURES


@pytest.mark.parametrize("lab", labs(), ids=lambda p: p.stem)
def test_each_assertion_of_a_solution_depends_on_what_the_solution_computed(
    lab: Path,
):
    found = probe_lab(lab)
    assert [check.problem() for check in found if check.problem()] == []
    headings = [heading.lstrip("# ") for heading, _ in exercises(lab)]
    assert sorted({check.exercise for check in found}) == sorted(headings)
    tried = sum(check.tried for check in found)
    print(
        f"{lab.name}: {len(headings)} solutions checked, {len(found)} assertions"
        f" each made to fail by a perturbed value ({tried} values tried)"
    )


def test_a_tautology_fails_naming_lab_exercise_and_line():
    lab = FIXTURES / "tautology-lab.py"
    found = probe_lab(lab)
    assert [check.problem() for check in found] == [
        "",  # exercise 1 checks what it computed
        "tautology-lab.py:32: Exercise 2: the tautology a reviewer typed:"
        " assert gap == gap held for every perturbed value of gap (5 tried):"
        " it checks nothing",
        "tautology-lab.py:40: Exercise 3: tautologies the static check lets through:"
        " assert abs(gap - gap) < 1e-12 held for every perturbed value of gap"
        " (4 tried): it checks nothing",
        "tautology-lab.py:41: Exercise 3: tautologies the static check lets through:"
        " assert np.allclose(slope, slope * 1.0) held for every perturbed value of"
        " slope (52 tried): it checks nothing",
        "tautology-lab.py:42: Exercise 3: tautologies the static check lets through:"
        " assert gap < 1e-15 or gap >= 1e-15 held for every perturbed value of gap"
        " (4 tried): it checks nothing",
    ]
    assert found[0].broken_by == "gap +1"
    # The static check lets exercise 3 through: only running it shows the fault.
    assert asserts_on_its_own_result(exercises(lab)[2][1].source)


PROBED = """\
# %%
import numpy as np

ready = 2.0

# %% [markdown]
# ## Exercise 1: checks the probe cannot reach

# %% tags=["solution"]
def check(x):
    assert x > 0


check(ready)
assert ready > 1
if ready < 0:
    late = 1
    assert late == 1
"""


def test_an_assertion_the_probe_cannot_perturb_is_named(tmp_path: Path):
    lab = tmp_path / "unreachable-lab.py"
    lab.write_text(PROBED, encoding="utf-8")
    where = "unreachable-lab.py:{}: Exercise 1: checks the probe cannot reach: "
    assert [check.problem() for check in probe_lab(lab)] == [
        where.format(15) + "assert ready > 1 reads no name its solution assigned",
        where.format(18) + "assert late == 1 never ran",
        where.format(11) + "assert x > 0 is inside a function: no probe reaches it",
    ]


@pytest.mark.parametrize(
    "value",
    [
        True,
        3,
        -0.0,
        np.float32(2.5),
        "shape (2,)",
        np.arange(6.0).reshape(2, 3),
        np.linspace(0, 1, 40),
        np.array([True, False]),
        [1.0, "a"],
        (3, 5),
        {"W1": np.ones((2, 2)), "b1": 0.5},
    ],
    ids=type,
)
def test_a_perturbed_value_is_new_different_and_never_nan(value: object):
    kept = repr(value)
    found = list(perturbed(value))
    assert found
    for description, moved in found:
        assert moved is not value, description
        assert repr(moved) != kept, description
        numbers = np.asarray(moved if not isinstance(moved, dict) else 0.0)
        if np.issubdtype(numbers.dtype, np.floating):
            assert not np.isnan(numbers).any(), description
    assert repr(value) == kept  # the original is never changed
