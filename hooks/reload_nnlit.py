"""Build hook: ``mkdocs serve`` uses the current nnlit, not the one it started with.

``serve`` rebuilds in the same Python process, where ``import nnlit`` would keep
returning the modules loaded by the first build. Before each build, if a file
under ``nnlit/`` changed since the last one, every nnlit module is dropped from
``sys.modules`` so the hooks that follow import the edited code.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _nnlit_mtime() -> int:
    return max(path.stat().st_mtime_ns for path in (ROOT / "nnlit").rglob("*.py"))


def on_pre_build(config) -> None:
    """Forget the loaded nnlit if its source changed since the last build."""
    import nnlit

    now = _nnlit_mtime()
    if getattr(nnlit, "_built_at_mtime", now) != now:
        for name in [n for n in sys.modules if n.split(".")[0] == "nnlit"]:
            del sys.modules[name]
        import nnlit
    nnlit._built_at_mtime = now
