"""Build hook: Chinese paragraphs wrapped in the source show no stray spaces.

See :mod:`site_build.cjk_lines`; English pages pass through unchanged, since
the rule needs a CJK character on both sides of a line break.
"""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_build.cjk_lines import join_cjk_lines


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Join the lines of the page's Chinese prose."""
    return join_cjk_lines(html)
