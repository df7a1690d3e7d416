"""Join the lines of Chinese prose that the Markdown source wraps.

A line break in the source becomes a newline in the HTML, and browsers draw a
newline between two Chinese characters as a space (CSS leaves that choice to
them, and Chromium makes it). Chinese prose has no spaces between words, so a
wrapped paragraph would show stray gaps. The break is removed where the
characters on both sides, tags aside, are CJK characters or CJK punctuation;
Latin text, code and preformatted blocks are left as they are.
"""

import re

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
TAGS = r"(?:<[^<>]+>)*"
# A CJK character, any tags, a line break with its indent, any tags, a CJK character.
BREAK = re.compile(rf"([{CJK}]{TAGS})\n[ \t]*({TAGS}[{CJK}])")
VERBATIM = re.compile(r"(<(pre|script|style|textarea)\b.*?</\2>)", re.DOTALL)


def join_cjk_lines(html: str) -> str:
    """Remove the line breaks between CJK characters outside verbatim blocks.

    Parameters
    ----------
    html : str
        A page's HTML.

    Returns
    -------
    str
        The same HTML, with each break that sits between two CJK characters
        (with only tags between them) removed.
    """
    parts = VERBATIM.split(html)
    # split() returns text, then (block, tag name) pairs: join only the text.
    for i in range(0, len(parts), 3):
        parts[i] = BREAK.sub(r"\1\2", parts[i])
    return "".join(part for i, part in enumerate(parts) if i % 3 != 2)
