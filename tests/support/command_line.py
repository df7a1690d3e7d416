"""``python -m nnlit`` as a user runs it: a real subprocess."""

import subprocess
import sys


def nnlit(*args: str) -> subprocess.CompletedProcess:
    """Run ``python -m nnlit`` with ``args``; capture its exit code and text."""
    return subprocess.run(
        [sys.executable, "-m", "nnlit", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
