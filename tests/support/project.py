"""The project as the tests see it: where its parts are, and copies to edit and build.

Every test that must change the project (edit the library, add a broken page or
lab) works on a copy made by :func:`copy_project` and builds it with
:func:`build`, so the real tree is never touched.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
FIXTURES = ROOT / "tests" / "fixtures"
SITE_ASSETS = ("javascripts", "stylesheets")  # what every page loads besides itself
BUILD_FILES = ("mkdocs.yml", "requirements.txt", "pyproject.toml")


def copy_project(
    target: Path,
    pages: dict[str, str] | None = None,
    caches: tuple[str, ...] = ("labs", "lab-pages", "figures", "facts", "math"),
) -> Path:
    """Copy what a build needs (library, hooks, config, caches) into ``target``.

    With ``pages`` (path under ``docs/`` to its text), the copy's ``docs/`` holds
    only the site's assets and those pages; without, all of ``docs/``. The
    ``caches`` named (folders of ``.cache/``) come along, so the copy rebuilds
    only what its edits change, and what the caches left out.
    """
    ignore = shutil.ignore_patterns("__pycache__")
    for part in ("nnlit", "hooks"):
        shutil.copytree(ROOT / part, target / part, ignore=ignore)
    for name in BUILD_FILES:
        shutil.copy(ROOT / name, target)
    for cache in caches:
        if (ROOT / ".cache" / cache).is_dir():
            shutil.copytree(ROOT / ".cache" / cache, target / ".cache" / cache)
    if pages is None:
        shutil.copytree(DOCS, target / "docs", ignore=ignore)
    else:
        write_docs(target / "docs", pages)
    return target


def write_docs(docs: Path, pages: dict[str, str]) -> Path:
    """A ``docs`` folder with the site's assets and ``pages`` (path: text)."""
    for assets in SITE_ASSETS:
        shutil.copytree(DOCS / assets, docs / assets)
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    return docs


def pages_in(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (a fixture site), by path, with its text."""
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def config_with_nav(project: Path, nav: list[str]) -> str:
    """Write a config that is ``mkdocs.yml`` with only ``nav``; return its name."""
    lines = ["INHERIT: mkdocs.yml", "nav:", *(f"  - {page}" for page in nav)]
    (project / "small-site.yml").write_text("\n".join(lines) + "\n")
    return "small-site.yml"


def tool_env(project: Path = ROOT) -> dict[str, str]:
    """The environment of a build: the project's own nnlit first on the path."""
    return dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1")


def build(
    project: Path = ROOT, site_dir: Path | None = None, config: str = "mkdocs.yml"
) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` on ``project``, as ``dev.py build`` does."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config]
    if site_dir is not None:
        command += ["--site-dir", str(site_dir)]
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, env=tool_env(project)
    )
