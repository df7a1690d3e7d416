import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def build_site(site_dir: Path) -> Path:
    """Build the site strictly into ``site_dir``, as ``python3 dev.py build`` does."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site_dir],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr}")
    return site_dir


ORIGINAL_DATA = ROOT.parent / "shared" / "data" / "binary.csv"


@pytest.fixture(scope="session")
def original_data() -> Path:
    """The course's own admissions file, where this machine has it (CI does)."""
    if not ORIGINAL_DATA.exists():
        pytest.skip(f"the original admissions data is not at {ORIGINAL_DATA}")
    return ORIGINAL_DATA


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site, once per test session."""
    return build_site(tmp_path_factory.mktemp("site"))
