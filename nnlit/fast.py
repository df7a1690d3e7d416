r"""The training core of chapter 6, made fast: same maths, less memory traffic.

:func:`train_fast` takes the arguments of :func:`nnlit.backprop.train` (plus
``dtype``) and returns the same things: the trained parameters and the
full-batch error after each epoch, equal to ``train``'s to about 1e-12 in float64.
It visits the minibatches in the same order and refuses the same bad input with
the same messages. What differs is how the arithmetic meets memory:

- every array a step needs is allocated once per batch size and then reused;
  ``np.matmul(..., out=)`` and in-place ufuncs write into it, so a step makes
  no temporaries the size of a layer;
- the activation is computed in place over :math:`W A + b`, and its derivative
  is read off the stored activation (:math:`\sigma' = a(1 - a)`,
  :math:`\tanh' = 1 - a^2`, ...), so no :math:`Z` is kept and no second ``exp``
  is taken;
- :math:`\eta / m` is applied once, to the output's error term, so every
  gradient comes out already scaled as the step it is;
- in full batch, the error after epoch :math:`e` is read off the forward pass of
  epoch :math:`e + 1`, which computes exactly that network on exactly those
  examples: the per-epoch error costs one extra forward pass in all;
- a minibatch is gathered as whole rows of the inputs stored one row per
  example, straight into its buffer;
- the element-wise work runs in cache-sized blocks of rows, so a large array
  crosses the memory bus once, not once per pass;
- in full batch, a team of one thread per core shares out the examples through
  the forward and backward passes, products included, and the rows of the
  weight gradients: each member runs its own products on one BLAS thread, so
  no BLAS thread sits spinning on a core the element-wise work needs (NumPy
  releases the GIL inside ufuncs and products, so the members run at once);
- ``dtype=np.float32`` trains in float32 from end to end: half the bytes to
  move, twice the numbers per SIMD instruction.
"""

# --8<-- [start:imports]
import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray
from threadpoolctl import ThreadpoolController

from nnlit.activations import LEAKY_SLOPE, get_activation, get_derivative
from nnlit.backprop import check_problem
from nnlit.checks import check_dtype, check_schedule, check_seed, stop_if_diverged
from nnlit.layers import (
    Layers,
    Params,
    weights_and_biases,
)

# --8<-- [end:imports]


# --8<-- [start:sigmoid]
def sigmoid_in_place(Z: NDArray, b: NDArray | None, tmp: NDArray) -> None:
    r"""Turn ``Z`` (holding :math:`W A`) into :math:`\sigma(W A + b)`, in place.

    Four passes over ``Z`` and no new array: :math:`1 / (1 + e^{-(z + b)})`.
    Where :math:`z + b < -709` (float64) ``exp`` overflows to infinity and the
    result is exactly 0, the correct limit; the caller silences that warning.
    """
    if b is None:
        np.negative(Z, out=Z)
    else:
        np.subtract(-b, Z, out=Z)  # -(z + b), one pass
    np.exp(Z, out=Z)
    Z += 1
    np.divide(1, Z, out=Z)  # the same quotient as np.reciprocal, in fewer cycles


def sigmoid_by_tanh_in_place(Z: NDArray, b: NDArray | None, tmp: NDArray) -> None:
    r""":func:`sigmoid_in_place` by :math:`\sigma(z) = (1 + \tanh(z / 2)) / 2`.

    For float32, where NumPy's ``tanh`` is cheaper than its ``exp`` (the speed
    bench prints both): four cheap passes and a ``tanh`` beat three and an
    ``exp``. Its error is within one float32 epsilon of the true value, as the
    ``exp`` formula's is; but near 0 it is that absolute error, not a relative
    one (far enough below 0 the result is exactly 0), which an error signal
    such as :math:`\hat y - y` does not notice.
    """
    if b is not None:
        Z += b
    Z *= 0.5
    np.tanh(Z, out=Z)
    Z *= 0.5
    Z += 0.5


def sigmoid_slope(dA: NDArray, A: NDArray, tmp: NDArray) -> None:
    r"""``dA *= sigmoid'(z)``, read off the stored value: :math:`\sigma' = a(1 - a)`."""
    np.subtract(1, A, out=tmp)
    tmp *= A
    dA *= tmp


# --8<-- [end:sigmoid]


# --8<-- [start:other_kernels]
Forward = Callable[[NDArray, NDArray | None, NDArray], None]  # (Z, b, tmp)
Slope = Callable[[NDArray, NDArray, NDArray], None]  # (dA, A, tmp)


class Kernels(NamedTuple):
    """An activation's two in-place kernels, named as in ``Activation``.

    Attributes
    ----------
    value : callable
        ``value(Z, b, tmp)`` turns ``Z`` (holding :math:`W A`) into
        :math:`g(W A + b)`; ``tmp`` is scratch of ``Z``'s shape.
    slope : callable
        ``slope(dA, A, tmp)`` multiplies ``dA`` by :math:`g'(z)`, read off the
        stored value ``A`` (or off ``tmp``, where ``value`` left it).
    keeps_tmp : bool
        Whether ``value`` leaves in ``tmp`` what ``slope`` reads: then ``tmp``
        is a layer's own array; otherwise it is scratch, one block's worth.
    """

    value: Forward
    slope: Slope
    keeps_tmp: bool = False


def tanh_in_place(Z: NDArray, b: NDArray | None, tmp: NDArray) -> None:
    r"""Turn ``Z`` (holding :math:`W A`) into :math:`\tanh(W A + b)`, in place."""
    if b is not None:
        Z += b
    np.tanh(Z, out=Z)


def tanh_slope(dA: NDArray, A: NDArray, tmp: NDArray) -> None:
    r"""``dA *= tanh'(z)``, read off the stored activation: :math:`1 - a^2`."""
    np.multiply(A, A, out=tmp)
    np.subtract(1, tmp, out=tmp)
    dA *= tmp


def relu_in_place(Z: NDArray, b: NDArray | None, tmp: NDArray) -> None:
    r"""Turn ``Z`` (holding :math:`W A`) into :math:`\max(0, W A + b)`, in place."""
    if b is not None:
        Z += b
    np.maximum(Z, 0, out=Z)


def relu_slope(dA: NDArray, A: NDArray, tmp: NDArray) -> None:
    """``dA *= relu'(z)``: :math:`a > 0` exactly where :math:`z > 0`."""
    np.greater(A, 0, out=tmp)  # 1.0 or 0.0
    dA *= tmp


def leaky_relu_in_place(Z: NDArray, b: NDArray | None, tmp: NDArray) -> None:
    r"""Turn ``Z`` (holding :math:`W A`) into leaky ReLU of :math:`W A + b`."""
    if b is not None:
        Z += b
    np.multiply(Z, LEAKY_SLOPE, out=tmp)
    np.maximum(Z, tmp, out=Z)


def leaky_relu_slope(dA: NDArray, A: NDArray, tmp: NDArray) -> None:
    r"""``dA *= leaky_relu'(z)``: the slope is 0.01 where :math:`a \le 0`."""
    np.multiply(dA, LEAKY_SLOPE, out=dA, where=A <= 0)  # a > 0 exactly where z > 0


def identity_in_place(Z: NDArray, b: NDArray | None, tmp: NDArray) -> None:
    """Add the bias: the identity's value is its input."""
    if b is not None:
        Z += b


def identity_slope(dA: NDArray, A: NDArray, tmp: NDArray) -> None:
    """Nothing to do: the identity's slope is 1."""


# Each activation: compute it in place, and multiply by its slope read off the
# value it computed. An activation of nnlit.activations.ACTIVATIONS missing here
# still trains, by the general fallback below.
KERNELS: dict[str, Kernels] = {
    "sigmoid": Kernels(sigmoid_in_place, sigmoid_slope),
    "tanh": Kernels(tanh_in_place, tanh_slope),
    "relu": Kernels(relu_in_place, relu_slope),
    "leaky_relu": Kernels(leaky_relu_in_place, leaky_relu_slope),
    "identity": Kernels(identity_in_place, identity_slope),
}


def fallback_kernels(name: str) -> Kernels:
    """Kernels for any activation of ``ACTIVATIONS``, from its value and derivative.

    The forward kernel stores the derivative in ``tmp`` beside the value, so the
    slope kernel only multiplies. Slower (each call allocates), never wrong.
    """
    g, g_prime = get_activation(name), get_derivative(name)

    def forward(Z: NDArray, b: NDArray | None, tmp: NDArray) -> None:
        if b is not None:
            Z += b
        tmp[...] = g_prime(Z)
        Z[...] = g(Z)

    def slope(dA: NDArray, A: NDArray, tmp: NDArray) -> None:
        dA *= tmp

    return Kernels(forward, slope, keeps_tmp=True)


# Faster kernels for one precision, where a cheaper formula is exact enough.
FLOAT32_KERNELS: dict[str, Kernels] = {
    "sigmoid": Kernels(sigmoid_by_tanh_in_place, sigmoid_slope),
}


def kernels_for(name: str, dtype: DTypeLike = np.float64) -> Kernels:
    """The in-place kernels of the activation called ``name``, for ``dtype``.

    Raises
    ------
    ValueError
        If ``name`` names no known activation; the message lists the valid names.
    """
    get_derivative(name)  # the clear error for an unknown name
    faster = FLOAT32_KERNELS.get(name) if np.dtype(dtype) == np.float32 else None
    return faster or KERNELS.get(name) or fallback_kernels(name)


# --8<-- [end:other_kernels]


# --8<-- [start:team]
@cache
def _threads() -> tuple[int, ThreadPoolExecutor | None, ThreadpoolController]:
    """How many cores there are, a pool for all but one, and the BLAS's controls."""
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity else os.cpu_count() or 1
    pool = ThreadPoolExecutor(cores - 1) if cores > 1 else None
    return cores, pool, ThreadpoolController()


# elements: below this, a second thread costs more than it saves (measured on
# two cores: a minibatch layer of a few hundred examples runs faster on one)
PARALLEL_FROM = 1 << 18
BLOCK = 1 << 17  # elements per block of rows: 1 MB of float64, about the L2 cache


def part_of(n: int, p: int, parts: int) -> slice:
    """Part ``p`` of ``range(n)`` cut into ``parts`` nearly equal parts."""
    return slice(p * n // parts, (p + 1) * n // parts)


class Team:
    """One thread per core, the caller among them, each doing a share of the work.

    A team for work on fewer than ``PARALLEL_FROM`` elements has one member:
    the caller does it all.
    """

    def __init__(self, size: int) -> None:
        """A team for work whose largest array has ``size`` elements."""
        cores, self.pool, self.blas = _threads()
        self.parts = cores if self.pool is not None and size >= PARALLEL_FROM else 1

    def share(self, n: int, work: Callable[[slice], None]) -> None:
        """Call ``work(part)`` on each member's part of ``range(n)``, all at once."""
        if self.parts == 1:  # the caller alone, as it is: nothing to hand out
            work(slice(0, n))
            return
        parts = [part_of(n, p, self.parts) for p in range(self.parts)]

        def quietly(part: slice) -> None:
            with np.errstate(all="ignore"):  # per thread; divergence is caught later
                work(part)

        others = [self.pool.submit(quietly, part) for part in parts[1:]]
        quietly(parts[0])
        for done in others:
            done.result()

    @contextmanager
    def own_products(self) -> Iterator["Team"]:
        """While inside, each member makes its products on its own thread alone.

        A BLAS that ran its own threads would leave them spinning after each
        product, waiting for the next, on the cores the element-wise work needs.
        """
        if self.parts == 1:
            yield self
            return
        with self.blas.limit(limits=1, user_api="blas"):
            yield self


def in_blocks(
    kernel: Callable, out: NDArray, other: NDArray | None, tmp: NDArray | None
) -> None:
    """Run ``kernel(out, other, tmp)`` on blocks of rows small enough to stay in cache.

    ``other`` (an input, or a bias column) and ``tmp`` have ``out``'s rows, or
    are ``None``; for a ``tmp`` of ``None`` each block gets scratch, one block's
    worth, made here. The arrays cross the memory bus once, not once a pass.
    """
    rows, cols = out.shape
    step = max(1, min(rows, BLOCK // cols))
    scratch = np.empty((step, cols), out.dtype) if tmp is None else None
    if step == rows:  # one block: no slicing
        kernel(out, other, scratch if tmp is None else tmp)
        return
    for r in range(0, rows, step):
        block, part = slice(r, r + step), out[r : r + step]
        kernel(
            part,
            None if other is None else other[block],
            scratch[: len(part)] if tmp is None else tmp[block],
        )


class Buffers:
    r"""Every array one step needs, for batches of ``k`` examples, made once.

    ``A[l]`` holds layer ``l``'s activation (``A[0]`` the input batch, when
    ``gather``: stored one row per example, so gathering copies whole rows;
    ``Y`` the batch's targets, likewise),
    ``dA[l]`` its gradient, turned in place into ``dZ`` and scaled
    by :math:`\eta / m`; ``tmp[l]`` keeps what a kernel that ``keeps_tmp``
    leaves for its slope (``None`` for the others: they take scratch from
    :func:`in_blocks`); ``dW[l]`` and ``db[l]`` are the steps; ``ones`` sums a
    ``dZ`` across columns with one matrix-vector product.
    """

    def __init__(
        self,
        layers: Layers,
        kernels: Sequence[Kernels],
        k: int,
        dtype: np.dtype,
        gather: bool,
    ) -> None:
        """Allocate the arrays for ``k`` examples of the network ``layers``."""

        def new(n: int, k: int = k) -> NDArray:
            return np.empty((n, k), dtype)

        sizes = [layers[0][0].shape[1], *(W.shape[0] for W, _ in layers)]
        rows = np.empty((k, sizes[0]), dtype) if gather else None  # one per example
        self.A = [None if rows is None else rows.T, *(new(n) for n in sizes[1:])]
        self.Y = np.empty((k, sizes[-1]), dtype).T if gather else None  # targets
        self.dA = [None, *(new(n) for n in sizes[1:])]
        pairs = zip(sizes[1:], kernels, strict=True)
        self.tmp = [None, *(new(n) if g.keeps_tmp else None for n, g in pairs)]
        self.dW = [None, *(new(n, n_prev) for n_prev, n in itertools.pairwise(sizes))]
        self.db = [None, *(new(n, 1) for n in sizes[1:])]
        self.ones = np.ones((k, 1), dtype)


# --8<-- [end:team]


# --8<-- [start:step]
ALL = slice(None)  # every example


def columns(a: NDArray | None, cols: slice) -> NDArray | None:
    """The columns ``cols`` of ``a``, or ``None`` for no array."""
    return None if a is None else a[:, cols]


def forward_in_place(
    buf: "Buffers",
    X: NDArray,
    layers: Layers,
    kernels: Sequence["Kernels"],
    cols: slice = ALL,
) -> None:
    """The forward pass into ``buf``: each layer's activation, no new array.

    ``layers`` is :func:`nnlit.layers.weights_and_biases` of the parameters;
    ``cols`` picks the examples (a team member's share), all by default.
    """
    A = X[:, cols]  # (n_0, k) for k examples
    for l, ((W, b), kernel) in enumerate(zip(layers, kernels, strict=True), start=1):
        Z = buf.A[l][:, cols]
        np.matmul(W, A, out=Z)  # (n_l, n_{l-1}) @ (n_{l-1}, k) -> (n_l, k)
        in_blocks(kernel.value, Z, b, columns(buf.tmp[l], cols))
        A = Z


def backward_in_place(
    buf: "Buffers",
    layers: Layers,
    kernels: Sequence["Kernels"],
    scale: float,
    cols: slice = ALL,
) -> None:
    r"""Turn ``buf.dA[L]`` (holding :math:`\hat Y - Y`) and below into each ``dZ``.

    ``scale`` is :math:`\eta / m`, applied once, here, at the output, so each
    ``dZ`` comes out scaled as its step. No weight changes here: every layer's
    gradient uses the weights before the step. ``cols`` as in
    :func:`forward_in_place`.
    """
    L = len(kernels)
    output = buf.dA[L][:, cols]
    output *= scale
    for l in range(L, 0, -1):
        dZ = buf.dA[l][:, cols]
        A, tmp = buf.A[l][:, cols], columns(buf.tmp[l], cols)
        in_blocks(kernels[l - 1].slope, dZ, A, tmp)
        if l > 1:  # dA of the layer below: (n_l, n_{l-1}).T @ (n_l, k)
            np.matmul(layers[l - 1][0].T, dZ, out=buf.dA[l - 1][:, cols])


def step_in_place(
    buf: "Buffers", X: NDArray, layers: Layers, member: int = 0, members: int = 1
) -> None:
    """``W -= dZ A_prev.T`` and ``b -= dZ 1``: one member's share of the rows."""
    for l, (W, b) in enumerate(layers, start=1):
        rows = part_of(W.shape[0], member, members)
        dZ, A_prev = buf.dA[l][rows], X if l == 1 else buf.A[l - 1]
        W_rows = W[rows]
        W_rows -= np.matmul(dZ, A_prev.T, out=buf.dW[l][rows])  # (n, k) @ (k, n_prev)
        if b is not None:
            b_rows = b[rows]
            b_rows -= np.matmul(dZ, buf.ones, out=buf.db[l][rows])  # sum over k


# --8<-- [end:step]


def _half_squared_error(buf: "Buffers", Y: NDArray, L: int) -> float:
    r"""Store :math:`\hat Y - Y` in ``buf.dA[L]``; return :math:`\frac1{2m}\sum`."""
    residual = buf.dA[L]
    np.subtract(buf.A[L], Y, out=residual)
    flat = residual.reshape(-1)
    return 0.5 * float(np.dot(flat, flat)) / Y.shape[1]


# --8<-- [start:train_fast]
def train_fast(
    X: ArrayLike,
    Y: ArrayLike,
    params: Params,
    g: str | Sequence[str],
    lr: float,
    epochs: int,
    batch_size: int | None = None,
    seed: int = 0,
    dtype: type = np.float64,
) -> tuple[Params, NDArray]:
    """:func:`nnlit.backprop.train`, fast: same arguments, results and errors.

    ``dtype`` (float64 or float32) is the precision of all the arithmetic; the
    parameters and errors come back in it.

    Raises
    ------
    FloatingPointError
        If the error stops being a finite number; the message names the epoch.
    """
    lr = check_schedule(lr, epochs, batch_size)
    X, Y, params, gs = check_problem(X, Y, params, g)  # as train checks them
    seed, dtype = check_seed(seed), check_dtype(dtype)
    if batch_size is None:
        X, Y = np.ascontiguousarray(X, dtype), np.ascontiguousarray(Y, dtype)
    else:  # stored one row per example, for gathering (see train_minibatches)
        X, Y = (np.ascontiguousarray(a.T, dtype).T for a in (X, Y))
    params = {key: np.array(value, dtype) for key, value in params.items()}
    kernels = [kernels_for(name, dtype) for name in gs]
    with np.errstate(all="ignore"):  # a diverging run is caught as in `train`
        if batch_size is None:
            losses = train_full_batch(X, Y, params, kernels, lr, epochs)
        else:
            rng = np.random.default_rng(seed)  # the same order of examples as train
            losses = train_minibatches(
                X, Y, params, kernels, lr, epochs, batch_size, rng
            )
    return params, np.array(losses, dtype)


# --8<-- [end:train_fast]


# --8<-- [start:full_batch]
def train_full_batch(
    X: NDArray,
    Y: NDArray,
    params: Params,
    kernels: Sequence["Kernels"],
    lr: float,
    epochs: int,
) -> list[float]:
    """Full-batch descent, updating ``params`` in place; the error after each epoch.

    The forward pass of epoch ``e + 1`` runs the network left by epoch ``e`` on
    all examples, so the error after epoch ``e`` is read off it for free. A
    team shares out the examples in the passes and the rows in the step.
    """
    layers, m, L = weights_and_biases(params), X.shape[1], len(kernels)
    buf, losses = Buffers(layers, kernels, m, X.dtype, gather=False), []
    team = Team(max(W.shape[0] for W, _ in layers) * m)

    def forward(share: slice) -> None:  # buf.A[L]: Y_hat, (n_L, m)
        forward_in_place(buf, X, layers, kernels, share)

    def backward(share: slice) -> None:
        backward_in_place(buf, layers, kernels, lr / m, share)

    def step(member: slice) -> None:  # member p's share of every layer's rows
        step_in_place(buf, X, layers, member.start, team.parts)

    with team.own_products():
        for epoch in range(1, epochs + 1):
            team.share(m, forward)
            if epoch > 1:  # leaves Y_hat - Y in buf.dA[L], as below
                record_error(buf, Y, losses, lr, params)
            else:
                np.subtract(buf.A[L], Y, out=buf.dA[L])  # (n_L, m)
            team.share(m, backward)
            team.share(team.parts, step)
        team.share(m, forward)  # the network after the last epoch
        record_error(buf, Y, losses, lr, params)
    return losses


def record_error(
    buf: "Buffers", Y: NDArray, losses: list[float], lr: float, params: Params
) -> None:
    r"""Append the error of the forward pass in ``buf``; raise if it diverged.

    Leaves :math:`\hat Y - Y` in ``buf.dA[L]``, ready for the backward pass.
    """
    losses.append(_half_squared_error(buf, Y, len(buf.dA) - 1))
    stop_if_diverged(losses, lr, params)


# --8<-- [end:full_batch]


# --8<-- [start:minibatches]
def train_minibatches(
    X: NDArray,
    Y: NDArray,
    params: Params,
    kernels: Sequence["Kernels"],
    lr: float,
    epochs: int,
    batch_size: int,
    rng: np.random.Generator,
) -> list[float]:
    """Minibatch descent, updating ``params`` in place; the error after each epoch.

    Each epoch visits the examples in the order ``rng.permutation`` draws, as
    :func:`nnlit.backprop.train` does; each batch is gathered into its buffers.
    """
    layers, m, L = weights_and_biases(params), X.shape[1], len(kernels)
    full, gathered, losses = Buffers(layers, kernels, m, X.dtype, False), {}, []
    # X and Y are stored one row per example: a minibatch is gathered as whole
    # rows, not scattered numbers from every row
    examples, targets = X.T, Y.T
    for _ in range(epochs):
        order = rng.permutation(m)
        for start in range(0, m, batch_size):
            batch = order[start : start + batch_size]  # k column indices
            k = len(batch)  # batch_size, or fewer in the last batch
            if k not in gathered:  # one set of buffers per batch size
                gathered[k] = Buffers(layers, kernels, k, X.dtype, gather=True)
            buf = gathered[k]
            # "clip": with the default mode, NumPy gathers into a temporary first
            np.take(examples, batch, axis=0, out=buf.A[0].T, mode="clip")
            forward_in_place(buf, buf.A[0], layers, kernels)  # buf.A[L]: (n_L, k)
            np.take(targets, batch, axis=0, out=buf.Y.T, mode="clip")
            np.subtract(buf.A[L], buf.Y, out=buf.dA[L])
            backward_in_place(buf, layers, kernels, lr / k)
            step_in_place(buf, buf.A[0], layers)
        forward_in_place(full, X, layers, kernels)  # the error on all m examples
        record_error(full, Y, losses, lr, params)
    return losses


# --8<-- [end:minibatches]
