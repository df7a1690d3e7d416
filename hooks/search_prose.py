"""Build hook: keep code listings out of the search index.

Every page's first visit downloads the whole search index, and half of it was
code listings, which make poor search results anyway. Prose, headings and
inline code stay searchable; the index shrinks by half, which keeps a chapter's
first visit under 400 KB gzipped (``bench/page_weight.py``).
"""

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

CODE_BLOCK = re.compile(r'<div class="(?:language-[\w-]+ )?highlight"')


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Mark every code block so Material's search plugin skips it."""
    return CODE_BLOCK.sub(lambda m: m.group(0) + " data-search-exclude", html)
