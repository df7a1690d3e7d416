"""The source's own listings, as the tests hold nnlit against them.

Each listing of the source text is copied verbatim into
``tests/fixtures/source/<name>.py``: a header of comment lines (ending with
``# source-block: N``, the listing's place among the source's fenced blocks), a
blank line, then the listing exactly as the source prints it. This module reads
them, checks them against the source text, runs them, and compares what they
compute with nnlit's version, naming both sides when they differ.
"""

import ast
import hashlib
import re
import sys
import types
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import numpy as np
from project import ROOT

LISTINGS = ROOT / "tests" / "fixtures" / "source"
SOURCE_TEXT = ROOT.parent / "shared" / "source" / "000_8367b7ec520b0eed.txt"
_BLOCK = re.compile(r"^# source-block: (\d+)$")


@dataclass(frozen=True)
class Listing:
    """One fixture: where it lives, which source block it copies, its code."""

    path: Path
    block: int
    first_line: int  # line of the fixture where the listing starts (1-based)
    code: list[str]

    @property
    def name(self) -> str:
        """The fixture's name: what the listing defines or does."""
        return self.path.stem

    def __str__(self) -> str:
        shown = (
            self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path
        )
        return f"the source's {self.name} listing ({shown})"


def listing(name: str, folder: Path = LISTINGS) -> Listing:
    """Read ``folder/name.py``: its header comments, then the listing itself."""
    path = folder / f"{name}.py"
    lines = path.read_text(encoding="utf-8").split("\n")
    end = lines.index("")  # the header ends at the first blank line
    header = lines[:end]
    if not all(line.startswith("#") for line in header):
        raise ValueError(f"{path}: the header must be comment lines only")
    blocks = [int(m[1]) for line in header if (m := _BLOCK.match(line))]
    if len(blocks) != 1:
        raise ValueError(f"{path}: the header needs one '# source-block: N' line")
    return Listing(path, blocks[0], end + 2, lines[end + 1 :])


def listings(folder: Path = LISTINGS) -> list[Listing]:
    """Every fixture listing, in the source's order."""
    found = [listing(path.stem, folder) for path in folder.glob("*.py")]
    return sorted(found, key=lambda item: item.block)


def source_blocks(text: str) -> list[list[str]]:
    """The fenced code blocks of the source text, each as its lines."""
    lines = text.split("\n")
    fences = [i for i, line in enumerate(lines) if line.startswith("```")]
    if len(fences) % 2:
        raise ValueError("the source text has an unclosed code fence")
    return [lines[a + 1 : b] for a, b in zip(fences[::2], fences[1::2], strict=True)]


def normalise(lines: Iterable[str]) -> list[str]:
    """The lines with whitespace normalised: runs of it made one space, blanks gone."""
    return [" ".join(line.split()) for line in lines if line.strip()]


def fingerprint(lines: Iterable[str]) -> str:
    """A digest of the normalised lines: a listing recognised without the text."""
    text = "\n".join(normalise(lines)).encode("utf-8")
    return hashlib.sha256(text).hexdigest()[:16]


def verbatim_problem(item: Listing, blocks: list[list[str]]) -> str | None:
    """Where the fixture departs from its source block, or None if it does not.

    Whitespace aside, the fixture must be the whole block, line for line.
    """
    if not 1 <= item.block <= len(blocks):
        return f"{item}: the source has no code block {item.block}"
    ours = [(n, line) for n, line in enumerate(item.code, item.first_line)]
    ours = [(n, text) for n, line in ours for text in normalise([line])]
    theirs = normalise(blocks[item.block - 1])
    for (n, mine), source in zip(ours, theirs, strict=False):
        if mine != source:
            return f"{item}, line {n}: {mine!r}, but the source has {source!r}"
    if len(ours) != len(theirs):
        return f"{item}: {len(ours)} code lines, the source block has {len(theirs)}"
    return None


@dataclass(frozen=True)
class Run:
    """A listing's global names after it ran, and the value each name got first."""

    names: dict
    first: dict


def run_listing(item: Listing, modules: dict[str, types.ModuleType] | None = None):
    """Run a listing as a script, one top-level statement at a time.

    ``modules`` stand in for imports the listing needs and nnlit cannot ship
    (the course's ``data_prep``). NumPy's global random state is put back
    afterwards, since a listing may seed it. Tracebacks name the fixture's lines.

    Returns
    -------
    Run
        The names the listing left, and each name's first value (arrays
        copied), such as the weights before a listing updated them.
    """
    path = str(item.path)
    tree = ast.parse(item.path.read_text(encoding="utf-8"), filename=path)
    names: dict = {"__name__": f"source_{item.name}"}
    first: dict = {}
    state = np.random.get_state()  # noqa: NPY002 (the listing seeds this one)
    try:
        with mock.patch.dict(sys.modules, modules or {}):
            for statement in tree.body:
                one = ast.Module(body=[statement], type_ignores=[])
                exec(compile(one, path, "exec"), names)
                for key, value in names.items():
                    if not key.startswith("__") and key not in first:
                        copied = isinstance(value, np.ndarray)
                        first[key] = value.copy() if copied else value
    finally:
        np.random.set_state(state)  # noqa: NPY002
    return Run(names, first)


def called(f: Callable, *args):
    """What ``f(*args)`` returns and the warnings it gives, every one recorded."""
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
        warnings.simplefilter("always")
        result = f(*args)
    return result, [str(w.message) for w in caught]


def difference(expected, got, rtol: float = 0.0) -> str | None:
    """How two results differ in shape, dtype or values (NaN equals NaN), or None."""
    expected, got = np.asarray(expected), np.asarray(got)
    if expected.shape != got.shape:
        return f"shape {got.shape} instead of {expected.shape}"
    if expected.dtype != got.dtype:
        return f"dtype {got.dtype} instead of {expected.dtype}"
    same_nan = np.array_equal(np.isnan(expected), np.isnan(got))
    if not same_nan or not np.allclose(
        expected, got, rtol=rtol, atol=0, equal_nan=True
    ):
        wrong = ~np.isclose(expected, got, rtol=rtol, atol=0, equal_nan=True)
        worst = np.unravel_index(np.argmax(wrong), expected.shape)
        return f"{got[worst]!r} instead of {expected[worst]!r} at index {worst}"
    return None


def mismatch(item: Listing, ours: str, what: str, problem: str) -> AssertionError:
    """The failure that names both sides: the listing and nnlit's function."""
    return AssertionError(f"{item} and {ours} disagree on {what}: {problem}")


def compare_elementwise(
    item: Listing, source_f: Callable, ours: str, our_f: Callable, inputs: list
) -> dict[str, int]:
    """Run the listing's function and nnlit's on each input; both must agree.

    They agree when they return the same shape, dtype and values (NaN in the
    same places) and give the same warnings, so a fault of the source, such as
    an overflow, must be reproduced where the source has it and nowhere else.

    Returns
    -------
    dict
        How many inputs were compared, and on how many the listing warned.

    Raises
    ------
    AssertionError
        On the first input where they differ, naming the listing and ``ours``.
    """
    warned = 0
    for x in inputs:
        expected, expected_warnings = called(source_f, x.copy())
        got, got_warnings = called(our_f, x.copy())
        what = f"an input of shape {x.shape}, dtype {x.dtype}"
        problem = difference(expected, got)
        if problem is None and got_warnings != expected_warnings:
            problem = f"warnings {got_warnings} instead of {expected_warnings}"
        if problem is not None:
            raise mismatch(item, ours, what, problem)
        warned += bool(expected_warnings)
    return {"inputs": len(inputs), "faulty": warned}


SHAPES = [(), (7,), (4, 3), (2, 3, 4)]
DTYPES = [np.float64, np.float32]


def random_inputs(seed: int) -> list[np.ndarray]:
    """Seeded inputs of several shapes and dtypes, from tiny to past overflow.

    Each element's size is drawn log-uniformly up to about 1600, so some
    inputs overflow ``exp`` in float32, some in float64, and some in neither.
    """
    rng = np.random.default_rng(seed)
    inputs = []
    for dtype in DTYPES:
        for shape in SHAPES:
            size = 10.0 ** rng.uniform(-2, 3.2, size=shape)
            inputs.append((rng.choice([-1.0, 1.0], size=shape) * size).astype(dtype))
    return inputs


def edge_inputs() -> list[np.ndarray]:
    """Every whole number to ±800 and the special values, in each dtype."""
    special = [-np.inf, -0.0, 0.0, np.inf, np.nan]
    values = np.concatenate([np.arange(-800.0, 801.0), special])
    return [values.astype(dtype) for dtype in DTYPES] + [
        np.array(v, dtype=dtype) for dtype in DTYPES for v in (-710.0, 710.0, 89.0)
    ]


class Frame:
    """Just enough of a pandas DataFrame for the listing: ``.values``, ``.shape``.

    The backpropagation listing imports its data from the course's ``data_prep``
    module, which reads a file nnlit does not ship and returns DataFrames; the
    tests give it random records instead, without needing pandas.
    """

    def __init__(self, values: np.ndarray) -> None:
        self.values = values
        self.shape = values.shape


def data_prep(features: np.ndarray, targets: np.ndarray) -> types.ModuleType:
    """A stand-in for the course's ``data_prep`` module, holding these records."""
    module = types.ModuleType("data_prep")
    module.features, module.targets = Frame(features), targets
    module.features_test, module.targets_test = Frame(features[:0]), targets[:0]
    return module


@dataclass
class Trained:
    """Where training ended: the weights, the last epoch's summed steps, the output."""

    W1: np.ndarray
    w2: np.ndarray
    dW1: np.ndarray
    dw2: np.ndarray
    output: np.ndarray


def train_like_the_listing(step: Callable, X, y, W1, w2, epochs: int, lr: float):
    """The backpropagation listing's loop, with nnlit's ``step`` for its body.

    Records are the rows of ``X`` (the listing's layout); ``W1`` is nnlit's
    ``(n_hidden, n_features)``, the listing's input-to-hidden matrix transposed.
    Steps are summed in the listing's order and applied as it applies them.
    """
    W1, w2 = W1.copy(), w2.copy()
    for _ in range(epochs):
        dW1, dw2 = np.zeros(W1.shape), np.zeros(w2.shape)
        for x, target in zip(X, y, strict=True):
            step_W1, step_w2, output = step(x, target, W1, w2)
            dW1 += step_W1
            dw2 += step_w2
        W1 += dW1 * lr / len(y)
        w2 += dw2 * lr / len(y)
    return Trained(W1, w2, dW1, dw2, output)


def compare_backprop(item: Listing, ours: str, step: Callable, X, y) -> int:
    """Train with the listing and with ``step`` on the records ``X``, ``y``.

    Both start from the weights the listing draws, with its epochs and learning
    rate; they must reach the same last output (two numbers: the source's bug),
    the same last steps and trained weights (to 1e-9, for sums NumPy may order
    differently), and give the same warnings.

    Returns
    -------
    int
        How many warnings the listing gave (overflows on large records).

    Raises
    ------
    AssertionError
        At the first quantity that differs, naming the listing and ``ours``.
    """
    run, listing_warnings = called(run_listing, item, {"data_prep": data_prep(X, y)})
    names, first = run.names, run.first
    W1, w2 = first["weights_input_hidden"].T, first["weights_hidden_output"]
    arguments = (step, X, y, W1, w2, names["epochs"], names["learnrate"])
    trained, our_warnings = called(train_like_the_listing, *arguments)
    pairs = {
        "the last record's output": (names["output"], trained.output),
        "the last input-to-hidden step": (names["del_w_input_hidden"].T, trained.dW1),
        "the last hidden-to-output step": (names["del_w_hidden_output"], trained.dw2),
        "the trained input-to-hidden weights": (
            names["weights_input_hidden"].T,
            trained.W1,
        ),
        "the trained hidden-to-output weights": (
            names["weights_hidden_output"],
            trained.w2,
        ),
    }
    records = f"{X.shape[0]} records of {X.shape[1]} features"
    for quantity, (expected, got) in pairs.items():
        if (problem := difference(expected, got, rtol=1e-9)) is not None:
            raise mismatch(item, ours, f"{quantity}, on {records}", problem)
    if our_warnings != listing_warnings:
        counts = f"{len(our_warnings)} warnings instead of {len(listing_warnings)}"
        raise mismatch(item, ours, f"warnings, on {records}", counts)
    return len(listing_warnings)
