"""Check a page's snippet includes (``--8<--``) line by line, naming page and line."""

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from pymdownx.snippets import SnippetMissingError


class IncludeError(Exception):
    """An include that does not resolve; the message names the page and line."""


def snippet_preprocessor(snippets_config: dict) -> Preprocessor:
    """pymdownx.snippets' preprocessor with the site's configuration of it."""
    md = Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": snippets_config},
    )
    return md.preprocessors["snippet"]


def check_includes(markdown: str, page_name: str, preprocessor: Preprocessor) -> None:
    """Raise :class:`IncludeError` at the first include that does not resolve.

    pymdownx.snippets (``check_paths: true``) fails on a missing file or
    section too, but its error names neither the page nor the line.
    """
    for lineno, line in enumerate(markdown.splitlines(), start=1):
        if "8<" not in line:  # every snippet marker contains "8<"
            continue
        try:
            preprocessor.run([line.strip()])
        except SnippetMissingError as error:
            raise IncludeError(f"{page_name}:{lineno}: {error}") from error
