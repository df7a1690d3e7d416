r"""The network a display with layers talks about, computed by nnlit.

``W^{[l]}``, ``b^{[l]}``, the input ``X`` and the targets ``Y`` are drawn at
random; ``Z^{[l]}``, ``A^{[l]}``, ``\hat Y`` and ``E`` come from nnlit's own
layers and loss. A slope of ``E`` (``dZ^{[l]}``, or ``\partial E / \partial
W^{[l]}_{jk}``) is measured by central differences on that forward pass, so a
chain-rule line is held against what nnlit computes, not against itself.
"""

from collections.abc import Callable

import numpy as np

from nnlit import activations, backprop, layers

LAYER_SIZES = (3, 4, 3, 2)  # n_0 .. n_L; "% where: L = 2" keeps n_0 .. n_2
EXAMPLES = 5  # m, the examples (columns)
STEP = 1e-6  # of the central differences; their error is far below TOLERANCE
TOLERANCE = 1e-7
PARAMETERS = ("W", "b")
NODES = ("W", "b", "Z", "A")

Draw = Callable[[str, tuple[int, ...]], np.ndarray]
Node = tuple[str, int]  # ("Z", 2): Z^{[2]}


def sizes(depth: int) -> tuple[int, ...]:
    return LAYER_SIZES[: depth + 1]


def shape(base: str, layer: int, depth: int) -> tuple[int, int]:
    """Shapes: W^[l] (n_l, n_{l-1}), b^[l] (n_l, 1), Z^[l] and A^[l] (n_l, m)."""
    n = sizes(depth)
    return {"W": (n[layer], n[layer - 1]), "b": (n[layer], 1)}.get(
        base, (n[layer], EXAMPLES)
    )


def parameters(draw: Draw, depth: int) -> dict[str, np.ndarray]:
    """Nnlit's ``params`` for the display's network, drawn once per scope."""
    return {
        f"{base}{l}": draw(f"{base}[{l}]", shape(base, l, depth))
        for l in range(1, depth + 1)
        for base in PARAMETERS
    }


def forward(
    draw: Draw, depth: int, g: str, nudge: tuple | None = None
) -> dict[Node | str, np.ndarray | float]:
    """Every node of the pass, and ``E``; ``nudge`` adds a step to one entry.

    ``nudge`` is ``(base, layer, entry, step)``: the pass goes on from the
    nudged value, as a slope by differences needs.
    """
    params = {k: v.copy() for k, v in parameters(draw, depth).items()}
    X = draw("X", (LAYER_SIZES[0], EXAMPLES)).copy()
    Y = draw("Y", (LAYER_SIZES[depth], EXAMPLES))

    def nudged(base: str, layer: int, value: np.ndarray) -> np.ndarray:
        if nudge and nudge[:2] == (base, layer):
            value = value.copy()
            value[nudge[2]] += nudge[3]
        return value

    if nudge and nudge[0] in PARAMETERS:
        key = f"{nudge[0]}{nudge[1]}"
        params[key] = nudged(nudge[0], nudge[1], params[key])
    out: dict = {("A", 0): nudged("A", 0, X)}
    for l in range(1, depth + 1):
        Z, _ = layers.layer_forward(
            out[("A", l - 1)], params[f"W{l}"], params[f"b{l}"], g
        )
        out[("Z", l)] = Z = nudged("Z", l, Z)
        out[("A", l)] = nudged("A", l, activations.get_activation(g)(Z))
    out["E"] = backprop.loss(Y, out[("A", depth)])
    return out


def slope(
    draw: Draw, depth: int, g: str, of: Callable[[dict], float], by: Node, entry: tuple
) -> float:
    """How fast ``of`` (read off a forward pass) moves with one entry of ``by``."""
    up = of(forward(draw, depth, g, (*by, entry, STEP)))
    down = of(forward(draw, depth, g, (*by, entry, -STEP)))
    return (up - down) / (2 * STEP)


def loss_slopes(draw: Draw, depth: int, g: str, by: Node) -> np.ndarray:
    """The slope of ``E`` in each entry of ``by``: ``dZ^{[l]}`` for ``("Z", l)``."""
    rows, columns = shape(*by, depth)
    return np.array(
        [
            [
                slope(draw, depth, g, lambda out: out["E"], by, (r, c))
                for c in range(columns)
            ]
            for r in range(rows)
        ]
    )
