import hashlib
from pathlib import Path

import numpy as np
import pytest

from nnlit.data import COLUMNS, DataError, load_admissions, prepare, simulate_admissions

# From the data's README: the file's digest, and 127 of 400 applicants admitted.
ORIGINAL_SHA256 = "2f5dcda0e455631215709575cc2eede4e5fb4e94cda9c37dab54e26d79dcf8c2"


def test_simulation_is_seeded():
    assert np.array_equal(simulate_admissions(seed=3), simulate_admissions(seed=3))
    assert not np.array_equal(simulate_admissions(seed=3), simulate_admissions(seed=4))


def test_simulation_looks_like_the_published_data():
    admit, gre, gpa, rank = simulate_admissions(n=20_000, seed=1).T
    assert set(np.unique(admit)) == {0.0, 1.0}
    assert set(np.unique(rank)) == {1.0, 2.0, 3.0, 4.0}
    assert gre.min() >= 220
    assert gre.max() <= 800
    assert np.all(gre % 10 == 0)
    assert gpa.max() <= 4.0
    assert gre.mean() == pytest.approx(588, abs=10)
    assert gre.std() == pytest.approx(116, abs=12)
    assert gpa.mean() == pytest.approx(3.39, abs=0.03)
    assert admit.mean() == pytest.approx(0.32, abs=0.04)
    # better-ranked schools admit more, as the published model says
    rates = [admit[rank == r].mean() for r in (1, 2, 3, 4)]
    assert rates == sorted(rates, reverse=True)


def test_original_file_loads_whole(original_data: Path):
    assert hashlib.sha256(original_data.read_bytes()).hexdigest() == ORIGINAL_SHA256
    records = load_admissions(original_data)
    assert records.shape == (400, 4)
    assert records[:, 0].sum() == 127
    np.testing.assert_array_equal(records[0], [0, 380, 3.61, 3])


def test_prepare_reproduces_the_course_split():
    """Against the course's own recipe: the legacy *global* seed, then choice."""
    records = simulate_admissions()
    # The course's code, global state and all: the very API nnlit must reproduce.
    np.random.seed(21)  # noqa: NPY002
    sample = np.random.choice(np.arange(400), size=360, replace=False)  # noqa: NPY002
    data = prepare(records, split_seed=21)
    np.testing.assert_array_equal(data.y, records[sample, 0])
    test_rows = [i for i in range(400) if i not in set(sample)]
    np.testing.assert_array_equal(data.y_test, records[test_rows, 0])
    assert data.X.shape == (6, 360)
    assert data.X_test.shape == (6, 40)


def test_prepare_standardises_over_all_records_and_one_hot_encodes():
    records = simulate_admissions()
    data = prepare(records, split_seed=42)
    train = np.random.RandomState(42).choice(400, size=360, replace=False)
    order = np.concatenate([train, np.setdiff1d(np.arange(400), train)])
    X = np.hstack([data.X, data.X_test])  # columns in `order`
    for row, column in ((0, 1), (1, 2)):  # gre, gpa
        raw = records[:, column]
        expected = (raw - raw.mean()) / raw.std(ddof=1)
        np.testing.assert_allclose(X[row], expected[order], rtol=1e-14)
    for r in (1, 2, 3, 4):
        np.testing.assert_array_equal(X[1 + r], records[order, 3] == r)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "admissions.csv"
    path.write_text(text)
    return path


GOOD = "admit,gre,gpa,rank\n0,380,3.61,3\n1,660,3.67,3\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"admissions\.csv: the file is empty"),
        ("admit,gre,gpa,rank\n", r"admissions\.csv: no records after the header"),
        ("admit,gre,rank\n0,380,3\n", r"admissions\.csv:1: .*: missing gpa$"),
        ("admit,gre,gpa,rank,extra\n", r"admissions\.csv:1: .*: unexpected 'extra'$"),
        (
            GOOD + "1,abc,3.2,2\n",
            r"admissions\.csv:4: column gre: 'abc' is not a number",
        ),
        (GOOD + "1,600,,2\n", r"admissions\.csv:4: column gpa: '' is not a number"),
        (GOOD + "1,600,nan,2\n", r"admissions\.csv:4: column gpa: 'nan' is not finite"),
        (
            GOOD + "1,600,3.2,5\n",
            r"admissions\.csv:4: column rank: '5' must be 1, 2, 3 or 4",
        ),
        (
            GOOD + "2,600,3.2,1\n",
            r"admissions\.csv:4: column admit: '2' must be 0 or 1",
        ),
        (GOOD + "1,600,3.2\n", r"admissions\.csv:4: expected 4 cells, got 3"),
    ],
)
def test_bad_files_name_file_line_and_column(tmp_path: Path, text: str, message: str):
    with pytest.raises(DataError, match=message):
        load_admissions(write(tmp_path, text))


def test_missing_file(tmp_path: Path):
    with pytest.raises(DataError, match=r"nope\.csv: cannot read: No such file"):
        load_admissions(tmp_path / "nope.csv")


def test_good_file(tmp_path: Path):
    records = load_admissions(write(tmp_path, GOOD))
    np.testing.assert_array_equal(records, [[0, 380, 3.61, 3], [1, 660, 3.67, 3]])
    assert COLUMNS == ("admit", "gre", "gpa", "rank")
