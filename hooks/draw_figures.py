"""Build hook: draw every figure of ``nnlit.figures.FIGURES`` on every build.

Figures are rendered in memory and added to the site as ``figures/<name>.svg``;
nothing is written into ``docs/``, so ``mkdocs serve`` rebuilds once per edit
(``reload_nnlit.py`` makes sure the edited code is the code that draws).
"""

import importlib
import traceback
from collections.abc import Callable
from pathlib import Path

from matplotlib.figure import Figure
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent


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
            function = getattr(draw, "func", draw)  # a partial names its function
            raise PluginError(
                f"figure {name!r} failed at {_where(function, error)} "
                f"in {function.__qualname__}(): {type(error).__name__}: {error}"
            ) from error
        files.append(File.generated(config, f"figures/{name}.svg", content=svg))
    return files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the freshly drawn figures to the site's files."""
    module = importlib.import_module("nnlit.figures")
    for file in figure_files(module.FIGURES, module.render_svg, config):
        files.append(file)
    return files
