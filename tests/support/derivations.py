r"""Check each displayed line of a page: every side equal, and equal to nnlit.

The sides are parsed from the page's TeX (``tex_math``) and evaluated on
random inputs, with the page's names bound to nnlit: ``\sigma`` is
``nnlit.activations.sigmoid``, ``\sigma'`` its slope, a generic ``g`` or
``f`` each of nnlit's smooth activations in turn. Derivatives and sums are
worked out by SymPy first. Layer symbols (``W^{[l]}``, ``Z^{[l]}``) are
matrices of the shapes the notation page gives, multiplied as matrices.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import sympy
from sympy.tensor.indexed import Indexed, IndexedBase
from tex_math import Display, Line, parse

from nnlit import activations, gradient_descent, layers, one_neuron
from nnlit.facts import FIRST_NETWORK

SEEDS = (0, 1, 2)
GENERIC = ("sigmoid", "tanh")  # what a generic g or f stands for, in turn
NAMED = {  # the page's function names, and nnlit's activation of that name
    "sigma": "sigmoid",
    "tanh": "tanh",
    "tau": "tanh",
    "rho": "relu",
    "lambda": "leaky_relu",
}
LAYER_SIZES = (3, 4, 2, 1)  # n_0 .. n_L for displays about layers
EXAMPLES = 5  # m, the examples (columns) in a layer display
MATRICES = {"W", "Z", "A", "X", "Y", "Upsilon", "dW", "dZ", "dA"}


class Mismatch(AssertionError):
    """A line whose sides disagree, or that nothing checks."""


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


def _size(layer: int) -> int:
    return LAYER_SIZES[layer]


def activation(name: str) -> Callable:
    return activations.get_activation(name)


def slope(name: str) -> Callable:
    return activations.get_derivative(name)


def _first_network(scope: Scope, left: sympy.Expr) -> object:
    """The source's first network (chapter 4), its inputs put in the scope."""
    x, w = (np.array(FIRST_NETWORK[key], dtype=float) for key in ("x", "w"))
    for k in (1, 2):
        scope.values[f"x[{k}]"], scope.values[f"w[{k}]"] = x[k - 1], w[k - 1]
    scope.values["b"] = b = float(FIRST_NETWORK["b"])
    z = one_neuron.neuron_input(x, w, b)
    return z if str(left) == "z" else one_neuron.neuron_output(z)


def _network(scope: Scope, left: sympy.Expr, g: str = "") -> object:
    r"""What nnlit's forward pass gives for ``left`` (``Z^{[2]}``, ``\hat Y``, ...).

    The network has the sizes ``LAYER_SIZES`` and the scope's weights; a
    lowercase ``z^{[l]}`` or ``a^{[l]}`` is for one example ``x``. Every value
    of the pass goes into the scope, for the sides that use them.
    """
    params = {}
    for l in range(1, len(LAYER_SIZES)):
        params[f"W{l}"] = scope.draw(f"W[{l}]", (_size(l), _size(l - 1)))
        params[f"b{l}"] = scope.draw(f"b[{l}]", (_size(l), 1))
    base = str(left.base) if isinstance(left, Indexed) else str(left)
    one = base in ("z", "a")
    X = (
        scope.draw("x", (LAYER_SIZES[0], 1))
        if one
        else scope.draw("X", (LAYER_SIZES[0], EXAMPLES))
    )
    Y_hat, stored = layers.forward(X, params, g or scope.generic)
    for key, value in stored.items():
        name = key[0].lower() if one else key[0]
        scope.values[f"{name}[{key[1:]}]"] = value
    if base in ("Upsilon", "upsilon"):
        return Y_hat
    return stored[f"{base.upper()}{_index(left.indices[0], scope)}"]


def _input_slope(scope: Scope, left: sympy.Expr) -> float:
    """How fast nnlit's neuron input moves with ``x_i``, by central difference."""
    x, w, i, step = scope.vector("x"), scope.vector("w"), scope.ints["i"], 1e-6
    nudge = np.zeros_like(x)
    nudge[i - 1] = step
    b = scope.draw("b")
    z = one_neuron.neuron_input
    return float((z(x + nudge, w, b) - z(x - nudge, w, b)) / (2 * step))


def _record_step(scope: Scope, left: sympy.Expr, part: str) -> float:
    """Nnlit's one-record step (a sigmoid unit): its delta, step or gradient."""
    x, w, i = scope.vector("x"), scope.vector("w"), scope.ints["i"]
    y, lr = scope.draw("y"), abs(scope.draw("eta"))
    scope.values["eta"] = lr
    _, delta, step = gradient_descent.record_step(x, y, w, lr)
    return {"delta": delta, "step": step[i - 1], "gradient": -step[i - 1] / lr}[part]


# What a ``% nnlit: KEY`` line's left side is, computed by nnlit.
BINDINGS: dict[str, Callable[..., object]] = {
    "neuron_input": lambda s, _: one_neuron.neuron_input(
        s.vector("x"), s.vector("w"), s.draw("b")
    ),
    "neuron_output": lambda s, _: one_neuron.neuron_output(s.draw("z"), s.generic),
    "neuron": lambda s, _: one_neuron.neuron(
        s.vector("x"), s.vector("w"), s.draw("b"), s.generic
    ),
    "neuron_input_slope": _input_slope,
    "first_network": _first_network,
    "network": _network,
    "record_step": _record_step,
}


def check_page(displays: list[Display]) -> list[str]:
    """Problems with the page's displayed lines: each names the page and line.

    A ``% where`` holds from its display to the end of the page, as a reader
    carries a definition forward, until a later one redefines the name.
    """
    problems = []
    for seed in SEEDS:
        for generic in GENERIC:
            where: list[str] = []
            for display in displays:
                where += display.where
                layered = any("^{[" in line.tex for line in display.lines)
                scope = Scope(seed, generic, layered)
                _read_where(where, scope)
                problems += _check_lines(display.lines, scope)
    return list(dict.fromkeys(problems))


def _read_where(where: list[str], scope: Scope) -> None:
    for equation in where:
        left, right = (parse(side) for side in equation.split("=", 1))
        if right.is_Integer:
            scope.ints[str(left)] = int(right)
        elif str(left) in ("f", "g") and str(right) in NAMED:
            scope.generic = NAMED[str(right)]  # f = \sigma: this activation only
        else:
            scope.defs[_key(left, scope)] = right


def _check_lines(lines: list[Line], scope: Scope) -> list[str]:
    problems, left = [], None
    for line in lines:
        try:
            left = _check_line(line, scope, left)
        except Mismatch as problem:
            problems.append(f"{line.where()}: {problem}")
        except Exception as error:
            problems.append(
                f"{line.where()}: cannot check: {type(error).__name__}: {error}"
            )
            return problems
    return problems


def _equations(line: Line) -> list[list[str]]:
    equations: list[list[str]] = [[]]
    for side in line.sides:
        if side == "|":
            equations.append([])
        else:
            equations[-1].append(side)
    return equations


def _check_line(line: Line, scope: Scope, left: tuple | None) -> tuple | None:
    """Check the line's equations; return the left side the next line continues.

    ``left`` is the side's text and its value (None for an unchecked line).
    """
    for sides in _equations(line):
        if sides[0]:
            left = (sides[0], None)
        elif left is None:
            raise Mismatch("continues a line, but no line comes before it")
        if line.how == "unchecked":
            continue
        text, value = left
        if value is None:
            value = _left_value(line, text, scope)
            left = (text, value)
        tolerance = _tolerance(line.tex)
        for side in sides[1:]:
            found = evaluate(parse(side), scope)
            if not _close(found, value, tolerance):
                raise Mismatch(
                    f"'{side}' is {_show(found)},"
                    f" but the line's left side is {_show(value)}"
                )
    return left


def _left_value(line: Line, side: str, scope: Scope) -> object:
    expr = parse(side)
    if line.how == "nnlit":
        name, *args = line.detail.split()
        if name not in BINDINGS:
            raise Mismatch(
                f"unknown nnlit binding {name!r}; known: {', '.join(BINDINGS)}"
            )
        value = BINDINGS[name](scope, expr, *args)
        if isinstance(expr, (sympy.Symbol, Indexed)):
            scope.values[_key(expr, scope)] = value
        return value
    if isinstance(expr, (sympy.Symbol, Indexed)) and not _known(expr, scope):
        raise Mismatch(
            f"defines '{side}' without a check: bind it to nnlit (% nnlit: KEY)"
            " or say why not (% unchecked: REASON)"
        )
    return evaluate(expr, scope)


def _known(expr: sympy.Expr, scope: Scope) -> bool:
    return _key(expr, scope) in scope.values or _definition(expr, scope) is not None


def _tolerance(tex: str) -> float:
    """Half the last digit of the least precise decimal the line shows, else tiny."""
    decimals = [len(d) for d in re.findall(r"\d\.(\d+)", tex)]
    return 0.5 * 10.0 ** -min(decimals) if decimals else 1e-9


def _close(a: object, b: object, tolerance: float) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-9, atol=tolerance)


def _show(value: object) -> str:
    array = np.asarray(value, dtype=float)
    return (
        f"{float(array):.6g}" if array.ndim == 0 else f"an array of shape {array.shape}"
    )


def _key(expr: sympy.Expr, scope: Scope) -> str:
    if isinstance(expr, Indexed):
        indices = [_index(i, scope) for i in expr.indices]
        return f"{expr.base}[{', '.join(map(str, indices))}]"
    return str(expr)


def _index(index: sympy.Expr, scope: Scope) -> object:
    value = index.subs({sympy.Symbol(k): v for k, v in scope.ints.items()})
    return int(value) if value.is_number else value


def evaluate(expr: sympy.Expr, scope: Scope) -> object:
    """The numeric value of a parsed side, in ``scope``."""
    if expr.has(sympy.Derivative, sympy.Sum):
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
            lambda e: _definition(e, scope) is not None,
            lambda e: _definition(e, scope),
        ).xreplace(subs)
    done = expr.xreplace({sympy.Symbol("e"): sympy.E}).doit()
    return _primes(done)


def _definition(expr: sympy.Expr, scope: Scope) -> sympy.Expr | None:
    """What the display's ``% where`` defines ``expr`` as, if anything.

    A definition of an entry with letters for indices (``a_k = f(h_k)``)
    holds for every entry.
    """
    if not isinstance(expr, (sympy.Symbol, Indexed)):
        return None
    if (key := _key(expr, scope)) in scope.defs:
        return scope.defs[key]
    if not isinstance(expr, Indexed):
        return None
    for key, right in scope.defs.items():
        left = parse_key(key)
        if (
            isinstance(left, Indexed)
            and left.base == expr.base
            and len(left.indices) == len(expr.indices)
            and all(i.is_Symbol for i in left.indices)
        ):
            return right.xreplace(dict(zip(left.indices, expr.indices, strict=True)))
    return None


def parse_key(key: str) -> sympy.Expr:
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
    if isinstance(expr, sympy.Piecewise):
        return _piecewise(expr, scope)
    if isinstance(expr, (sympy.Function, sympy.Max)) or expr.is_Function:
        return _function(str(expr.func), [_value(a, scope) for a in expr.args], scope)
    raise TypeError(f"cannot evaluate {expr} ({type(expr).__name__})")


def _symbol(expr: sympy.Expr, scope: Scope) -> object:
    key = _key(expr, scope)
    if key in scope.ints:
        return scope.ints[key]
    if key in scope.values:
        return scope.values[key]
    if (right := _definition(expr, scope)) is not None:
        scope.values[key] = evaluate(right, scope)
        return scope.values[key]
    return scope.draw(key, _shape(expr, scope))


def _shape(expr: sympy.Expr, scope: Scope) -> tuple[int, ...]:
    """Layer symbols are matrices: W^{[l]} (n_l, n_{l-1}); Z, A (n_l, m); b (n_l, 1)."""
    if not scope.layered:
        return ()
    base = str(expr.base) if isinstance(expr, Indexed) else str(expr)
    if base in ("X", "A") and not isinstance(expr, Indexed):
        return (LAYER_SIZES[0], EXAMPLES)
    if base == "x" and not isinstance(expr, Indexed):
        return (LAYER_SIZES[0], 1)
    if not isinstance(expr, Indexed) or len(expr.indices) != 1:
        return ()
    layer = _index(expr.indices[0], scope)
    if not isinstance(layer, int):
        raise TypeError(f"layer {layer} of {base} has no number; set it by % where")
    if base in ("W", "dW"):
        return (LAYER_SIZES[layer], LAYER_SIZES[layer - 1])
    if base in ("b", "db", "z", "a"):
        return (LAYER_SIZES[layer], 1)
    return (LAYER_SIZES[layer], EXAMPLES)


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
    plain = name.rstrip("'")
    base = scope.generic if plain in ("f", "g") else NAMED.get(plain, plain)
    if name == "max":
        return np.maximum(*args)
    if name.endswith("'"):
        return slope(base)(*args)
    return activation(base)(*args)
