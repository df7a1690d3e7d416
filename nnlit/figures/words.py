"""The words a figure draws, in the language being drawn (``words.toml``).

Figures hold math and numbers only; every word comes from here, so an edition
in another language draws the same figure with its own words.
"""

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files

WORDS: dict[str, dict[str, str]] = tomllib.loads(
    files("nnlit.figures").joinpath("words.toml").read_text(encoding="utf-8")
)
_drawing = ["en"]  # the language being drawn: the last one entered


def drawing() -> str:
    """The code of the language being drawn (``en`` outside any ``language`` block)."""
    return _drawing[-1]


def word(key: str, **values: object) -> str:
    """The words for ``key`` in the language being drawn, ``values`` filled in."""
    return WORDS[_drawing[-1]][key].format(**values)


@contextmanager
def language(code: str) -> Iterator[None]:
    """Draw in ``code`` (a section of ``words.toml``) inside the ``with`` block.

    Raises
    ------
    ValueError
        If ``words.toml`` has no words for ``code``.
    """
    if code not in WORDS:
        raise ValueError(f"no figure words for {code!r}; known: {', '.join(WORDS)}")
    _drawing.append(code)
    try:
        yield
    finally:
        _drawing.pop()
