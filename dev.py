#!/usr/bin/env python3
"""Set up nnlit and run its everyday tasks on any machine with Python 3.11+.

    python3 dev.py serve   set up, then serve the site at http://127.0.0.1:8000
    python3 dev.py build   set up, then build the static site into site/
    python3 dev.py test    set up, then run every check: lint, format, build, tests
    python3 dev.py lock    re-pin requirements.txt from the ranges in pyproject.toml
    python3 dev.py setup   set up only (CI adds the optional PyTorch pins after it)
    python3 dev.py update-outputs
                           set up, then run every page's blocks and rewrite each
                           Output block that differs from what it printed; review
                           the result with `git diff docs/`

"Set up" makes a virtual environment in .venv and installs the pinned versions
from requirements.txt, plus nnlit itself in editable mode. It is skipped when
nothing it depends on changed, so the second run starts at once.
"""

from __future__ import annotations  # lets Python < 3.11 reach the version check

import hashlib
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
REQUIREMENTS = ROOT / "requirements.txt"
STAMP = VENV / "nnlit-setup.sha256"


def run(*command: object, env: dict[str, str] | None = None) -> None:
    """Run a command, echoing it first; stop with its exit code if it fails."""
    print("+", " ".join(str(part) for part in command), flush=True)
    result = subprocess.run([str(part) for part in command], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def setup() -> None:
    """Create .venv and install the pinned dependencies and nnlit, if needed."""
    if not (BIN / "python").exists():
        print(f"+ creating a virtual environment in {VENV.name}/", flush=True)
        venv.create(VENV, with_pip=True)
    inputs = REQUIREMENTS.read_bytes() + (ROOT / "pyproject.toml").read_bytes()
    digest = hashlib.sha256(inputs).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    pip = (
        BIN / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    )
    run(*pip, "-r", REQUIREMENTS)
    run(*pip, "--no-deps", "--no-build-isolation", "--editable", ROOT)
    STAMP.write_text(digest)


def task_env() -> dict[str, str]:
    """Environment for tools: venv first on PATH, caches in a temp folder."""
    cache = Path(tempfile.gettempdir()) / "nnlit-cache"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", MPLBACKEND="Agg")
    for name in ("MPLCONFIGDIR", "IPYTHONDIR", "JUPYTER_RUNTIME_DIR"):
        env.setdefault(name, str(cache / name.lower()))
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    return env


def lock() -> None:
    """Resolve pyproject.toml's ranges afresh and pin the result."""
    with tempfile.TemporaryDirectory() as tmp:
        python = Path(tmp) / ("Scripts" if os.name == "nt" else "bin") / "python"
        venv.create(tmp, with_pip=True)
        run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip", "setuptools")
        run(python, "-m", "pip", "install", "--quiet", "--group", "dev", ".")
        frozen = subprocess.run(
            [python, "-m", "pip", "freeze", "--all", "--exclude", "nnlit"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    # pip pins itself out: it upgrades itself mid-install badly; setuptools stays
    # because the editable install of nnlit builds without isolation.
    pins = sorted(
        line
        for line in frozen.splitlines()
        if "==" in line and not line.startswith("pip==")
    )
    header = (
        "# Pinned by `python3 dev.py lock` from pyproject.toml; do not edit by hand.\n"
    )
    REQUIREMENTS.write_text(header + "\n".join(pins) + "\n")
    print(f"pinned {len(pins)} packages in {REQUIREMENTS.name}")


def main(task: str) -> None:
    """Run one task by name."""
    if task == "lock":
        return lock()
    setup()
    env = task_env()
    if task == "serve":
        run("mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", env=env)
    elif task == "build":
        run("mkdocs", "build", "--strict", env=env)
    elif task == "test":
        run("ruff", "check", ".", env=env)
        run("ruff", "format", "--check", ".", env=env)
        # Every core; the site is built once and shared (tests/conftest.py).
        run("pytest", "-n", "auto", "--dist", "worksteal", env=env)
    elif task == "update-outputs":
        # tests/support/update_outputs.py does the work; it imports from the
        # folders pyproject.toml puts on pytest's path.
        path = [ROOT / "tests" / "support", ROOT / "hooks", env.get("PYTHONPATH", "")]
        env["PYTHONPATH"] = os.pathsep.join(str(p) for p in path if p)
        run(BIN / "python", "-m", "update_outputs", env=env)


if __name__ == "__main__":
    TASKS = ("serve", "build", "test", "lock", "setup", "update-outputs")
    if sys.version_info < (3, 11):  # noqa: UP036 (a newcomer may run an old Python)
        sys.exit("nnlit needs Python 3.11 or newer")
    if len(sys.argv) != 2 or sys.argv[1] not in TASKS:
        sys.exit(f"usage: python3 {Path(__file__).name} {{{','.join(TASKS)}}}")
    main(sys.argv[1])
