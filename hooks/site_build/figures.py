"""Draw every figure of ``nnlit.figures.FIGURES`` as SVG; redraw when nnlit changes."""

import re
import traceback
from collections.abc import Callable
from pathlib import Path

from site_build.cache import KeyedCache


class FigureError(Exception):
    """A figure function failed; the message names the figure, file and line."""


def _where(draw: Callable, error: BaseException, root: Path) -> str:
    """The file and line in ``draw``'s module where ``error`` was raised."""
    source = draw.__code__.co_filename
    frames = [
        f for f in traceback.extract_tb(error.__traceback__) if f.filename == source
    ]
    lineno = frames[-1].lineno if frames else draw.__code__.co_firstlineno
    path = Path(source)
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    return f"{shown.as_posix()}:{lineno}"


def draw_figures(
    figures: dict[str, Callable],
    render: Callable[[Callable], bytes],
    cache: KeyedCache,
    root: Path,
    language: str = "en",
) -> dict[str, bytes]:
    """Each figure's SVG bytes by file name, ``figures/<name>.svg``.

    ``render`` draws in ``language``, which keys the cache: the caller sets the
    language the figures take their words in.

    Raises
    ------
    FigureError
        If a figure function fails; the message names the figure, file and line.
    """
    drawn = {}
    for name, draw in figures.items():
        try:
            key = f"{name}.svg" if language == "en" else f"{name}.{language}.svg"
            drawn[f"figures/{name}.svg"] = cache.get_or_make(
                key, lambda draw=draw: render(draw)
            )
        except Exception as error:
            function = getattr(draw, "func", draw)  # a partial names its function
            raise FigureError(
                f"figure {name!r} failed at {_where(function, error, root)} "
                f"in {function.__qualname__}(): {type(error).__name__}: {error}"
            ) from error
    return drawn


# --- Room for each figure before it loads -----------------------------------

SVG_SIZE = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"')
FIGURE_IMAGE = re.compile(r'<img ([^>]*?)src="((?:\.\./)*figures/([\w.-]+\.svg))"')


def svg_size(svg: bytes) -> tuple[int, int]:
    """A figure's width and height in CSS pixels (matplotlib writes points)."""
    match = SVG_SIZE.search(svg)
    if match is None:
        raise FigureError("a figure's <svg> has no width and height in points")
    return tuple(round(float(points) * 4 / 3) for points in match.groups())


def size_images(html: str, sizes: dict[str, tuple[int, int]]) -> str:
    """Give each figure's ``<img>`` its width and height, so its room is kept.

    Without them the browser learns a figure's size only once it has loaded
    it, and the text below moves down after the reader has started reading.
    ``sizes`` maps a figure's file name to :func:`svg_size`'s answer.
    """

    def sized(match: re.Match) -> str:
        attributes, source, name = match.groups()
        if name not in sizes or " width=" in f" {attributes}":
            return match.group(0)
        width, height = sizes[name]
        return f'<img {attributes}width="{width}" height="{height}" src="{source}"'

    return FIGURE_IMAGE.sub(sized, html)
