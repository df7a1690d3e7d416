"""Fill ``{{ name arg ... }}`` in a page with the value nnlit's facts compute."""

import re
from collections.abc import Callable
from functools import partial

from site_build.cache import KeyedCache, digest

FACT = re.compile(r"\{\{ ([a-z_][a-z0-9_]*)((?: [^\s{}]+)*) \}\}")
# Anything that looks like a fact but is not written as one: {{name}}, {{ Name }}.
# TeX's doubled braces hold no name ({{2}}, {{[l]}}) and are left alone.
FACT_LIKE = re.compile(r"\{\{\s*[A-Za-z_][^{}]*\}\}")


def _encoded(fact: Callable[..., str], *args: str) -> bytes:
    return str(fact(*args)).encode()


class FactError(Exception):
    """A fact that is unknown or fails; the message names the page and line."""


def fill_facts(
    markdown: str,
    facts: dict[str, Callable[..., str]],
    page_name: str,
    cache: KeyedCache | None = None,
) -> str:
    """Replace every fact reference in ``markdown`` with its computed value.

    Raises
    ------
    FactError
        For an unknown fact or one that fails, naming ``page_name`` and the line.
    """

    def value(match: re.Match) -> str:
        name, args = match.group(1), match.group(2).split()
        lineno = markdown.count("\n", 0, match.start()) + 1
        if name not in facts:
            known = ", ".join(sorted(facts))
            raise FactError(
                f"{page_name}:{lineno}: unknown fact {name!r}; known: {known}"
            )
        try:
            if cache is None:
                return str(facts[name](*args))
            compute = partial(_encoded, facts[name], *args)
            return cache.get_or_make(digest(name, *args), compute).decode()
        except Exception as error:
            raise FactError(
                f"{page_name}:{lineno}: fact {match.group(0)} failed: "
                f"{type(error).__name__}: {error}"
            ) from error

    filled = FACT.sub(value, markdown)
    for match in FACT_LIKE.finditer(filled):
        lineno = filled.count("\n", 0, match.start()) + 1
        raise FactError(
            f"{page_name}:{lineno}: {match.group(0)} is not a fact reference:"
            " write {{ name arg ... }}, a lowercase name, one space inside each"
            " pair of braces"
        )
    return filled
