"""Build hook: fill ``{{ name arg ... }}`` in a page with ``nnlit.facts.FACTS``.

So a number in the prose is computed by the build, never typed. An unknown fact
or a fact that fails stops the build and names the page and line. Values are
kept in ``.cache/facts/<fingerprint>/`` until nnlit changes.
"""

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_build.cache import KeyedCache
from site_build.facts import FactError, fill_facts
from site_build.fingerprint import nnlit_fingerprint

_cache: KeyedCache | None = None


def on_pre_build(config: MkDocsConfig) -> None:
    """Open the cache of fact values for the current nnlit."""
    global _cache
    root = Path(config.config_file_path).parent
    _cache = KeyedCache(root / ".cache" / "facts", nnlit_fingerprint(root))


def on_page_markdown(
    markdown: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    """Compute the facts this page quotes."""
    import nnlit.facts  # here: serve may have reloaded nnlit (reload_nnlit.py)

    try:
        return fill_facts(markdown, nnlit.facts.FACTS, page.file.src_uri, _cache)
    except FactError as error:
        raise PluginError(str(error)) from error
