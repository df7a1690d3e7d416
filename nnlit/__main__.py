"""Rerun a chapter's experiment from the terminal: ``python -m nnlit --help``."""

import argparse
import dataclasses
import json
import sys

from nnlit import course
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


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, never a usage dump."""

    def error(self, message: str):
        """Print ``message`` on one line and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per experiment."""
    parser = OneLineParser(prog="python -m nnlit", description=__doc__)
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=OneLineParser
    )
    for name, (summary, _, defaults) in EXPERIMENTS.items():
        command = commands.add_parser(
            name,
            help=summary,
            description=f"{summary}. Uses simulated data unless --data is given; "
            "prints the training loss at every tenth of the epochs, then the "
            "test accuracy.",
        )
        command.add_argument("--data", metavar="PATH", help="CSV: admit,gre,gpa,rank")
        command.add_argument("--split-seed", type=int, default=defaults.split_seed)
        command.add_argument("--seed", type=int, default=defaults.seed)
        command.add_argument("--epochs", type=int, default=defaults.epochs)
        command.add_argument("--lr", type=float, default=defaults.lr)
        command.add_argument("--json", action="store_true", help="one JSON object")
        if defaults.hidden:
            command.add_argument(
                "--hidden", type=int, default=defaults.hidden, help="hidden units"
            )
    return parser


def run(args: argparse.Namespace) -> dict:
    """Run the chosen experiment with the parsed settings."""
    records = load_admissions(args.data) if args.data else simulate_admissions()
    _, exercise, defaults = EXPERIMENTS[args.command]
    names = [field.name for field in dataclasses.fields(defaults)]
    chosen = {name: getattr(args, name) for name in names if hasattr(args, name)}
    return exercise(records, dataclasses.replace(defaults, **chosen))


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
    except (DataError, ValueError, TypeError, FloatingPointError) as error:
        parser.error(str(error))
    print(report(result, args.json))
    return 0


if __name__ == "__main__":
    sys.exit(main())
