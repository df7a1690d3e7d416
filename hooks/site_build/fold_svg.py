"""Fold the groups of MathJax's SVG drawings into the transforms of their shapes.

MathJax nests a ``<g>`` for each MathML node, a third of a formula's elements,
there only to move and scale what is inside. Every element costs the browser
style and layout work when a page loads, so :func:`flatten` gives each shape
the transform of its groups and drops the groups. A drawing it does not know
how to fold is left as MathJax made it.
"""

import re

DRAWING = re.compile(r'(<g stroke="currentColor"[^>]*>)(.*?)(</g></svg>)', re.DOTALL)
TAG = re.compile(r"<(/?)(\w+)((?:\s+[\w:-]+=\"[^\"]*\")*)\s*>")
ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
STEP = re.compile(r"(translate|scale)\(([^)]*)\)")
Matrix = tuple[float, float, float, float]  # x scale, y scale, x shift, y shift


def then(matrix: Matrix, transform: str) -> Matrix:
    """``matrix`` followed by an SVG ``transform`` of translations and scalings.

    Raises
    ------
    ValueError
        For any other kind of transform.
    """
    sx, sy, tx, ty = matrix
    rest = STEP.sub("", transform).strip()
    if rest:
        raise ValueError(f"not a translation or scaling: {rest!r}")
    for kind, numbers in STEP.findall(transform):
        values = [float(n) for n in numbers.replace(",", " ").split()]
        if kind == "translate":
            x, y = [*values, 0.0][:2]
            tx, ty = tx + sx * x, ty + sy * y
        else:
            x, y = (values * 2)[:2]
            sx, sy = sx * x, sy * y
    return sx, sy, tx, ty


def as_transform(matrix: Matrix) -> str:
    """The shortest ``transform`` attribute for ``matrix`` ("" for none)."""
    sx, sy, tx, ty = (f"{round(v, 3):g}" for v in matrix)
    if (sx, sy) != ("1", "1"):
        return f' transform="matrix({sx},0,0,{sy},{tx},{ty})"'
    if (tx, ty) != ("0", "0"):
        return f' transform="translate({tx},{ty})"'
    return ""


def flatten_shapes(inner: str) -> str:
    """The shapes inside MathJax's drawing, each with its whole transform.

    Only groups that carry nothing but a transform (and MathJax's ``data-``
    notes) are folded away; only ``<use>`` and ``<rect>`` shapes are moved.

    Raises
    ------
    ValueError
        If the drawing holds anything else (a group with a colour, text, a
        table line): such a drawing is kept as MathJax made it.
    """
    stack: list[Matrix] = [(1.0, 1.0, 0.0, 0.0)]
    out = []
    for closing, tag, attributes in TAG.findall(inner):
        found = dict(ATTRIBUTE.findall(attributes))
        if tag == "g" and closing:
            stack.pop()
        elif tag == "g":
            if any(not n.startswith("data-") and n != "transform" for n in found):
                raise ValueError(f"a group that draws: {attributes!r}")
            stack.append(then(stack[-1], found.get("transform", "")))
        elif tag in ("use", "rect") and not closing:
            matrix = then(stack[-1], found.pop("transform", ""))
            kept = "".join(f' {n}="{v}"' for n, v in found.items())
            out.append(f"<{tag}{kept}{as_transform(matrix)}></{tag}>")
        elif tag not in ("use", "rect"):
            raise ValueError(f"a <{tag}> in the drawing")
    if "".join(TAG.sub("", inner).split()):
        raise ValueError("text in the drawing")
    return "".join(out)


def flatten(container: str) -> str:
    """MathJax's output for one formula with its drawing's groups folded away.

    Anything :func:`flatten_shapes` cannot fold is left as MathJax made it.
    """
    match = DRAWING.search(container)
    if match is None:
        return container
    try:
        shapes = flatten_shapes(match.group(2))
    except ValueError:
        return container
    start, end = match.span(2)
    return container[:start] + shapes + container[end:]
