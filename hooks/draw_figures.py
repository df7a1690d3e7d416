"""Build hook: add every figure of ``nnlit.figures.FIGURES`` to the site.

Figures are rendered in memory and added as ``figures/<name>.svg``; nothing is
written into ``docs/``, so ``mkdocs serve`` rebuilds once per edit. They are
kept in ``.cache/figures/<fingerprint>/`` and redrawn when nnlit changes.
Each page's ``<img>`` of a figure gets the figure's width and height, so the
browser keeps its room before it loads and the text below never moves.
"""

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from site_build.cache import KeyedCache
from site_build.figures import FigureError, draw_figures, size_images, svg_size
from site_build.fingerprint import nnlit_fingerprint

log = logging.getLogger("mkdocs.hooks.draw_figures")
_sizes: dict[str, tuple[int, int]] = {}  # figure file name: width, height (px)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the figures, drawn by the current nnlit, to the site's files."""
    import nnlit.figures  # here: serve may have reloaded nnlit (reload_nnlit.py)

    root = Path(config.config_file_path).parent
    cache = KeyedCache(root / ".cache" / "figures", nnlit_fingerprint(root))
    try:
        drawn = draw_figures(
            nnlit.figures.FIGURES, nnlit.figures.render_svg, cache, root
        )
    except FigureError as error:
        raise PluginError(str(error)) from error
    log.info("figures: %d drawn, %d from the cache", cache.misses, cache.hits)
    for uri, svg in drawn.items():
        files.append(File.generated(config, uri, content=svg))
        _sizes[uri.removeprefix("figures/")] = svg_size(svg)
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Give every figure on the page its size, so nothing moves when it loads."""
    return size_images(output, _sizes)
