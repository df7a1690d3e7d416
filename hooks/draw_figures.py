"""Build hook: add every figure of ``nnlit.figures.FIGURES`` to the site.

Figures are rendered in memory and added as ``figures/<name>.svg``; nothing is
written into ``docs/``, so ``mkdocs serve`` rebuilds once per edit. They are
kept in ``.cache/figures/<fingerprint>/`` and redrawn when nnlit changes.
Each edition draws them in its own language (``nnlit/figures/words.toml``)
into its own folder (``figures/`` and ``zh/figures/``): only the words differ.
Each page's ``<img>`` of a figure gets the figure's width and height, so the
browser keeps its room before it loads and the text below never moves.
"""

import logging
from pathlib import Path

from editions import folder, language
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from site_build.cache import KeyedCache
from site_build.figures import FigureError, draw_figures, size_images, svg_size
from site_build.fingerprint import nnlit_fingerprint

log = logging.getLogger("mkdocs.hooks.draw_figures")
# (edition's folder, figure file name): width, height (px)
_sizes: dict[tuple[str, str], tuple[int, int]] = {}


# After the i18n plugin's on_files (-100), which reads only files from docs/.
@event_priority(-105)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the figures, drawn by the current nnlit, to the site's files."""
    import nnlit.figures  # here: serve may have reloaded nnlit (reload_nnlit.py)
    from nnlit.figures.words import language as words_in

    root = Path(config.config_file_path).parent
    cache = KeyedCache(root / ".cache" / "figures", nnlit_fingerprint(root))
    code, edition = language(config), folder(config)
    try:
        with words_in(code):
            drawn = draw_figures(
                nnlit.figures.FIGURES, nnlit.figures.render_svg, cache, root, code
            )
    except FigureError as error:
        raise PluginError(str(error)) from error
    log.info(
        "figures: %d drawn, %d from the cache, in %s", cache.misses, cache.hits, code
    )
    for uri, svg in drawn.items():
        # Linked as figures/<name>.svg from every edition's pages: the same
        # source path, written into the edition's folder.
        file = File.generated(config, uri, content=svg)
        file.dest_uri = edition + uri
        files.append(file)
        _sizes[edition, uri.removeprefix("figures/")] = svg_size(svg)
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Give every figure on the page its size, so nothing moves when it loads."""
    edition = folder(config)
    sizes = {name: size for (where, name), size in _sizes.items() if where == edition}
    return size_images(output, sizes)
