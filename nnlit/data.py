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
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnlit.checks import check_seed

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


MAX_FILE_BYTES = 50 * 2**20  # 50 MiB: the course's file is 4 KiB; refuse before reading
MAX_SIMULATED = 10_000_000  # applicants simulate_admissions draws at most (~320 MB)
MIN_RECORDS = 10  # the fewest that split 90/10 into a training and a test set


class DataError(ValueError):
    """Data that cannot be used; the message names file, line and column."""


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
    n = check_count(n, "n", MAX_SIMULATED)
    rng = np.random.default_rng(check_seed(seed))
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


def check_count(value: object, name: str, limit: int) -> int:
    """Return ``value`` as an int from 1 to ``limit``, or raise naming ``name``.

    Raises
    ------
    TypeError
        If ``value`` is not an integer (``True`` and ``2.0`` are not).
    ValueError
        If ``value`` is below 1 or above ``limit``.
    """
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if not 1 <= value <= limit:
        raise ValueError(f"{name} must be from 1 to {limit:_}, got {value}")
    return int(value)


def load_admissions(path: str | Path) -> np.ndarray:
    """Read a CSV with the header ``admit,gre,gpa,rank``; no pandas needed.

    The file must be UTF-8 (a byte-order mark is allowed) and a regular file of
    at most ``MAX_FILE_BYTES``; spaces around the header's names are ignored.

    Returns
    -------
    ndarray, shape (n, 4)

    Raises
    ------
    DataError
        For an empty path, a missing, unreadable, oversized or empty file, a
        directory or pipe, text that is not UTF-8 or not CSV, NUL bytes, a wrong
        header, a row of the wrong length, a non-numeric cell, ``admit`` not 0
        or 1, or ``rank`` not 1 to 4. The message is one line naming the file
        (and line and column where there is one); nothing is half-loaded.
    """
    if not str(path).strip():
        raise DataError("the data path is empty: give a CSV file")
    path = Path(path)
    rows = _csv_rows(_decode(_read_bytes(path), path), path)
    if not rows:
        raise DataError(f"{path}: the file is empty")
    _check_header(rows[0], path)
    records = [
        _parse_row(row, path, lineno) for lineno, row in enumerate(rows[1:], start=2)
    ]
    if not records:
        raise DataError(f"{path}: no records after the header")
    return np.array(records)


def _read_bytes(path: Path) -> bytes:
    """The whole file, if it is a regular file of at most ``MAX_FILE_BYTES``."""
    try:
        # Non-blocking, so that opening a named pipe returns at once; the checks
        # then look at what was opened, not at what the name pointed to before.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error.strerror}") from None
    try:
        _check_kind(os.fstat(fd), path)
        file = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with file:
        try:
            data = file.read(MAX_FILE_BYTES + 1)  # the file may grow meanwhile
        except OSError as error:
            raise DataError(f"{path}: cannot read: {error.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise DataError(f"{path}: the file grew past {MAX_FILE_BYTES:_} bytes")
    return data


def _check_kind(info: os.stat_result, path: Path) -> None:
    """Refuse anything but a regular file of at most ``MAX_FILE_BYTES``."""
    if stat.S_ISDIR(info.st_mode):
        raise DataError(f"{path}: is a directory, not a CSV file")
    if not stat.S_ISREG(info.st_mode):
        raise DataError(f"{path}: not a regular file (a pipe or a device?)")
    if info.st_size > MAX_FILE_BYTES:
        raise DataError(
            f"{path}: the file is {info.st_size / 2**20:,.0f} MiB;"
            f" nnlit reads at most {MAX_FILE_BYTES // 2**20} MiB"
        )


def _decode(data: bytes, path: Path) -> str:
    """The file's text: UTF-8, with or without a byte-order mark; no NUL bytes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(f"{path}: the file is UTF-16; save it as UTF-8")
    if b"\0" in data:
        line = data.count(b"\n", 0, data.index(b"\0")) + 1
        raise DataError(f"{path}:{line}: a NUL byte: this is not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise DataError(
            f"{path}:{line}: byte 0x{byte:02x} is not UTF-8; save the file as UTF-8"
        ) from None


def _csv_rows(text: str, path: Path) -> list[list[str]]:
    """Split ``text`` into CSV rows; a malformed field names its line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return list(reader)
    except csv.Error as error:
        raise DataError(f"{path}:{reader.line_num}: not valid CSV: {error}") from None


def _check_header(row: list[str], path: Path) -> None:
    """Accept ``admit,gre,gpa,rank``, with spaces or a stray BOM around names."""
    header = [cell.strip().strip("\ufeff").strip() for cell in row]
    if tuple(header) == COLUMNS:
        return
    missing = [c for c in COLUMNS if c not in header]
    extra = [c for c in header if c not in COLUMNS]
    repeated = [c for c in COLUMNS if header.count(c) > 1]
    if not (missing or extra or repeated):
        problem = f"got them as {','.join(header)}"
    else:
        problem = "; ".join(
            part
            for part in (
                missing and f"missing {', '.join(missing)}",
                extra and f"unexpected {', '.join(map(repr, extra))}",
                repeated and f"repeated {', '.join(repeated)}",
            )
            if part
        )
    raise DataError(f"{path}:1: the header must be {','.join(COLUMNS)}: {problem}")


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

    Raises
    ------
    TypeError, DataError
        If the records or the seed cannot be used (see :func:`check_records`).
    """
    records = check_records(records)
    admit, gre, gpa, rank = records.T
    standard = [standardise(v) for v in (gre, gpa)]
    one_hot = [(rank == r).astype(float) for r in (1, 2, 3, 4)]
    features = np.column_stack(standard + one_hot)  # (n, 6): one record per row
    train, test = split_rows(len(records), split_seed)
    return Split(features[train].T, admit[train], features[test].T, admit[test])


def split_rows(n: int, split_seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The training rows, in the order drawn, and the test rows, in file order."""
    rng = np.random.RandomState(check_seed(split_seed, "split_seed"))
    train = rng.choice(n, size=int(0.9 * n), replace=False)
    return train, np.setdiff1d(np.arange(n), train)


def standardise(v: np.ndarray) -> np.ndarray:
    """``(v - mean) / sd``, computed on ``v`` scaled by a power of two.

    The scaling is exact, so the result is the textbook formula's, bit for bit,
    but the squares inside the standard deviation cannot overflow (GRE 1e300).
    """
    _, exponent = np.frexp(np.max(np.abs(v)))
    u = np.ldexp(v, -exponent)
    return (u - u.mean()) / u.std(ddof=1)


# --8<-- [end:prepare]


def check_records(records: object) -> np.ndarray:
    """Return ``records`` as floats if :func:`prepare` can use them, or raise.

    Raises
    ------
    TypeError
        If ``records`` is not an array of real numbers.
    DataError
        If it is not ``(n, 4)`` with ``n >= MIN_RECORDS``, has NaN or infinity,
        ``admit`` not 0 or 1, ``rank`` not 1 to 4, or a constant ``gre`` or
        ``gpa`` (which cannot be standardised).
    """
    try:
        array = np.asarray(records)
    except ValueError:  # ragged nested lists
        raise DataError("records must be a rectangular (n, 4) array") from None
    if array.dtype.kind not in "iuf":
        raise TypeError(f"records must be real numbers, got dtype {array.dtype}")
    if array.ndim != 2 or array.shape[1] != len(COLUMNS):
        raise DataError(
            f"records must have shape (n, 4), columns {','.join(COLUMNS)};"
            f" got shape {array.shape}"
        )
    array = array.astype(np.float64)
    if len(array) < MIN_RECORDS:
        raise DataError(
            f"records: {len(array)} are too few to split into training and test"
            f" sets; need at least {MIN_RECORDS}"
        )
    for j, column in enumerate(COLUMNS):
        _check_column(array[:, j], column)
    return array


ALLOWED = {"admit": (0, 1), "rank": (1, 2, 3, 4)}


def _check_column(values: np.ndarray, column: str) -> None:
    """Raise naming ``column`` and its first bad record (counting from 0)."""
    bad = ~np.isfinite(values)
    problem = "is not finite"
    if column in ALLOWED and not bad.any():
        bad = ~np.isin(values, ALLOWED[column])
        *others, last = ALLOWED[column]
        problem = f"must be {', '.join(map(str, others))} or {last}"
    if bad.any():
        i = int(np.argmax(bad))
        raise DataError(f"column {column}: record {i} is {values[i]:g}; it {problem}")
    if column not in ALLOWED and np.all(values == values[0]):
        raise DataError(
            f"column {column}: every record is {values[0]:g}, so it cannot be"
            " standardised (its standard deviation is 0)"
        )
