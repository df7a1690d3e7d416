r"""The value of a parsed side of an equation, with the page's names bound to nnlit.

``\sigma`` is ``nnlit.activations.sigmoid``, ``\sigma'`` its slope, a generic
``g`` or ``f`` one of nnlit's activations (the scope says which). Without
layers, derivatives and sums are worked out by SymPy. With layers, names are
the network of ``network_maths``: matrices multiplied as matrices, and slopes
of its loss measured by central differences.
"""

import re
from dataclasses import dataclass, field
from functools import cache

import network_maths as net
import numpy as np
import sympy
from network_maths import EXAMPLES, LAYER_SIZES
from sympy.tensor.indexed import Indexed, IndexedBase

from nnlit import activations

INDEX_LETTERS = {"i", "j", "k", "l", "p", "q", "mu"}  # h_k = ... holds for every k
NAMED = {  # the page's function names, and nnlit's activation of that name
    "sigma": "sigmoid",
    "tanh": "tanh",
    "tau": "tanh",
    "rho": "relu",
    "lambda": "leaky_relu",
}


@dataclass
class Scope:
    """The values a display's symbols take, drawn once per seed."""

    seed: int
    generic: str
    layered: bool
    ints: dict[str, int] = field(default_factory=dict)
    defs: dict[str, sympy.Expr] = field(default_factory=dict)
    values: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = np.random.default_rng(self.seed)
        self._passes: dict[int, dict] = {}

    def forward(self) -> dict:
        """The display's network run forward by nnlit, once per depth."""
        depth = depth_of(self)
        if depth not in self._passes:
            self._passes[depth] = net.forward(self.draw, depth, self.generic)
        return self._passes[depth]

    def draw(self, key: str, shape: tuple[int, ...] = ()) -> object:
        """The symbol's value: drawn the first time it is asked for, then kept."""
        if key not in self.values:
            value = self.rng.normal(size=shape)
            self.values[key] = float(value) if shape == () else value
        return self.values[key]

    def vector(self, base: str) -> np.ndarray:
        """A vector the page writes by its entries ``w_1 .. w_n``, or a scalar ``w``."""
        if "n" not in self.ints:
            return np.atleast_1d(self.draw(base))
        n = self.ints["n"]
        return np.array([self.draw(f"{base}[{k}]") for k in range(1, n + 1)])


def key_of(expr: sympy.Expr, scope: Scope) -> str:
    """How the scope files ``expr``: ``w[2]`` for ``w_i`` with ``i = 2``."""
    if isinstance(expr, Indexed):
        indices = [index_of(i, scope) for i in expr.indices]
        return f"{expr.base}[{', '.join(map(str, indices))}]"
    return str(expr)


def index_of(index: sympy.Expr, scope: Scope) -> object:
    """The index as a number if the scope fixes it, else as it stands."""
    value = index.subs({sympy.Symbol(k): v for k, v in scope.ints.items()})
    return int(value) if value.is_number else value


def evaluate(expr: sympy.Expr, scope: Scope) -> object:
    """The numeric value of a parsed side, in ``scope``."""
    if not scope.layered and expr.has(sympy.Derivative, sympy.Sum):
        expr = _worked_out(expr, scope)
    return _value(expr, scope)


def _worked_out(expr: sympy.Expr, scope: Scope) -> sympy.Expr:
    """Derivatives and sums done by SymPy, the display's definitions put in."""
    return _work_out(expr, tuple(scope.defs.items()), tuple(scope.ints.items()))


@cache  # the same for every seed and activation: SymPy's work is done once
def _work_out(expr: sympy.Expr, defs: tuple, ints: tuple) -> sympy.Expr:
    scope = Scope(0, "", layered=False, ints=dict(ints), defs=dict(defs))
    subs = {sympy.Symbol(k): v for k, v in ints}
    for _ in range(len(defs) + 1):
        expr = expr.replace(
            lambda e: definition(e, scope) is not None,
            lambda e: definition(e, scope),
        ).xreplace(subs)
    done = expr.xreplace({sympy.Symbol("e"): sympy.E}).doit()
    return _primes(done)


def definition(expr: sympy.Expr, scope: Scope) -> sympy.Expr | None:
    """What the display's ``% where`` defines ``expr`` as, if anything.

    A definition of an entry with letters for indices (``a_k = f(h_k)``)
    holds for every entry.
    """
    if not isinstance(expr, (sympy.Symbol, Indexed)):
        return None
    if (key := key_of(expr, scope)) in scope.defs:
        return scope.defs[key]
    if not isinstance(expr, Indexed):
        return None
    for key, right in scope.defs.items():
        left = parsekey_of(key)
        if (
            isinstance(left, Indexed)
            and left.base == expr.base
            and len(left.indices) == len(expr.indices)
            and all(str(i) in INDEX_LETTERS for i in left.indices)
        ):
            return right.xreplace(dict(zip(left.indices, expr.indices, strict=True)))
    return None


def parsekey_of(key: str) -> sympy.Expr:
    match = re.fullmatch(r"(\w+)\[(.*)\]", key)
    if not match:
        return sympy.Symbol(key)
    indices = [sympy.sympify(i) for i in match.group(2).split(", ")]
    return IndexedBase(match.group(1))[tuple(indices)]


def _primes(expr: sympy.Expr) -> sympy.Expr:
    """``Derivative(f(x), x)`` at a point becomes ``f'(point)``."""

    def is_slope(e: sympy.Expr) -> bool:
        return isinstance(e, sympy.Subs) and isinstance(e.expr, sympy.Derivative)

    def slope_of(e: sympy.Subs) -> sympy.Expr:
        inner = e.expr.expr
        return sympy.Function(f"{inner.func}'")(*e.point)

    expr = expr.replace(is_slope, slope_of)
    return expr.replace(
        lambda e: (
            isinstance(e, sympy.Derivative)
            and isinstance(e.expr, sympy.core.function.AppliedUndef)
        ),
        lambda e: sympy.Function(f"{e.expr.func}'")(*e.expr.args),
    )


def _value(expr: sympy.Expr, scope: Scope) -> object:
    if expr.is_Number:
        return float(expr)
    if expr == sympy.E or expr == sympy.Symbol("e"):
        return np.e
    if isinstance(expr, (sympy.Symbol, Indexed)):
        return _symbol(expr, scope)
    if isinstance(expr, sympy.Add):
        return sum(_value(arg, scope) for arg in expr.args)
    if isinstance(expr, sympy.Mul):
        return _product([_value(arg, scope) for arg in expr.args])
    if isinstance(expr, sympy.Pow):
        if expr.exp == sympy.Symbol("T"):
            return np.transpose(_value(expr.base, scope))
        return np.power(_value(expr.base, scope), _value(expr.exp, scope))
    if isinstance(expr, sympy.exp):
        return np.exp(_value(expr.args[0], scope))
    if isinstance(expr, sympy.log):  # \ln x is read as log(x, E)
        logs = [np.log(_value(arg, scope)) for arg in expr.args]
        return logs[0] / logs[1] if len(logs) == 2 else logs[0]
    if isinstance(expr, sympy.Piecewise):
        return _piecewise(expr, scope)
    if isinstance(expr, sympy.Sum):
        return _sum(expr, scope)
    if isinstance(expr, sympy.Derivative):
        return _measured_slope(expr, scope)
    if isinstance(expr, (sympy.Function, sympy.Max)) or expr.is_Function:
        return _function(str(expr.func), [_value(a, scope) for a in expr.args], scope)
    raise TypeError(f"cannot evaluate {expr} ({type(expr).__name__})")


def _symbol(expr: sympy.Expr, scope: Scope) -> object:
    key = key_of(expr, scope)
    if key in scope.ints:
        return scope.ints[key]
    if key in scope.values:
        return scope.values[key]
    if (right := definition(expr, scope)) is not None:
        return evaluate(right, scope)  # not kept: it may hold an index of a sum
    if scope.layered and (found := network_value(expr, scope)) is not None:
        return found
    return scope.draw(key, shape_of(expr, scope))


def depth_of(scope: Scope) -> int:
    """L, the layers of the display's network: set by ``% where: L = 2``."""
    return scope.ints.get("L", len(LAYER_SIZES) - 1)


def node_of(expr: sympy.Expr, scope: Scope) -> tuple[str, int, tuple | None] | None:
    r"""``(base, layer, entry)`` of a network name: ``Z^{[l]}_{j\mu}``, ``\hat Y``."""
    if not isinstance(expr, Indexed):
        return None
    base, indices = str(expr.base), [index_of(i, scope) for i in expr.indices]
    if base == "Upsilon":
        base, indices = "A", [depth_of(scope), *indices]
    if base.removeprefix("d") not in net.NODES or not all(
        isinstance(i, int) for i in indices
    ):
        return None
    entry = tuple(i - 1 for i in indices[1:]) or None
    if entry and len(entry) == 1:
        entry = (entry[0], 0)  # b^{[l]}_j: a column
    return base, indices[0], entry


def network_value(expr: sympy.Expr, scope: Scope) -> object:
    """A name of the network: nnlit's value, or a slope of ``E`` measured.

    Worked out once per scope, as a drawn value is: a display names ``dZ^{[l]}``
    on several lines, and each measurement runs the forward pass many times.
    """
    key = key_of(expr, scope)
    if key not in scope.values:
        found = _network_value(expr, scope)
        if found is None:
            return None
        scope.values[key] = found
    return scope.values[key]


def _network_value(expr: sympy.Expr, scope: Scope) -> object:
    depth, g = depth_of(scope), scope.generic
    if expr == sympy.Symbol("E"):
        return scope.forward()["E"]
    if expr == sympy.Symbol("m"):
        return EXAMPLES
    if isinstance(expr, Indexed) and str(expr.base) == "n":
        return net.sizes(depth)[index_of(expr.indices[0], scope)]
    if isinstance(expr, Indexed) and str(expr.base) == "Y" and len(expr.indices) == 2:
        Y = scope.draw("Y", (LAYER_SIZES[depth], EXAMPLES))
        return Y[tuple(index_of(i, scope) - 1 for i in expr.indices)]
    node = node_of(expr, scope)
    if node is None:
        return None
    base, layer, entry = node
    if base.startswith("d"):
        if entry is None:
            return net.loss_slopes(scope.draw, depth, g, (base[1:], layer))
        return net.slope(
            scope.draw, depth, g, lambda out: out["E"], (base[1:], layer), entry
        )
    if base in net.PARAMETERS:
        whole = net.parameters(scope.draw, depth)[f"{base}{layer}"]
    else:
        whole = scope.forward()[(base, layer)]
    return whole if entry is None else whole[entry]


def _measured_slope(expr: sympy.Derivative, scope: Scope) -> float:
    r"""``\partial P / \partial Q`` of network names, by central differences."""
    ((by, _),) = expr.variable_count
    wrt = node_of(by, scope)
    if expr.expr == sympy.Symbol("E"):
        of = lambda out: out["E"]  # noqa: E731 - read off each forward pass
    elif (target := node_of(expr.expr, scope)) and target[2] is not None:
        of = lambda out: out[target[:2]][target[2]]  # noqa: E731
    else:
        of = None
    if of is None or wrt is None or wrt[2] is None:
        raise TypeError(f"cannot measure {expr}: not an entry of the network")
    return net.slope(scope.draw, depth_of(scope), scope.generic, of, wrt[:2], wrt[2])


def _sum(expr: sympy.Sum, scope: Scope) -> object:
    """A sum done term by term, each index taking each of its values in turn."""
    (index, low, high), *inner = expr.limits
    body = sympy.Sum(expr.function, *inner) if inner else expr.function
    name, saved = str(index), scope.ints.get(str(index))
    total = 0.0
    for value in range(int(_value(low, scope)), int(_value(high, scope)) + 1):
        scope.ints[name] = value
        total = total + _value(body, scope)
    if saved is None:
        scope.ints.pop(name)
    else:
        scope.ints[name] = saved
    return total


def shape_of(expr: sympy.Expr, scope: Scope) -> tuple[int, ...]:
    """With layers: ``X`` is ``(n_0, m)``, ``x`` one example ``(n_0, 1)``, ..."""
    if not scope.layered:
        return ()
    base = str(expr.base) if isinstance(expr, Indexed) else str(expr)
    if not isinstance(expr, Indexed):
        return {"X": (LAYER_SIZES[0], EXAMPLES), "x": (LAYER_SIZES[0], 1)}.get(base, ())
    if len(expr.indices) != 1:
        return ()
    layer = index_of(expr.indices[0], scope)
    if not isinstance(layer, int):
        raise TypeError(f"layer {layer} of {base} has no number; set it by % where")
    one_example = (net.sizes(depth_of(scope))[layer], 1)
    return (
        one_example if base in ("z", "a") else net.shape(base, layer, depth_of(scope))
    )


def _product(factors: list[object]) -> object:
    out = factors[0]
    for factor in factors[1:]:
        both = np.ndim(out) == 2 and np.ndim(factor) == 2
        out = out @ factor if both else out * factor
    return out


def _piecewise(expr: sympy.Piecewise, scope: Scope) -> object:
    for value, condition in expr.args:
        if bool(
            condition.xreplace({s: _value(s, scope) for s in condition.free_symbols})
        ):
            return _value(value, scope)
    raise ValueError(f"no case of {expr} holds")


def _function(name: str, args: list[object], scope: Scope) -> object:
    """A function the page names: an activation, its slope, or a matrix helper."""
    plain = name.rstrip("'")
    base = scope.generic if plain in ("f", "g") else NAMED.get(plain, plain)
    if name == "max":
        return np.maximum(*args)
    if name == "P":  # (M)_{jk}: an entry of a matrix
        return np.asarray(args[0])[int(args[1]) - 1, int(args[2]) - 1]
    if name == "C":  # the sum of the columns
        return np.sum(args[0], axis=1, keepdims=True)
    if name == "H":  # entry by entry
        return np.multiply(*args)
    if name.endswith("'"):
        return activations.get_derivative(base)(*args)
    return activations.get_activation(base)(*args)
