"""Rerun a chapter's experiment from the terminal: ``python -m nnlit --help``."""

import argparse
import dataclasses
import json
import math
import sys
import warnings
from collections.abc import Callable

import numpy as np

from nnlit import course
from nnlit.checks import SEED_LIMIT
from nnlit.data import DataError, load_admissions, simulate_admissions

# Each experiment: its help, its run, and the course's settings as defaults.
EXPERIMENTS = {
    "gradient-descent": (
        "chapter 5: one sigmoid unit trained on the admissions data",
        course.gradient_descent_exercise,
        course.GRADIENT_DESCENT,
    ),
    "backprop": (
        "chapter 6: one hidden sigmoid layer trained by backpropagation",
        course.backprop_exercise,
        course.BACKPROP,
    ),
}
# Bounds that keep a run meaningful and within memory. Above MAX_LR the sigmoid
# units saturate on standardised inputs after one step, and the loss freezes.
MAX_LR = 100.0
MAX_EPOCHS = 1_000_000
MAX_HIDDEN = 10_000


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, never a usage dump."""

    def error(self, message: str):
        """Print ``message`` on one line and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {one_line(message)}\n")


def one_line(message: str) -> str:
    """``message`` with newlines and other control characters escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)


def _quoted(text: str) -> str:
    """``text`` quoted for a message, cut short if it is long."""
    return repr(text if len(text) <= 40 else text[:37] + "...")


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: an integer from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"must be a whole number, got {_quoted(text)}"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"must be from {low} to {high}, got {_quoted(text)}"
            )
        return value

    return parse


def learning_rate(text: str) -> float:
    """An argparse type: a finite learning rate above 0, at most ``MAX_LR``."""
    try:
        lr = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"the learning rate must be a number, got {_quoted(text)}"
        ) from None
    if not math.isfinite(lr):
        raise argparse.ArgumentTypeError(
            f"the learning rate must be finite, got {_quoted(text)}"
        )
    if not 0 < lr <= MAX_LR:
        raise argparse.ArgumentTypeError(
            f"the learning rate must be positive and at most {MAX_LR:g}"
            f" (larger rates saturate the sigmoids), got {_quoted(text)}"
        )
    return lr


def data_path(text: str) -> str:
    """An argparse type: a non-empty path (the file is checked when read)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the path is empty: give a CSV file")
    return text


def build_parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per experiment."""
    parser = OneLineParser(prog="python -m nnlit", description=__doc__)
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=OneLineParser
    )
    seed = whole_number(0, SEED_LIMIT - 1)
    for name, (summary, _, defaults) in EXPERIMENTS.items():
        command = commands.add_parser(
            name,
            help=summary,
            description=f"{summary}. Uses simulated data unless --data is given; "
            "prints the training loss at every tenth of the epochs, then the "
            "test accuracy.",
        )
        add = command.add_argument
        add("--data", metavar="PATH", type=data_path, help="CSV: admit,gre,gpa,rank")
        add("--split-seed", type=seed, default=defaults.split_seed, help="0 to 2**32-1")
        add("--seed", type=seed, default=defaults.seed, help="0 to 2**32-1")
        add("--epochs", type=whole_number(1, MAX_EPOCHS), default=defaults.epochs)
        add(
            "--lr",
            type=learning_rate,
            default=defaults.lr,
            help=f"0 < lr <= {MAX_LR:g}",
        )
        add("--json", action="store_true", help="one JSON object")
        if defaults.hidden:
            add(
                "--hidden",
                type=whole_number(1, MAX_HIDDEN),
                default=defaults.hidden,
                help="hidden units",
            )
    return parser


class TrainingError(Exception):
    """A run that diverged or stalled: its loss says the settings do not work."""


def run(args: argparse.Namespace) -> dict:
    """Run the chosen experiment with the parsed settings.

    NumPy's warnings become errors here: a run that overflows fails loudly
    instead of printing a result computed from infinities.
    """
    records = load_admissions(args.data) if args.data is not None else None
    _, exercise, defaults = EXPERIMENTS[args.command]
    names = [field.name for field in dataclasses.fields(defaults)]
    chosen = {name: getattr(args, name) for name in names if hasattr(args, name)}
    settings = dataclasses.replace(defaults, **chosen)
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise"):
        warnings.simplefilter("error")
        if records is None:
            records = simulate_admissions()
        result = exercise(records, settings)
    check_progress(result["all_losses"], settings.lr)
    return result


def check_progress(losses: np.ndarray, lr: float) -> None:
    """Raise :class:`TrainingError` if the loss never fell below its first value.

    Gradient descent that makes no progress at all has either overshot into
    saturated sigmoids (their gradients vanish, the loss freezes) or takes
    steps too small to register.
    """
    if len(losses) < 2 or losses.min() < losses[0] * (1 - 1e-9):
        return
    if lr >= 1:
        raise TrainingError(
            f"training diverged: the loss froze at {losses[0]:.6f} (the sigmoids"
            f" saturated); try a smaller learning rate than --lr {lr:g}"
        )
    raise TrainingError(
        f"training made no progress: the loss never fell below {losses[0]:.6f},"
        f" its value after the first epoch (saturated sigmoids, or steps too"
        f" small for --lr {lr:g})"
    )


def report(result: dict, as_json: bool) -> str:
    """Format an experiment's losses and test accuracy for the terminal."""
    if as_json:
        return json.dumps({key: result[key] for key in ("losses", "test_accuracy")})
    lines = [
        f"epoch {e:>6}  train loss {loss:.6f}"
        for e, loss in zip(result["epochs"], result["losses"], strict=True)
    ]
    return "\n".join([*lines, f"test accuracy {result['test_accuracy']:.3f}"])


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = run(args)
    except (DataError, ValueError, TypeError, TrainingError) as error:
        parser.error(str(error))
    except (FloatingPointError, Warning) as error:
        parser.error(diverged(error, args.lr))
    except MemoryError:
        parser.error("not enough memory for these settings")
    print(report(result, args.json))
    return 0


def diverged(error: Exception, lr: float) -> str:
    """One line for a run whose numbers overflowed or became NaN."""
    message = str(error)
    if message.startswith("training diverged"):  # the trainers' own words
        return message
    return (
        f"training diverged ({message}); try a smaller learning rate than --lr {lr:g}"
    )


if __name__ == "__main__":
    sys.exit(main())
