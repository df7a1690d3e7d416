"""Files kept between builds, under one key: a new key clears the old files."""

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


class KeyedCache:
    """Files in ``root/<key>/``; opening a new key removes every other key's files.

    The key hashes everything the files depend on (see ``fingerprint.py``), so
    a file is either current or gone: never stale.
    """

    def __init__(self, root: Path, key: str) -> None:
        """Open the cache for ``key`` under ``root``, dropping other keys."""
        self.folder = root / key
        if root.is_dir():
            for old in root.iterdir():
                if old != self.folder:
                    shutil.rmtree(old, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.hits = self.misses = 0

    def get_or_make(self, name: str, make: Callable[[], bytes]) -> bytes:
        """The stored bytes called ``name``, or ``make()``'s, stored for next time."""
        path = self.folder / name
        if path.is_file():
            self.hits += 1
            return path.read_bytes()
        self.misses += 1
        data = make()
        # Write then rename: a build running beside this one never reads half a file.
        handle, temporary = tempfile.mkstemp(dir=self.folder)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
        return data


def digest(*parts: str) -> str:
    """A short file name for a cache entry that depends on ``parts``."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]
