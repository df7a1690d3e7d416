import os
import subprocess
import sys
from pathlib import Path

import pytest
from browser import CHROMIUM_FLAGS, chromium, serve

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


@pytest.fixture(scope="session")
def browser():
    path = chromium()
    if path is None:
        reason = "no Chromium found: install Debian's chromium (CI does) to run these"
        if os.environ.get("NNLIT_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def base_url(site):
    with serve(site) as url:
        yield url
