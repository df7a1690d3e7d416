"""The benchmarks print and never assert, but they must still start."""

import os
import subprocess
import sys

import pytest
from project import ROOT

BENCHES = sorted((ROOT / "bench").glob("*.py"))


@pytest.mark.parametrize("bench", BENCHES, ids=lambda path: path.name)
def test_a_bench_script_loads_its_helpers(bench):
    """Every import a bench needs resolves in a plain interpreter, as a user runs it.

    Loaded as a module, not as main: the import lines run, the bench does not.
    """
    load = f"import runpy; assert callable(runpy.run_path({str(bench)!r})['main'])"
    result = subprocess.run(
        [sys.executable, "-c", load],
        capture_output=True,
        text=True,
        timeout=60,
        env={key: value for key, value in os.environ.items() if key != "PYTHONPATH"},
    )
    assert result.returncode == 0, result.stderr


def test_the_speed_bench_explains_itself():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "train_speed.py"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "--quick" in result.stdout
