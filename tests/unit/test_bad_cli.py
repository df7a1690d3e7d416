"""Bad input to ``python -m nnlit``: exit status 2, one line naming the culprit.

Run in-process through ``main`` (fast); a few cases also in a real subprocess.
"""

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from command_line import nnlit

from nnlit.__main__ import main

GD, BP = "gradient-descent", "backprop"
GOOD = "admit,gre,gpa,rank\n" + "".join(
    f"{i % 2},{300 + 10 * i},{2.5 + i / 40},{1 + i % 4}\n" for i in range(20)
)


def data_file(content: bytes) -> Callable[[Path], str]:
    def make(tmp_path: Path) -> str:
        path = tmp_path / "data.csv"
        path.write_bytes(content)
        return str(path)

    return make


def fifo(tmp_path: Path) -> str:
    os.mkfifo(tmp_path / "pipe.csv")
    return str(tmp_path / "pipe.csv")


# (arguments, a piece of the one line on stderr); "{path}" is a made file.
BAD_OPTIONS = [
    ([GD, "--seed", "-1"], "argument --seed: must be from 0 to 4294967295"),
    ([GD, "--seed", "1.5"], "argument --seed: must be a whole number, got '1.5'"),
    ([GD, "--seed", "abc"], "argument --seed: must be a whole number"),
    ([GD, "--seed", "4294967296"], "argument --seed: must be from 0"),
    ([GD, "--seed", ""], "argument --seed: must be a whole number, got ''"),
    ([GD, "--seed", "1e3"], "argument --seed: must be a whole number"),
    ([GD, "--seed", "9" * 5000], "argument --seed: must be a whole number"),
    ([GD, "--seed"], "argument --seed: expected one argument"),
    ([BP, "--seed", "-7"], "argument --seed: must be from 0"),
    ([GD, "--split-seed", "-1"], "argument --split-seed: must be from 0"),
    ([GD, "--split-seed", "x"], "argument --split-seed: must be a whole number"),
    ([GD, "--split-seed", "4294967296"], "argument --split-seed: must be from 0"),
    ([BP, "--split-seed", "2.0"], "argument --split-seed: must be a whole number"),
    ([GD, "--epochs", "0"], "argument --epochs: must be from 1 to 1000000, got '0'"),
    ([GD, "--epochs", "-5"], "argument --epochs: must be from 1"),
    ([GD, "--epochs", "ten"], "argument --epochs: must be a whole number"),
    ([GD, "--epochs", "1.5"], "argument --epochs: must be a whole number"),
    ([GD, "--epochs", "1000001"], "argument --epochs: must be from 1 to 1000000"),
    ([BP, "--epochs", "10000000000"], "argument --epochs: must be from 1"),
    ([GD, "--lr", "inf"], "argument --lr: the learning rate must be finite"),
    ([GD, "--lr", "nan"], "argument --lr: the learning rate must be finite"),
    ([GD, "--lr", "1e999"], "argument --lr: the learning rate must be finite"),
    ([GD, "--lr", "-inf"], "argument --lr: expected one argument"),
    ([GD, "--lr", "0"], "argument --lr: the learning rate must be positive"),
    ([GD, "--lr", "-1"], "argument --lr: the learning rate must be positive"),
    ([GD, "--lr", "abc"], "argument --lr: the learning rate must be a number"),
    ([GD, "--lr", ""], "argument --lr: the learning rate must be a number"),
    ([GD, "--lr", "1e3"], "argument --lr: the learning rate must be positive and at"),
    ([BP, "--lr", "1e300"], "argument --lr: the learning rate must be positive and"),
    ([BP, "--lr", "0"], "argument --lr: the learning rate must be positive"),
    ([BP, "--lr", "inf"], "argument --lr: the learning rate must be finite"),
    ([BP, "--hidden", "0"], "argument --hidden: must be from 1 to 10000, got '0'"),
    ([BP, "--hidden", "-1"], "argument --hidden: must be from 1"),
    ([BP, "--hidden", "1000000000000"], "argument --hidden: must be from 1 to 10000"),
    ([BP, "--hidden", "10001"], "argument --hidden: must be from 1 to 10000"),
    ([BP, "--hidden", "two"], "argument --hidden: must be a whole number"),
    ([BP, "--hidden", "2.5"], "argument --hidden: must be a whole number"),
    ([GD, "--hidden", "3"], "unrecognized arguments: --hidden 3"),
    ([GD, "--data", ""], "argument --data: the path is empty"),
    ([GD, "--data", "  "], "argument --data: the path is empty"),
    ([GD, "--data"], "argument --data: expected one argument"),
    ([GD, "--bogus"], "unrecognized arguments: --bogus"),
    (["train"], "argument command: invalid choice: 'train'"),
    ([], "the following arguments are required: command"),
    ([GD, "--lr", "1e-300"], "training made no progress"),
    ([BP, "--epochs", "5", "--lr", "1e-300"], "training made no progress"),
]

# (make the file, a piece of the message): passed as --data.
BAD_DATA = [
    (lambda tmp: str(tmp / "nope.csv"), "nope.csv: cannot read: No such file"),
    (lambda tmp: str(tmp), ": is a directory, not a CSV file"),
    (fifo, "pipe.csv: not a regular file"),
    (data_file(b""), "data.csv: the file is empty"),
    (data_file(b"admit,gre,gpa,rank\n"), "data.csv: no records after the header"),
    (data_file(GOOD.encode("utf-16")), "data.csv: the file is UTF-16; save it as"),
    (data_file(GOOD.replace("310", "3é0").encode("latin-1")), "data.csv:3: byte 0xe9"),
    (data_file(GOOD.encode() + b"\0"), "data.csv:22: a NUL byte"),
    (data_file(b"admit,gre,rank\n"), "data.csv:1: the header must be admit,gre,gpa"),
    (data_file((GOOD + "1,700,3.9,9\n").encode()), "data.csv:22: column rank: '9'"),
    (data_file((GOOD + "7,700,3.9,1\n").encode()), "data.csv:22: column admit: '7'"),
    (data_file(GOOD.encode()[:80]), "data.csv:"),  # cut mid-row
    (
        data_file(b"admit,gre,gpa,rank\n" + b"1,500,3.5,2\n0,500,3.1,1\n" * 10),
        "column gre: every record is 500, so it cannot be standardised",
    ),
    (
        data_file(b"admit,gre,gpa,rank\n" + b"1,500,3.5,2\n0,400,3.1,1\n" * 2),
        "records: 4 are too few to split into training and test sets",
    ),
    (
        data_file(b"admit,gre,gpa,rank\n1,500,3.5,2\n" + b'0,"' + b"9" * 200_000),
        "data.csv:3: not valid CSV: field larger than field limit",
    ),
    (lambda tmp: str(tmp / "new\nline.csv"), "new\\nline.csv: cannot read"),
]


def run_main(capsys: pytest.CaptureFixture, args: list[str]) -> tuple[int, str, str]:
    try:
        status = main(args)
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status: int, out: str, err: str, message: str) -> None:
    assert status == 2, err
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.endswith("\n")
    assert err.startswith("python -m nnlit")
    assert "Traceback" not in err
    assert message in err, err


@pytest.mark.parametrize(("args", "message"), BAD_OPTIONS)
def test_bad_options(capsys: pytest.CaptureFixture, args: list[str], message: str):
    assert_one_line_error(*run_main(capsys, args), message)


@pytest.mark.parametrize("command", [GD, BP])
@pytest.mark.parametrize(("make", "message"), BAD_DATA)
def test_bad_data_files(
    capsys: pytest.CaptureFixture, tmp_path: Path, command: str, make, message: str
):
    args = [command, "--epochs", "3", "--data", make(tmp_path)]
    assert_one_line_error(*run_main(capsys, args), message)


def test_huge_scores_train_normally(capsys: pytest.CaptureFixture, tmp_path: Path):
    """GRE 1e300 used to become a feature of -0 silently; now it is standardised."""
    content = GOOD.replace("300,", "1e300,").encode()
    status, out, err = run_main(capsys, [GD, "--data", data_file(content)(tmp_path)])
    assert (status, err) == (0, "")
    assert out.splitlines()[-1].startswith("test accuracy ")


def test_a_learning_rate_at_the_bound_still_runs(capsys: pytest.CaptureFixture):
    status, _, err = run_main(capsys, [GD, "--lr", "100", "--epochs", "20"])
    assert (status, err) == (0, "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([GD, "--lr", "inf"], "argument --lr: the learning rate must be finite"),
        ([GD, "--data", ""], "argument --data: the path is empty"),
        ([BP, "--hidden", "1000000000000"], "argument --hidden: must be from 1"),
    ],
)
def test_in_a_real_process(args: list[str], message: str):
    result = nnlit(*args)
    assert_one_line_error(result.returncode, result.stdout, result.stderr, message)


def test_a_pipe_in_a_real_process_does_not_block(tmp_path: Path):
    result = nnlit(GD, "--data", fifo(tmp_path))
    assert_one_line_error(
        result.returncode, result.stdout, result.stderr, "not a regular file"
    )
