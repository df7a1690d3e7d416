"""Fixtures shared by every test: the built site, a browser, the course's data.

The suite runs on every core (pytest-xdist). The site is built once per run,
by whichever worker needs it first, and shared: the others wait on a lock.
"""

import os
from pathlib import Path

import pytest
from browser import CHROMIUM_FLAGS, chromium, serve
from filelock import FileLock
from project import ROOT, build

ORIGINAL_DATA = ROOT.parent / "shared" / "data" / "binary.csv"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that build a copy of the project first.

    Each takes seconds; started last, one would leave a core idle at the end.
    """
    items.sort(key=lambda item: item.get_closest_marker("builds") is None)


def build_site(site_dir: Path) -> Path:
    """Build the site strictly into ``site_dir``, or fail with mkdocs' errors."""
    result = build(site_dir=site_dir)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr}")
    return site_dir


@pytest.fixture(scope="session")
def original_data() -> Path:
    """The course's own admissions file, where this machine has it (CI does)."""
    if not ORIGINAL_DATA.exists():
        pytest.skip(f"the original admissions data is not at {ORIGINAL_DATA}")
    return ORIGINAL_DATA


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The built site, once per test run however many workers share it."""
    if worker_id == "master":  # not distributed: this process is the only one
        return build_site(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent  # one folder for all workers
    with FileLock(shared / "site.lock"):
        if not (shared / "site" / "index.html").exists():
            build_site(shared / "site")
    return shared / "site"


@pytest.fixture(scope="session")
def warm_caches(site: Path) -> None:
    """The real site is built, so ``.cache`` holds what copies start from.

    A test that builds a copy of the project (or a fixture site with the real
    configuration) then redraws only what its own edit changes.
    """


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
