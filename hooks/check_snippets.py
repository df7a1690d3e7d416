"""Build hook: a snippet include that does not resolve fails the build, by line.

pymdownx.snippets (``check_paths: true``) already fails on a missing file or
section, but its error names neither the page nor the line. This hook runs the
same preprocessor, with the same configuration, on each include line of a page
before the page renders, and reports ``page.md:line`` with the reason.
"""

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from pymdownx.snippets import SnippetMissingError


def snippet_preprocessor(config: MkDocsConfig) -> Preprocessor:
    """pymdownx.snippets' preprocessor, configured as ``mkdocs.yml`` configures it."""
    md = Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={
            "pymdownx.snippets": config.mdx_configs["pymdownx.snippets"]
        },
    )
    return md.preprocessors["snippet"]


def on_page_markdown(
    markdown: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    """Fail with ``page:line`` if an include on this page cannot be resolved."""
    preprocessor = snippet_preprocessor(config)
    for lineno, line in enumerate(markdown.splitlines(), start=1):
        if "8<" not in line:  # every snippet marker contains "8<"
            continue
        try:
            preprocessor.run([line.strip()])
        except SnippetMissingError as error:
            raise PluginError(f"{page.file.src_uri}:{lineno}: {error}") from error
    return markdown
