"""Build hook: draw every figure of ``nnlit.figures.FIGURES`` on every build.

Figures are rendered in memory and added to the site as ``figures/<name>.svg``;
nothing is written into ``docs/``, so ``mkdocs serve`` rebuilds once per edit.
When a file under ``nnlit/`` changed since the last build (``serve`` re-runs
hooks in the same process), nnlit is imported afresh so the new code draws.
"""

import importlib
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from matplotlib.figure import Figure
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent


def _nnlit_mtime() -> int:
    return max(path.stat().st_mtime_ns for path in (ROOT / "nnlit").rglob("*.py"))


def _figures_module():
    """Return ``nnlit.figures``, re-imported if nnlit changed since the last build."""
    import nnlit

    now = _nnlit_mtime()
    if getattr(nnlit, "_built_at_mtime", now) != now:
        for name in [n for n in sys.modules if n.split(".")[0] == "nnlit"]:
            del sys.modules[name]
        import nnlit
    nnlit._built_at_mtime = now
    return importlib.import_module("nnlit.figures")


def _where(draw: Callable, error: BaseException) -> str:
    """Name the file and line in ``draw``'s module where ``error`` was raised."""
    source = draw.__code__.co_filename
    frames = [
        f for f in traceback.extract_tb(error.__traceback__) if f.filename == source
    ]
    lineno = frames[-1].lineno if frames else draw.__code__.co_firstlineno
    path = Path(source)
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return f"{shown.as_posix()}:{lineno}"


def figure_files(
    figures: dict[str, Callable[[], Figure]],
    render: Callable[[Callable[[], Figure]], bytes],
    config: MkDocsConfig,
) -> list[File]:
    """Render each figure and wrap it as a generated ``figures/<name>.svg`` file.

    Raises
    ------
    PluginError
        If a figure function fails; the message names the figure, file and line.
    """
    files = []
    for name, draw in figures.items():
        try:
            svg = render(draw)
        except Exception as error:
            raise PluginError(
                f"figure {name!r} failed at {_where(draw, error)} "
                f"in {draw.__qualname__}(): {type(error).__name__}: {error}"
            ) from error
        files.append(File.generated(config, f"figures/{name}.svg", content=svg))
    return files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the freshly drawn figures to the site's files."""
    module = _figures_module()
    for file in figure_files(module.FIGURES, module.render_svg, config):
        files.append(file)
    return files
