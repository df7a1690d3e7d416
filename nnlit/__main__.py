"""Rerun a chapter's experiment from the terminal: ``python -m nnlit --help``."""

import argparse
import json
import sys

from nnlit.data import DataError, load_admissions, simulate_admissions
from nnlit.gradient_descent import course_exercise


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, never a usage dump."""

    def error(self, message: str):
        """Print ``message`` on one line and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per experiment, the course's defaults."""
    parser = OneLineParser(prog="python -m nnlit", description=__doc__)
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=OneLineParser
    )
    gd = commands.add_parser(
        "gradient-descent",
        help="chapter 5: one sigmoid unit trained on the admissions data",
        description="Train one sigmoid unit on the admissions data (simulated "
        "unless --data is given) and print the training loss at every tenth of "
        "the epochs, then the test accuracy.",
    )
    gd.add_argument(
        "--data", metavar="PATH", help="CSV with columns admit,gre,gpa,rank"
    )
    gd.add_argument(
        "--split-seed", type=int, default=42, help="seed of the 90/10 split"
    )
    gd.add_argument("--seed", type=int, default=42, help="seed of the initial weights")
    gd.add_argument("--epochs", type=int, default=1000)
    gd.add_argument("--lr", type=float, default=0.5, help="learning rate")
    gd.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def report(result: dict, as_json: bool) -> str:
    """Format an experiment's losses and test accuracy for the terminal."""
    if as_json:
        keys = ("losses", "test_accuracy")
        return json.dumps({key: result[key] for key in keys})
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
        records = load_admissions(args.data) if args.data else simulate_admissions()
        result = course_exercise(
            records, args.split_seed, args.seed, args.epochs, args.lr
        )
    except (DataError, ValueError, TypeError) as error:
        parser.error(str(error))
    print(report(result, args.json))
    return 0


if __name__ == "__main__":
    sys.exit(main())
