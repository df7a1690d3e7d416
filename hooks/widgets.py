"""Build hook: a page that places a widget loads its scripts; other pages don't.

``site_build.widgets`` finds the ``<div class="nnlit-widget" data-widget=...>``
of each built page and adds the shared maths (``nnmath.js``), the shared
controls (``ui.js``), the widget's own script and the widgets' stylesheet,
linked relative to the page. A widget without a script fails the build,
naming the page.
"""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_build.widgets import FOLDER, WidgetError, add_widget_assets

_scripts: set[str] = set()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Note which widget scripts the site has."""
    _scripts.clear()
    _scripts.update(
        f.src_uri
        for f in files
        if f.src_uri.startswith(FOLDER + "/") and f.src_uri.endswith(".js")
    )
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Add the widgets' stylesheet and scripts to a page that places a widget."""
    try:
        return add_widget_assets(output, page.url, _scripts, page.file.src_uri)
    except WidgetError as error:
        raise PluginError(str(error)) from error
