"""Build hook: fill ``{{ name arg ... }}`` in a page with ``nnlit.facts.FACTS``.

So a number in the prose is computed by the build, never typed. An unknown fact
or a fact that fails stops the build and names the page and line.
"""

import importlib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

FACT = re.compile(r"\{\{ ([a-z_][a-z0-9_]*)((?: [^\s{}]+)*) \}\}")


def fill_facts(markdown: str, facts: dict, page_name: str) -> str:
    """Replace every fact reference in ``markdown`` with its computed value."""

    def value(match: re.Match) -> str:
        name, args = match.group(1), match.group(2).split()
        lineno = markdown.count("\n", 0, match.start()) + 1
        if name not in facts:
            known = ", ".join(sorted(facts))
            raise PluginError(
                f"{page_name}:{lineno}: unknown fact {name!r}; known: {known}"
            )
        try:
            return str(facts[name](*args))
        except Exception as error:
            raise PluginError(
                f"{page_name}:{lineno}: fact {match.group(0)} failed: "
                f"{type(error).__name__}: {error}"
            ) from error

    return FACT.sub(value, markdown)


def on_page_markdown(
    markdown: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    """Compute the facts this page quotes."""
    facts = importlib.import_module("nnlit.facts").FACTS
    return fill_facts(markdown, facts, page.file.src_uri)
