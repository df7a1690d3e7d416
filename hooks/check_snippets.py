"""Build hook: a snippet include that does not resolve fails the build, by line."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_build.snippets import IncludeError, check_includes, snippet_preprocessor


def on_page_markdown(
    markdown: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    """Fail with ``page:line`` if an include on this page cannot be resolved."""
    preprocessor = snippet_preprocessor(config.mdx_configs["pymdownx.snippets"])
    try:
        check_includes(markdown, page.file.src_uri, preprocessor)
    except IncludeError as error:
        raise PluginError(str(error)) from error
    return markdown
