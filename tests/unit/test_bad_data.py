"""Bad input to nnlit.data: each case's exception class and a piece of its message.

Issue 14: every bad input gets a clear error, never a silent wrong answer.
"""

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from nnlit.data import (
    MAX_FILE_BYTES,
    MAX_SIMULATED,
    DataError,
    load_admissions,
    prepare,
    simulate_admissions,
)

RECORDS = simulate_admissions(n=40, seed=5)


def changed(row: int, column: int, value: float) -> np.ndarray:
    records = RECORDS.copy()
    records[row, column] = value
    return records


def constant(column: int) -> np.ndarray:
    records = RECORDS.copy()
    records[:, column] = records[0, column]
    return records


BAD_RECORDS = [
    ("three columns", RECORDS[:, :3], DataError, "got shape (40, 3)"),
    ("five columns", np.hstack([RECORDS, RECORDS[:, :1]]), DataError, "(n, 4)"),
    ("one row as 1-D", RECORDS[0], DataError, "got shape (4,)"),
    ("3-D", RECORDS[None], DataError, "got shape (1, 40, 4)"),
    ("strings", RECORDS.astype(str), TypeError, "must be real numbers"),
    ("booleans", RECORDS > 1, TypeError, "dtype bool"),
    ("objects", RECORDS.astype(object), TypeError, "dtype object"),
    ("complex", RECORDS.astype(complex), TypeError, "dtype complex128"),
    ("ragged", [[0, 380, 3.6, 3], [1, 660]], DataError, "rectangular"),
    ("none", None, TypeError, "must be real numbers"),
    ("no records", np.empty((0, 4)), DataError, "0 are too few"),
    ("nine records", RECORDS[:9], DataError, "9 are too few"),
    ("NaN admit", changed(3, 0, np.nan), DataError, "admit: record 3 is nan"),
    ("NaN gre", changed(3, 1, np.nan), DataError, "gre: record 3 is nan"),
    ("inf gpa", changed(4, 2, np.inf), DataError, "gpa: record 4 is inf"),
    ("-inf rank", changed(5, 3, -np.inf), DataError, "rank: record 5 is -inf"),
    ("admit 7", changed(6, 0, 7), DataError, "record 6 is 7; it must be 0 or 1"),
    ("admit 0.5", changed(6, 0, 0.5), DataError, "admit: record 6 is 0.5"),
    ("admit -1", changed(6, 0, -1), DataError, "admit: record 6 is -1"),
    ("rank 9", changed(7, 3, 9), DataError, "record 7 is 9; it must be 1, 2, 3 or 4"),
    ("rank 0", changed(7, 3, 0), DataError, "rank: record 7 is 0"),
    ("rank 2.5", changed(7, 3, 2.5), DataError, "rank: record 7 is 2.5"),
    ("constant gre", constant(1), DataError, "column gre: every record is"),
    ("constant gpa", constant(2), DataError, "gpa: every record is"),
]


@pytest.mark.parametrize(
    ("records", "error", "message"),
    [case[1:] for case in BAD_RECORDS],
    ids=[case[0] for case in BAD_RECORDS],
)
def test_prepare_refuses_bad_records(records, error: type, message: str):
    with pytest.raises(error) as raised:
        prepare(records, split_seed=1)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("seed", "error", "message"),
    [
        (True, TypeError, "split_seed must be an integer, got True"),
        (1.0, TypeError, "split_seed must be an integer, got 1.0"),
        ("1", TypeError, "split_seed must be an integer, got '1'"),
        (None, TypeError, "split_seed must be an integer, got None"),
        (-1, ValueError, "split_seed must be from 0 to 2**32 - 1, got -1"),
        (2**32, ValueError, "split_seed must be from 0 to 2**32 - 1, got 4294967296"),
    ],
)
def test_prepare_refuses_bad_split_seeds(seed, error: type, message: str):
    with pytest.raises(error) as raised:
        prepare(RECORDS, split_seed=seed)
    assert message in str(raised.value)


def test_prepare_takes_numpy_integer_seeds_and_the_largest_legacy_seed():
    np.testing.assert_array_equal(
        prepare(RECORDS, np.int64(7)).y, prepare(RECORDS, 7).y
    )
    assert prepare(RECORDS, 2**32 - 1).X.shape == (6, 36)


def test_huge_values_standardise_without_overflow():
    """GRE 1e300 used to overflow the standard deviation into a feature of -0."""
    records = RECORDS.copy()
    records[:5, 1] = 1e300
    with np.errstate(all="raise"):
        data = prepare(records, split_seed=1)
    gre = np.hstack([data.X[0], data.X_test[0]])
    assert np.all(np.isfinite(gre))
    assert np.count_nonzero(gre > 1) == 5  # the five huge scores stand out
    assert np.all(np.abs(gre[gre < 1]) > 0.1)  # the rest are not rounded to -0
    # the same features as for the scores scaled down exactly, by 2**-1000
    small = records.copy()
    small[:, 1] = np.ldexp(small[:, 1], -1000)
    np.testing.assert_array_equal(prepare(small, 1).X, data.X)


BAD_SIMULATION = [
    ({"n": 0}, ValueError, "n must be from 1 to 10_000_000, got 0"),
    ({"n": -1}, ValueError, "got -1"),
    ({"n": MAX_SIMULATED + 1}, ValueError, "got 10000001"),
    ({"n": True}, TypeError, "n must be an integer, got True"),
    ({"n": 2.0}, TypeError, "n must be an integer, got 2.0"),
    ({"n": "400"}, TypeError, "got '400'"),
    ({"n": None}, TypeError, "got None"),
    ({"seed": -1}, ValueError, "seed must be from 0 to 2**32 - 1, got -1"),
    ({"seed": 2**32}, ValueError, "seed must be from 0"),
    ({"seed": True}, TypeError, "seed must be an integer, got True"),
    ({"seed": 1.5}, TypeError, "got 1.5"),
    ({"seed": "0"}, TypeError, "got '0'"),
    ({"seed": None}, TypeError, "got None"),
]


@pytest.mark.parametrize(("kwargs", "error", "message"), BAD_SIMULATION)
def test_simulate_refuses_bad_sizes_and_seeds(kwargs: dict, error: type, message):
    with pytest.raises(error) as raised:
        simulate_admissions(**kwargs)
    assert message in str(raised.value)


HEADER = "admit,gre,gpa,rank\n"
GOOD = HEADER + "0,380,3.61,3\n1,660,3.67,3\n"


def make_file(content: bytes) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / "admissions.csv"
        path.write_bytes(content)
        return path

    return make


def make_fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)  # nobody writes: reading it would block forever
    return path


def make_oversized(tmp_path: Path) -> Path:
    path = tmp_path / "huge.csv"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk space, no time
    return path


def make_directory(tmp_path: Path) -> Path:
    (tmp_path / "data.csv").mkdir()
    return tmp_path / "data.csv"


BAD_FILES = [
    ("empty path", lambda _: "", "the data path is empty"),
    ("blank path", lambda _: "   ", "the data path is empty"),
    ("missing", lambda tmp: tmp / "nope.csv", "nope.csv: cannot read: No such file"),
    ("directory", make_directory, "data.csv: is a directory"),
    ("fifo", make_fifo, "pipe.csv: not a regular file"),
    ("oversized", make_oversized, "huge.csv: the file is 50 MiB; nnlit reads at most"),
    (
        "latin-1",
        make_file((GOOD + "1,700,3.9,1\n1,élan,3,2\n").encode("latin-1")),
        "admissions.csv:5: byte 0xe9 is not UTF-8",
    ),
    (
        "NUL byte",
        make_file(GOOD.encode() + b"1,7\x0000,3.9,1\n"),
        "admissions.csv:4: a NUL byte",
    ),
    (
        "field over csv's limit",
        make_file(HEADER.encode() + b'0,"' + b"9" * 200_000 + b'",3,1\n'),
        "admissions.csv:2: not valid CSV: field larger than field limit",
    ),
    (
        "UTF-16",
        make_file(GOOD.encode("utf-16")),
        "admissions.csv: the file is UTF-16; save it as UTF-8",
    ),
    ("only a BOM", make_file(b"\xef\xbb\xbf"), "admissions.csv: the file is empty"),
    (
        "wrong order",
        make_file(b"rank,admit,gre,gpa\n3,0,380,3.61\n"),
        "the header must be admit,gre,gpa,rank: got them as rank,admit,gre,gpa",
    ),
    (
        "no header",
        make_file(b"0,380,3.61,3\n"),
        "missing admit, gre, gpa, rank; unexpected '0', '380', '3.61', '3'",
    ),
    (
        "capitalised",
        make_file(b"Admit,gre,gpa,rank\n0,380,3.61,3\n"),
        "missing admit; unexpected 'Admit'",
    ),
    (
        "duplicated column",
        make_file(b"admit,admit,gpa,rank\n0,0,3.61,3\n"),
        "missing gre; repeated admit",
    ),
    ("blank line", make_file((GOOD + "\n").encode()), ":4: expected 4 cells, got 0"),
    (
        "infinite gre",
        make_file((GOOD + "1,inf,3,1\n").encode()),
        ":4: column gre: 'inf' is not finite",
    ),
    (
        "admit 7",
        make_file((GOOD + "7,600,3,1\n").encode()),
        ":4: column admit: '7' must be 0 or 1",
    ),
]


@pytest.mark.parametrize(
    ("make", "message"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_bad_files_give_one_line_naming_the_file(tmp_path: Path, make, message):
    with pytest.raises(DataError) as raised:
        load_admissions(make(tmp_path))
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    "content",
    [
        b"\xef\xbb\xbf" + GOOD.encode(),  # Excel's "CSV UTF-8"
        b" admit , gre,gpa ,rank \r\n0,380,3.61,3\r\n1,660,3.67,3\r\n",
        b"\xef\xbb\xbf\xef\xbb\xbfadmit,gre,gpa,rank\n0,380,3.61,3\n1,660,3.67,3\n",
    ],
    ids=["BOM", "spaces and CRLF", "two BOMs"],
)
def test_forgiven_headers(tmp_path: Path, content: bytes):
    records = load_admissions(make_file(content)(tmp_path))
    np.testing.assert_array_equal(records, [[0, 380, 3.61, 3], [1, 660, 3.67, 3]])
