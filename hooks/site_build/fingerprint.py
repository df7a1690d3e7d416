"""One fingerprint of the library: when it changes, all drawn from it is redone."""

import hashlib
from importlib.util import find_spec
from pathlib import Path

SOURCES = {".py", ".toml"}  # nnlit's code and its package data


def nnlit_fingerprint(root: Path) -> str:
    """A hash of nnlit's sources, its data files and the pinned versions.

    Figures, facts and lab outputs depend on nothing else of the project, so
    this is the key of every cache the build keeps. The data files count too:
    a figure's words come from ``figures/words.toml``.
    """
    package = Path(find_spec("nnlit").submodule_search_locations[0])
    digest = hashlib.sha256()
    sources = [p for p in package.rglob("*") if p.suffix in SOURCES and p.is_file()]
    for path in sorted(sources):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    requirements = root / "requirements.txt"
    if requirements.exists():
        digest.update(requirements.read_bytes())
    return digest.hexdigest()[:16]
