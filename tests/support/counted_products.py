"""nnlit's own modules, rebuilt so that every ``@`` they compute is counted.

Each module's source is parsed, every ``A @ B`` becomes ``_counted(A, B)``, and
the result runs as a fresh module; names one counted module imports from
another are pointed at the counted copies. ``_counted`` adds the product's
multiply-adds (``p * q * r`` for ``(p, q) @ (q, r)``) to a tally and returns
``A @ B``. So the tally is what nnlit's code computes, not what a formula says.
"""

import ast
import importlib
import inspect
import types

import numpy as np


class Tally:
    """Multiply-adds and products computed so far."""

    def __init__(self) -> None:
        self.multiply_adds = 0
        self.products = 0

    def matmul(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """``a @ b``, counted."""
        result = a @ b
        inner = np.shape(a)[-1]
        self.multiply_adds += int(np.prod(np.shape(result))) * inner
        self.products += 1
        return result


class _CountMatmul(ast.NodeTransformer):
    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if not isinstance(node.op, ast.MatMult):
            return node
        call = ast.Call(ast.Name("_counted", ast.Load()), [node.left, node.right], [])
        return ast.copy_location(call, node)


def counted_modules(tally: Tally, *names: str) -> dict[str, types.ModuleType]:
    """Counted copies of the modules ``names`` (``"nnlit.layers"``, ...), in order.

    A module later in ``names`` sees the counted copies of the earlier ones in
    place of what it imported from them.
    """
    copies: dict[str, types.ModuleType] = {}
    for name in names:
        original = importlib.import_module(name)
        tree = _CountMatmul().visit(ast.parse(inspect.getsource(original)))
        module = types.ModuleType(f"counted_{name}")
        module.__dict__["_counted"] = tally.matmul
        code = compile(ast.fix_missing_locations(tree), original.__file__, "exec")
        exec(code, module.__dict__)  # nnlit's own source, rewritten
        for key, value in list(module.__dict__.items()):
            home = getattr(value, "__module__", None)
            if inspect.isfunction(value) and home in copies and home != name:
                module.__dict__[key] = getattr(copies[home], value.__name__)
        copies[name] = module
    return copies
