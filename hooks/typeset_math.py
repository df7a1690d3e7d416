"""Build hook: every formula is typeset when the site is built; no page runs MathJax.

``site_build.mathjax`` does the work. Typeset pages are kept in
``.cache/math/<key>/``, the key hashing MathJax's version and the renderer,
so a build typesets only the pages whose maths changed. MathJax's licence and
the stylesheet of its SVG output go to ``assets/mathjax/``.
"""

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from site_build import mathjax
from site_build.cache import KeyedCache

STYLESHEET = "assets/mathjax/svg.css"  # listed in mkdocs.yml's extra_css
_cache: KeyedCache | None = None
_mathjax = mathjax.MathJax()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Open the cache of typeset pages for this MathJax and renderer."""
    global _cache
    root = Path(config.config_file_path).parent
    _cache = KeyedCache(root / ".cache" / "math", mathjax.renderer_key())
    return config


# After the i18n plugin's on_files (-100), which reads only files from docs/.
@event_priority(-105)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add MathJax's licence and the stylesheet its output needs."""
    css = _cache.get_or_make("svg.css", lambda: _mathjax.stylesheet().encode())
    files.append(File.generated(config, STYLESHEET, content=css))
    licence = mathjax.mathjax_dir() / "LICENSE"
    files.append(
        File.generated(config, "assets/mathjax/LICENSE", abs_src_path=str(licence))
    )
    return files


def on_page_content(
    html: str, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    """Replace the page's TeX by typeset formulas, or fail naming page and line."""
    # The Markdown as the hooks before left it (facts filled in, the lines
    # unchanged), where the TeX reads as it does on the page.
    source = page.markdown or page.file.content_string
    try:
        return mathjax.typeset(
            html, page.file.src_uri, source, mathjax.cached(_cache, _mathjax)
        )
    except mathjax.TexError as error:
        raise PluginError(str(error)) from error


def on_post_build(config: MkDocsConfig) -> None:
    """End MathJax's process: ``mkdocs serve`` starts a new one per build."""
    _mathjax.close()


def on_build_error(error: Exception) -> None:
    """End MathJax's process when a build fails too."""
    _mathjax.close()
