"""What a figure says to a reader who cannot see it: its alt text and long description.

A figure's alt text is a sentence or two; it cannot name a dozen things one by
one. So a figure that draws that many separate things to read (labels, points,
pictures) is *busy* and also gets a long description: a details box with the
class ``description`` right under the figure (``??? description "..."`` in
Markdown). What counts is read from the drawn SVG, so a figure added or
changed later is judged the same way without a list to keep.
"""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import Tag

SVG = "{http://www.w3.org/2000/svg}"
# Things to read one by one: more than a sentence of alt text can name.
BUSY = 12
# matplotlib names each group it draws ("text_3", "xtick_2", "PathCollection_1").
# Tick labels and legends are the axes' furniture, not what the figure shows.
FURNITURE = {"xtick", "ytick", "legend"}
FILE_NAME = re.compile(r"\.(svg|png|jpe?g|gif|webp)\b|^[\w.-]+$", re.IGNORECASE)


def marks(svg: str) -> int:
    """How many things a matplotlib SVG draws to be read one by one.

    Each text label outside the ticks and legends, each point of a scatter plot
    and each embedded picture counts once; lines, ticks and grids do not.
    """
    count = 0

    def walk(element: ET.Element, inside: frozenset[str]) -> None:
        nonlocal count
        kind = element.get("id", "").rsplit("_", 1)[0]
        tag = element.tag.removeprefix(SVG)
        label = tag == "g" and kind == "text" and not inside & FURNITURE
        point = tag == "use" and "PathCollection" in inside
        count += label or point or tag == "image"
        for child in element:
            walk(child, inside | {kind})

    walk(ET.fromstring(svg), frozenset())
    return count


def is_busy(svg: Path) -> bool:
    """Whether the figure drawn in ``svg`` needs a long description."""
    return marks(svg.read_text(encoding="utf-8")) >= BUSY


def alt_problem(img: Tag) -> str | None:
    """What is wrong with an image's alt text, or None if it describes something.

    Empty, a file name, or the image's own name in other words is no description.
    """
    alt = (img.get("alt") or "").strip()
    stem = Path(img.get("src", "")).stem
    plain = re.sub(r"[\W_]+", " ", stem).strip().lower()
    if not alt:
        return "has no alt text"
    if FILE_NAME.search(alt) or re.sub(r"[\W_]+", " ", alt).strip().lower() == plain:
        return f"has a file name for alt text: {alt!r}"
    return None


def long_description(img: Tag) -> Tag | None:
    """The details box describing the figure of ``img`` at length, if there is one."""
    figure = img.find_parent("figure")
    box = figure.find_next_sibling() if figure else None
    if box is not None and box.name == "details" and "description" in box["class"]:
        return box
    return None
