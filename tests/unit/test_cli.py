"""``python -m nnlit``: what a user types, in a real subprocess."""

import json
from dataclasses import replace
from pathlib import Path

import pytest
from command_line import nnlit


def test_gradient_descent_prints_ten_losses_and_the_accuracy():
    result = nnlit("gradient-descent")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines[:10]] == [
        str(e) for e in range(0, 1000, 100)
    ]
    assert lines[10].startswith("test accuracy ")
    assert len(lines) == 11


def test_json_matches_the_library(tmp_path: Path):
    from nnlit.course import GRADIENT_DESCENT, gradient_descent_exercise
    from nnlit.data import simulate_admissions

    result = nnlit(
        "gradient-descent", "--json", "--epochs", "50", "--lr", "0.3", "--seed", "7"
    )
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert set(printed) == {"losses", "test_accuracy"}
    settings = replace(GRADIENT_DESCENT, seed=7, epochs=50, lr=0.3)
    expected = gradient_descent_exercise(simulate_admissions(), settings)
    assert printed["losses"] == expected["losses"]
    assert printed["test_accuracy"] == expected["test_accuracy"]


def test_original_data(original_data: Path):
    result = nnlit("gradient-descent", "--data", str(original_data), "--json")
    printed = json.loads(result.stdout)
    assert printed["test_accuracy"] == 0.725  # the course's printed accuracy


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["gradient-descent", "--lr", "-1"], "the learning rate must be positive"),
        (["gradient-descent", "--epochs", "0"], "argument --epochs: must be from 1"),
        (
            ["gradient-descent", "--epochs", "ten"],
            "argument --epochs: must be a whole number",
        ),
        (["gradient-descent", "--data", "no/such.csv"], "no/such.csv: cannot read"),
        (["gradient-descent", "--bogus"], "unrecognized arguments: --bogus"),
        ([], "the following arguments are required: command"),
    ],
)
def test_errors_are_one_line_and_a_nonzero_exit(args, message):
    result = nnlit(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_data_file_names_its_line(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text("admit,gre,gpa,rank\n1,700,3.9,9\n")
    result = nnlit("gradient-descent", "--data", str(path))
    assert result.returncode == 2
    assert "bad.csv:2: column rank: '9' must be 1, 2, 3 or 4" in result.stderr


def test_backprop_command():
    from nnlit.course import BACKPROP, backprop_exercise
    from nnlit.data import simulate_admissions

    result = nnlit("backprop", "--json", "--epochs", "30", "--hidden", "3")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    settings = replace(BACKPROP, hidden=3, epochs=30)
    expected = backprop_exercise(simulate_admissions(), settings)
    assert printed["losses"] == expected["losses"]
    assert printed["test_accuracy"] == expected["test_accuracy"]
    text = nnlit("backprop").stdout.splitlines()
    assert [line.split()[1] for line in text[:10]] == [
        str(e) for e in range(0, 900, 90)
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["backprop", "--hidden", "0"],
            "argument --hidden: must be from 1 to 10000, got '0'",
        ),
        (["backprop", "--lr", "0"], "the learning rate must be positive"),
    ],
)
def test_backprop_errors(args, message):
    result = nnlit(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
