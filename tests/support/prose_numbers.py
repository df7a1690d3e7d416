"""Numbers typed in a page's prose: a fact, an input its code shows, or explained.

A measurement typed by hand ("the slope is 0.0012 at z = 3") goes stale
without a test noticing. So every number in the prose and its TeX (code,
comments, links and ``{{ facts }}`` left out) that is more than a small count
must either appear in a code block of the same page (then it is an input the
page's checked code uses, like a learning rate), or be listed in
:data:`REASONS` with why it is not a measurement.
"""

import re
from pathlib import Path

from docblocks import expand
from language_pairs import english_of

FENCE = re.compile(r"^( *)(```|~~~)(.*?)\n(.*?)^\1\2", re.M | re.S)
# 0.5, 1,000 and 1e-12 are one number each
NUMBER = re.compile(r"(?<![\w.\\{])(\d+(?:[.,]\d+)*(?:e-?\d+)?)(?!\w)")
SMALL = {str(n) for n in range(11)}  # counts, indices, chapter numbers

# Page: {number: why it is typed}. A number here is not a measurement.
REASONS = {
    "03-activations.md": {
        "0,0": "XOR's input corners, (0,0) and so on",
        "1,1": "XOR's input corners",
        "0,1": "XOR's input corners",
        "1,0": "XOR's input corners",
        "0.01": "the leaky ReLU's slope, a definition (activations.LEAKY_SLOPE)",
        "50": "a round number of layers in an example of vanishing slopes",
    },
}


def prose_numbers(page: Path) -> list[tuple[int, str]]:
    """``(line, number)`` for every number of the prose that is not a small count."""
    text = page.read_text(encoding="utf-8")
    text = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for pattern in (r"<!--.*?-->", r"\{\{.*?\}\}", r"`[^`\n]*`", r"--8<--.*"):
        text = re.sub(
            pattern, lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S
        )
    text = re.sub(r"\]\([^)\n]*\)", "]", text)  # link targets
    return [
        (lineno, match.group(1))
        for lineno, line in enumerate(text.splitlines(), start=1)
        for match in NUMBER.finditer(line)
        if match.group(1) not in SMALL
    ]


def code_tokens(page: Path) -> set[str]:
    """Every number in the code the page shows, library code it includes too."""
    text = page.read_text(encoding="utf-8")
    code = " ".join(expand(m.group(4)) for m in FENCE.finditer(text))
    return set(re.findall(r"\d+(?:[._]\d+)*(?:e-?\d+)?", code.replace("_", "")))


def unexplained_numbers(page: Path) -> list[str]:
    """Numbers in ``page``'s prose that are neither code inputs nor explained."""
    # A translation keeps every number as the English page writes it (digits),
    # so it is audited the same way, with the English page's reasons.
    reasons = REASONS.get(english_of(page).name, {})
    inputs = code_tokens(page)
    return [
        f"{page.name}:{line}: {number} is typed in the prose; make it a fact,"
        " or say in tests/support/prose_numbers.py why it is not a measurement"
        for line, number in prose_numbers(page)
        if number.replace(",", "") not in inputs and number not in reasons
    ]
