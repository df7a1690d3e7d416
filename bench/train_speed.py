"""Time nnlit's trainers against the source's loop, PyTorch CPU and scikit-learn.

    .venv/bin/python bench/train_speed.py [--quick] [--repeats N]
                                          [--coretype inherit|default|NAME]

Two tasks:

1. ``admissions``: the course's backpropagation exercise (chapter 6): the
   simulated admissions data prepared as the course does, 6-2-1 sigmoid network
   without biases, with the course's settings (``nnlit.course.BACKPROP``).
2. ``mlp``: a compute-bound network, ``nnlit.examples.SPEED_NETWORK`` (its sigmoid
   layers with biases, on as many random examples as it says), full batch and
   minibatches of 256, float64 and float32.

Contenders, each run in its own process, interleaved, repeated; the median time
of the training call is reported (after a short warm-up call in the same
process, except for the per-record loop, which has nothing to warm up):

- ``per-record``: the source's loop, ``nnlit.backprop.train_two_layer_per_record``
  (admissions only: on the MLP it would take hours, so it is skipped);
- ``nnlit clear``: ``nnlit.backprop.train``, the chapter's version;
- ``nnlit fast``: ``nnlit.fast.train_fast``, float64 and float32;
- ``torch``: PyTorch CPU, if installed, float64 and float32, the same maths
  written as a PyTorch user would (``F.linear``, ``torch.sigmoid``, autograd, the
  loss ``0.5 * sum((A_L - Y)**2) / m``, plain SGD, the same starting weights and
  minibatch order), so its weights are compared with nnlit's;
- ``sklearn``: ``MLPClassifier`` (logistic hidden layers, plain SGD), if
  installed: a loose peer, with a softmax output and cross-entropy loss, so its
  weights are not compared.

FLOPs counted: only the matrix products, for the nominal work of every
contender. For one step on ``k`` examples with layer sizes ``n_0..n_L``: the
forward pass ``2 k sum_l n_l n_{l-1}``, the weight gradients the same again, and
the gradients passed down (layers 2..L) ``2 k sum_{l>=2} n_l n_{l-1}``. Each
epoch's full-batch error adds one forward pass over all ``m`` examples (in full
batch it comes from the next step's forward pass, so only one extra in all).
GFLOP/s divides those by the median time; "% peak" divides by the GEMM peak of
this machine measured in the same run: large square ``matmul`` (2048 x 2048),
per dtype, in a process of its own at the start of every repeat, the best of
all its runs (a peak is what the machine can do, so a disturbed run must not
lower it).

The floor (MLP rows): the matrix products ``nnlit fast`` makes in the timed
run, recorded from a run of it (``np.matmul`` is wrapped to keep each call's
arrays: the same shapes, dtypes, strides and buffers) and made again alone,
one after another. Each ``nnlit fast`` process measures its own floor right
after its timed run, so that the two halves of a pair see the machine in the
same state (a shared machine drifts from second to second, and a floor taken
in a quiet moment against a trainer timed in a busy one, or the other way
round, would say more about the machine than about the trainer). "% floor" of
``nnlit fast`` is the median over the pairs of floor / run: what it spends
beyond the floor is everything that is not a product (activations, slopes,
gathering minibatches, Python). The floor row is the median floor, and the
other contenders' "% floor" divides it by their median time. The floor is
nnlit's own sequence of products, so "% peak" stays the yardstick of the
products themselves.

Kernels: every process reports the BLAS it loaded and the kernel it picked
(threadpoolctl), and the parent prints the variables that choose kernels or
threads. ``--coretype default`` unsets the core-type variables
(``OPENBLAS_CORETYPE`` and its kin) in the contenders' processes only, so that
each BLAS picks its kernels for this processor; ``--coretype NAME`` sets
``OPENBLAS_CORETYPE=NAME`` there; ``inherit`` (the default) changes nothing.

The ratios are contender time / nnlit fast time (same task and dtype): above 1,
nnlit is faster. Targets are printed, never asserted.
"""

import argparse
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from nnlit.course import BACKPROP
from nnlit.examples import SPEED_NETWORK
from nnlit.layers import layer_count

ROOT = Path(__file__).resolve().parent.parent
MLP_SIZES = list(SPEED_NETWORK["sizes"])
MLP_M = SPEED_NETWORK["examples"]
MLP_LR = SPEED_NETWORK["lr"]
# Variables that choose a BLAS's kernels or threads, or NumPy's and PyTorch's
# SIMD code paths: printed, since they change every time below.
KERNEL_VARIABLES = re.compile(
    r"(OPENBLAS|GOTO|MKL|BLIS)_\w+|OMP_NUM_THREADS|NPY_(DIS|EN)ABLE_CPU_FEATURES"
    r"|ATEN_CPU_CAPABILITY"
)
# The ones that pin a processor type, which ``--coretype default`` unsets.
CORETYPE_VARIABLES = (
    "OPENBLAS_CORETYPE",
    "MKL_ENABLE_INSTRUCTIONS",
    "MKL_DEBUG_CPU_TYPE",
    "BLIS_ARCH_TYPE",
)


# ---------------------------------------------------------------- the work


def admissions_problem() -> tuple:
    """The course's data, starting weights and settings (chapter 6)."""
    from nnlit.course import network_weights
    from nnlit.data import prepare, simulate_admissions

    data = prepare(simulate_admissions(), split_seed=BACKPROP.split_seed)
    start = network_weights(data.X.shape[0], BACKPROP.hidden, BACKPROP.seed)
    return data.X, data.y[None, :], start, BACKPROP.lr, BACKPROP.epochs


def mlp_problem(m: int) -> tuple:
    """Random inputs, one-hot targets, nnlit's starting weights."""
    from nnlit.layers import init_params

    rng = np.random.default_rng(1)
    X = rng.normal(size=(MLP_SIZES[0], m))
    Y = np.eye(MLP_SIZES[-1])[:, rng.integers(0, MLP_SIZES[-1], m)]
    return X, Y, init_params(MLP_SIZES, seed=0), MLP_LR


def gemm_flops(sizes: list[int], m: int, epochs: int, batch: int | None) -> float:
    """Matrix-product FLOPs of a training run, as the docstring counts them."""
    forward = sum(a * b for a, b in itertools.pairwise(sizes))
    down = sum(a * b for a, b in itertools.pairwise(sizes[1:]))
    step = 2 * (2 * forward + down)  # per example
    error = 2 * forward * m * (1 if batch is None else epochs)
    return step * m * epochs + error


def run_nnlit(trainer: str, X, Y, start, g, lr, epochs, batch, dtype) -> tuple:
    """Train with nnlit's clear or fast trainer; the weights and the errors."""
    if trainer == "clear":
        from nnlit.backprop import train

        X, Y = X.astype(dtype), Y.astype(dtype)
        start = {k: v.astype(dtype) for k, v in start.items()}
        return lambda e: train(X, Y, start, g, lr, e, batch, 0)
    from nnlit.fast import train_fast

    return lambda e: train_fast(X, Y, start, g, lr, e, batch, 0, dtype)


def run_torch(X, Y, start, lr, batch, dtype) -> tuple:
    """The same maths in PyTorch: F.linear, sigmoid, autograd, plain SGD."""
    import torch
    import torch.nn.functional as F

    tdtype = {np.float32: torch.float32, np.float64: torch.float64}[dtype]
    Xt = torch.tensor(np.ascontiguousarray(X.T), dtype=tdtype)  # (m, n_0): rows
    Yt = torch.tensor(np.ascontiguousarray(Y.T), dtype=tdtype)
    L, m = layer_count(start), X.shape[1]

    def forward(params, A):
        for l in range(1, L + 1):
            A = torch.sigmoid(F.linear(A, params[f"W{l}"], params.get(f"b{l}")))
        return A

    def half_mse(A, Yb):
        return 0.5 * ((A - Yb) ** 2).sum() / A.shape[0]

    def train(epochs):
        params = {
            k: torch.tensor(v[:, 0] if k.startswith("b") else v, dtype=tdtype)
            for k, v in start.items()
        }
        for p in params.values():
            p.requires_grad_(True)
        rng, losses = np.random.default_rng(0), []

        def step(A, Yb):
            loss = half_mse(forward(params, A), Yb)
            loss.backward()
            with torch.no_grad():
                for p in params.values():
                    p -= lr * p.grad
                    p.grad = None
            return loss.detach()

        for epoch in range(epochs):
            if batch is None:  # the loss before this step is the last epoch's
                loss = step(Xt, Yt)
                if epoch:
                    losses.append(float(loss))
                continue
            order = torch.from_numpy(rng.permutation(m))
            for s in range(0, m, batch):
                rows = order[s : s + batch]
                step(Xt[rows], Yt[rows])
            with torch.no_grad():
                losses.append(float(half_mse(forward(params, Xt), Yt)))
        if batch is None:
            with torch.no_grad():
                losses.append(float(half_mse(forward(params, Xt), Yt)))
        out = {k: v.detach().numpy() for k, v in params.items()}
        return {k: v[:, None] if k.startswith("b") else v for k, v in out.items()}, (
            np.array(losses)
        )

    return train


def run_sklearn(X, Y, start, lr, batch, dtype, hidden) -> tuple:
    """scikit-learn's MLPClassifier with logistic hidden layers and plain SGD."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    Xs, labels = np.ascontiguousarray(X.T, dtype), np.argmax(Y, axis=0)
    if Y.shape[0] == 1:
        labels = (Y[0] > 0.5).astype(int)

    def train(epochs):
        model = MLPClassifier(
            hidden_layer_sizes=hidden,
            activation="logistic",
            solver="sgd",
            alpha=0.0,
            batch_size=batch or Xs.shape[0],
            learning_rate_init=lr,
            momentum=0.0,
            nesterovs_momentum=False,
            max_iter=epochs,
            shuffle=batch is not None,
            tol=0.0,
            n_iter_no_change=epochs + 1,
            random_state=0,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(Xs, labels)
        return None, np.array(model.loss_curve_)

    return train


def record_products(train: Callable[[], object]) -> list[tuple]:
    """Run ``train()`` once; return every matrix product it made, in order.

    nnlit.fast makes each product with ``np.matmul``: each call's operands and
    output are kept (the very arrays: the same shapes, dtypes, strides and
    transposes, the same buffers), with the thread that made it, so that the
    products can be made again alone, as they were made.
    """
    calls, matmul = [], np.matmul

    def recording(a, b, /, out=None):
        calls.append((threading.get_ident(), a, b, out))
        return matmul(a, b, out=out)

    np.matmul = recording
    try:
        train()
    finally:
        np.matmul = matmul
    return calls


def replay(calls: list[tuple]) -> float:
    """Make the recorded products again, and nothing else; the seconds.

    Products made on one thread are made again in order. Products a team made,
    each member on its own thread with a one-thread BLAS, are made again the
    same way: each member's in order, all members at once, the BLAS on one
    thread each (with no waiting between passes, so this floor is if anything
    a little low).
    """
    by_thread: dict[int, list[tuple]] = {}
    for thread, *call in calls:
        by_thread.setdefault(thread, []).append(call)

    def make(products: list[tuple]) -> None:
        for a, b, out in products:
            np.matmul(a, b, out=out)

    if len(by_thread) <= 1:
        t0 = time.perf_counter()
        make(next(iter(by_thread.values()), []))
        return time.perf_counter() - t0
    with threadpool_limits(limits=1, user_api="blas"):
        workers = [threading.Thread(target=make, args=(products,))
                   for products in by_thread.values()]  # fmt: skip
        t0 = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return time.perf_counter() - t0


def elementwise_speeds() -> str:
    """NumPy's ``exp`` and ``tanh`` per number, each dtype, on an array in cache.

    ``train_fast`` takes the float32 sigmoid by ``tanh`` because it is the
    cheaper there; this line shows whether it is on this machine.
    """
    speeds = []
    for dtype in (np.float32, np.float64):
        x = np.linspace(-4, 4, 1 << 15, dtype=dtype)
        out = np.empty_like(x)
        for f in (np.exp, np.tanh):
            times = []
            for _ in range(7):
                t0 = time.perf_counter()
                for _ in range(20):
                    f(x, out=out)
                times.append((time.perf_counter() - t0) / 20)
            ns = min(times) / x.size * 1e9  # the best: what the function can do
            speeds.append(f"{f.__name__} {dtype.__name__} {ns:.2f} ns")
    return ", ".join(speeds)


def floor_share(pairs: list[tuple[float, float]]) -> float:
    """The median over (run, floor) pairs of floor / run: the share of the floor."""
    return statistics.median(floor / run for run, floor in pairs)


def blas_in_use() -> list[str]:
    """Each BLAS loaded in this process: library, version, kernel, threads."""
    return [
        f"{i['internal_api']} {i['version']}, kernel {i.get('architecture')},"
        f" {i['num_threads']} threads"
        for i in threadpool_info()
        if i["user_api"] == "blas"
    ]


def torch_info() -> str:
    """PyTorch's version, threads, SIMD level and BLAS, as it reports them."""
    import torch

    blas = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    return (
        f"{torch.__version__}, {torch.get_num_threads()} threads,"
        f" CPU capability {torch.backends.cpu.get_cpu_capability()},"
        f" BLAS {blas.group(1) if blas else 'unknown'}"
    )


def child(task: str, contender: str, dtype_name: str, args: dict) -> dict:
    """Run one contender once in this process; what it measured and ran on."""
    result = measure(task, contender, dtype_name, args)
    return {**result, "blas": blas_in_use()}  # after the contender's imports


def measure(task: str, contender: str, dtype_name: str, args: dict) -> dict:
    """Run one contender once in this process; time its training call."""
    dtype = {"float32": np.float32, "float64": np.float64}[dtype_name]
    if contender == "peak":
        n = 2048
        a, b = (np.random.default_rng(s).random((n, n)).astype(dtype) for s in (0, 1))
        c = np.empty_like(a)
        np.matmul(a, b, out=c)
        times = []
        for _ in range(args["peak_repeats"]):
            t0 = time.perf_counter()
            np.matmul(a, b, out=c)
            times.append(time.perf_counter() - t0)
        return {"gflops": 2 * n**3 / min(times) / 1e9}  # a peak: the best run
    batch, epochs, warm = args["batch"], args["epochs"], args["warmup_epochs"]
    if task == "admissions":
        X, Y, start, lr, _ = admissions_problem()
        g, hidden = "sigmoid", (BACKPROP.hidden,)
    else:
        X, Y, start, lr = mlp_problem(args["m"])
        g, hidden = "sigmoid", tuple(MLP_SIZES[1:-1])
    info = {}
    if contender == "per-record":
        from nnlit.backprop import train_two_layer_per_record

        def train(e):
            W1, w2, losses = train_two_layer_per_record(
                X, Y[0], start["W1"], start["W2"][0], lr, e
            )
            return {"W1": W1, "W2": w2[None, :]}, losses / 2

        warm = 0
    elif contender.startswith("nnlit"):
        train = run_nnlit(
            contender.split()[1], X, Y, start, g, lr, epochs, batch, dtype
        )
    elif contender == "torch":
        info["torch"] = torch_info()
        train = run_torch(X, Y, start, lr, batch, dtype)
    else:
        import sklearn

        info["sklearn"] = sklearn.__version__
        train = run_sklearn(X, Y, start, lr, batch, dtype, hidden)
    if warm:
        train(warm)
    t0 = time.perf_counter()
    params, losses = train(epochs)
    seconds = time.perf_counter() - t0
    if params is not None:
        np.savez(args["out"], **{k: np.asarray(v) for k, v in params.items()})
    if contender == "nnlit fast" and task == "mlp":  # its floor, right after
        calls = record_products(lambda: train(epochs))
        info |= {"floor": replay(calls), "products": len(calls)}
    return {"seconds": seconds, "final_loss": float(losses[-1]), **info}


# ---------------------------------------------------------------- the driver


def available(module: str) -> bool:
    """Whether ``module`` can be imported by this Python, without importing it."""
    from importlib.util import find_spec

    return find_spec(module) is not None


def plan(quick: bool) -> tuple[list[dict], list[str]]:
    """Every (task, contender, dtype, settings) to run, and what was skipped."""
    skipped = ["per-record on the MLP: one record at a time would take hours"]
    has = {name: available(name) for name in ("torch", "sklearn")}
    for name, ok in has.items():
        if not ok:
            skipped.append(f"{name}: not installed (see bench/README.md)")
    m = 4_000 if quick else MLP_M
    runs = []
    for dt in ("float64", "float32"):
        runs.append({"task": "peak", "contender": "peak", "dtype": dt})
    adm = {"task": "admissions", "batch": None, "epochs": BACKPROP.epochs, "m": 0}
    optional = [c for c in ("torch", "sklearn") if has[c]]
    contenders = [("per-record", "float64"), ("nnlit clear", "float64")]
    contenders += [("nnlit fast", "float64"), ("nnlit fast", "float32")]
    contenders += [(c, d) for c in optional for d in ("float64", "float32")]
    for contender, dt in contenders:
        runs.append({**adm, "contender": contender, "dtype": dt, "warmup_epochs": 20})
    for batch, epochs in ((None, 2 if quick else 4), (256, 1 if quick else 2)):
        base = {"task": "mlp", "batch": batch, "epochs": epochs, "m": m}
        for dt in ("float64", "float32"):
            # the clear version in float64 only: one row is enough to show the gap
            clear = ["nnlit clear"] if dt == "float64" else []
            for contender in ["nnlit fast", *clear, *optional]:
                runs.append({**base, "contender": contender, "dtype": dt})
                runs[-1]["warmup_epochs"] = 1
    return runs, skipped


def key(run: dict) -> tuple:
    """What identifies a row of the report."""
    return (run["task"], run.get("batch"), run["dtype"], run["contender"])


def child_environment(coretype: str) -> tuple[dict, str]:
    """The contenders' environment, and what it does with the core type.

    ``inherit`` leaves it as it is; ``default`` unsets every variable that pins
    a processor type, so that each BLAS picks its kernels for this processor;
    any other value is an OpenBLAS core type (``Haswell``, ``SkylakeX``, ...).
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    if coretype == "default":
        for name in CORETYPE_VARIABLES:
            env.pop(name, None)
        return env, "unset in the contenders' processes (--coretype default)"
    if coretype != "inherit":
        env["OPENBLAS_CORETYPE"] = coretype
        return env, f"OPENBLAS_CORETYPE={coretype} in the contenders' processes"
    return env, "the contenders inherit this environment (--coretype inherit)"


def kernel_variables(env: dict) -> str:
    """The variables of ``env`` that choose kernels or threads, or "none"."""
    found = [f"{k}={v}" for k, v in sorted(env.items()) if KERNEL_VARIABLES.match(k)]
    return ", ".join(found) or "none"


def main() -> None:
    """Run every contender, interleaved, and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small and short")
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument(
        "--coretype",
        default="inherit",
        metavar="{inherit,default,NAME}",
        help="the BLAS core type of the contenders' processes: inherit this"
        " environment's (the default), unset it so each BLAS picks its own"
        " kernels (default), or set OPENBLAS_CORETYPE=NAME",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        run = json.loads(options.child)
        print(json.dumps(child(run["task"], run["contender"], run["dtype"], run)))
        return
    repeats = options.repeats or (1 if options.quick else 3)
    runs, skipped = plan(options.quick)
    results: dict[tuple, list[dict]] = {}
    env, coretype = child_environment(options.coretype)
    print(f"python {sys.version.split()[0]}, numpy {np.__version__},"
          f" {os.cpu_count()} cores; {repeats} repeat(s), interleaved")  # fmt: skip
    print(f"BLAS of this process: {'; '.join(blas_in_use())}")
    print(f"kernel variables here: {kernel_variables(os.environ)}")
    print(f"core type: {coretype}; theirs: {kernel_variables(env)}")
    print(f"NumPy per number, in cache: {elementwise_speeds()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(repeats):
            for i, run in enumerate(runs):
                out = Path(tmp) / f"{i}-{r}.npz"
                spec = {**run, "out": str(out), "peak_repeats": 10}
                done = subprocess.run(
                    [sys.executable, __file__, "--child", json.dumps(spec)],
                    capture_output=True,
                    text=True,
                    env=env,
                    cwd=ROOT,
                )
                if done.returncode != 0:
                    sys.exit(f"{key(run)} failed:\n{done.stderr}")
                result = json.loads(done.stdout.strip().splitlines()[-1])
                if out.exists():
                    with np.load(out) as weights:
                        result["weights"] = dict(weights)
                results.setdefault(key(run), []).append(result)
            print(f"repeat {r + 1}/{repeats} done", flush=True)
    add_floors(results)
    report(runs, results, skipped)


def add_floors(results: dict) -> None:
    """The floor rows: the replay each ``nnlit fast`` process made after its run."""
    for k in [k for k in results if k[0] == "mlp" and k[3] == "nnlit fast"]:
        results[(*k[:3], "floor")] = [
            {
                "pairs": [(r["seconds"], r["floor"])],
                "products": r["products"],
                "blas": r["blas"],
            }
            for r in results[k]
        ]


def seconds(results: dict, k: tuple) -> float:
    """The time of one row: the median of its runs (for the floor, of its replays)."""
    if k[3] == "floor":
        return statistics.median(f for x in results[k] for _, f in x["pairs"])
    return statistics.median(x["seconds"] for x in results[k])


def paired_share(results: dict, group: tuple) -> float:
    """The share of its floor nnlit fast reaches, over every pair of the floor's."""
    return floor_share([p for x in results[(*group, "floor")] for p in x["pairs"]])


def verdict(ok: bool) -> str:
    """How a target or a check came out."""
    return "met" if ok else "missed"


def print_table(runs: list[dict], results: dict, peak: dict, group: tuple) -> None:
    """One table: every contender of one task, batch size and dtype."""
    task, batch, dt = group
    run = next(r for r in runs if (r["task"], r.get("batch")) == (task, batch))
    sizes = [6, BACKPROP.hidden, 1] if task == "admissions" else MLP_SIZES
    m = 360 if task == "admissions" else run["m"]
    flops = gemm_flops(sizes, m, run["epochs"], batch)
    where = "full batch" if batch is None else f"minibatch {batch}"
    print(f"\n{task}, {where}, {dt}: {m} examples, {run['epochs']} epochs, "
          f"{flops / 1e9:.3g} GFLOP of matrix products")  # fmt: skip
    floor = (*group, "floor") in results
    print(f"  {'contender':<12} {'seconds':>10} {'GFLOP/s':>9} {'% peak':>7}"
          f"{'% floor' if floor else '':>8} {'÷ nnlit':>8}")  # fmt: skip
    fast = seconds(results, (*group, "nnlit fast"))
    least = seconds(results, (*group, "floor")) if floor else 0
    for k in results:
        if k[:3] == group:
            s = seconds(results, k)
            rate = flops / s / 1e9
            share = ""
            if floor:
                paired = k[3] == "nnlit fast"
                ratio = paired_share(results, group) if paired else least / s
                share = f"{100 * ratio:.1f}%"
            print(f"  {k[3]:<12} {s:>10.4f} {rate:>9.2f} {100 * rate / peak[dt]:>6.1f}%"
                  f"{share:>8} {s / fast:>8.2f}")  # fmt: skip
    if floor:
        floors = results[(*group, "floor")]
        products, pairs = floors[0]["products"], sum(len(x["pairs"]) for x in floors)
        runs = [run for x in floors for run, _ in x["pairs"]]
        print(f"  (floor: nnlit fast's {products} matrix products alone, the median"
              f" of its processes; nnlit fast's % floor: the median of {pairs} pairs"
              f" of a run and, right after it, its products, in one process (runs"
              f" {min(runs):.4f}-{max(runs):.4f} s); the others': the floor's"
              " median / theirs)")  # fmt: skip


def weight_checks() -> list[tuple]:
    """Pairs that do the same maths, and how close their weights must be.

    nnlit's two trainers and the per-record loop: 1e-12, as the tests demand.
    PyTorch in float64 sums in other orders: rounding of 1e-16 per operation,
    grown over a short run, stays far below 1e-10. In float32 (7 digits), 1e-4.
    """
    adm, fast = ("admissions", None), "nnlit fast"
    pairs = [
        ((*adm, "float64", "per-record"), (*adm, "float64", fast), 1e-12),
        ((*adm, "float64", "nnlit clear"), (*adm, "float64", fast), 1e-12),
        ((*adm, "float64", "torch"), (*adm, "float64", fast), 1e-10),
        ((*adm, "float32", "torch"), (*adm, "float32", fast), 1e-4),
        ((*adm, "float32", fast), (*adm, "float64", fast), 1e-4),
    ]
    for batch in (None, 256):
        mlp = ("mlp", batch)
        pairs += [
            ((*mlp, "float64", "nnlit clear"), (*mlp, "float64", fast), 1e-12),
            ((*mlp, "float64", "torch"), (*mlp, "float64", fast), 1e-10),
            ((*mlp, "float32", "torch"), (*mlp, "float32", fast), 1e-4),
            ((*mlp, "float32", fast), (*mlp, "float64", fast), 1e-4),
        ]
    return pairs


def report(runs: list[dict], results: dict, skipped: list[str]) -> None:
    """Print the kernels, the tables, the weight checks and the targets."""
    peak = {
        dt: max(r["gflops"] for r in results[("peak", None, dt, "peak")])
        for dt in ("float64", "float32")
    }
    print("\nBLAS of the contenders (threadpoolctl, as each process reported it):")
    used: dict[str, list[str]] = {}
    for k, rs in results.items():
        for blas in {b for r in rs for b in r["blas"]}:
            who = used.setdefault(blas, [])
            who += [] if k[3] in who else [k[3]]
    for blas, who in used.items():
        print(f"  {blas}: {', '.join(who)}")
    print(f"GEMM peak (2048x2048 matmul, best of all runs):"
          f" float64 {peak['float64']:.1f} GFLOP/s,"
          f" float32 {peak['float32']:.1f} GFLOP/s")  # fmt: skip
    for name in ("torch", "sklearn"):
        used_by = {v[name] for rs in results.values() for v in rs if name in v}
        if used_by:
            print(f"{name}: {', '.join(sorted(used_by))} (defaults; nothing set)")
    groups = []
    for run in runs:
        group = (run["task"], run.get("batch"), run["dtype"])
        if run["task"] != "peak" and group not in groups:
            groups.append(group)
    for group in groups:
        print_table(runs, results, peak, group)
    print("\nSame weights where the maths is the same (max |difference|):")
    for a, b, tol in weight_checks():
        if a in results and b in results:
            wa, wb = results[a][0]["weights"], results[b][0]["weights"]
            diff = max(float(np.max(np.abs(wa[k] - wb[k].astype(float)))) for k in wb)
            same = "ok" if diff <= tol else "DIFFERENT"
            print(f"  {a[0]}, batch {a[1] or 'full'}: {a[3]} {a[2]} vs {b[3]} {b[2]}:"
                  f" {diff:.2e}, {same} at {tol:g}")  # fmt: skip
    if any(k[3] == "sklearn" for k in results):
        print("  sklearn: softmax output and cross-entropy loss, so not compared")
    print_targets(results)
    print("\nSkipped: " + "; ".join(skipped))


def print_targets(results: dict) -> None:
    """Whether nnlit fast met its targets in this run (printed, never asserted)."""
    print("\nTargets (printed, never asserted):")
    t = {k: seconds(results, k) for k in results if k[0] != "peak"}
    adm = ("admissions", None, "float64")
    if (*adm, "per-record") in t:
        x = t[(*adm, "per-record")] / t[(*adm, "nnlit fast")]
        print(f"  nnlit >= 100x the per-record loop: {x:.0f}x, {verdict(x >= 100)}")
    for batch in (None, 256):
        for dt in ("float64", "float32"):
            if ("mlp", batch, dt, "torch") in t:
                x = t[("mlp", batch, dt, "torch")] / t[("mlp", batch, dt, "nnlit fast")]
                print(f"  nnlit >= 1.0x PyTorch, MLP, batch {batch or 'full'},"
                      f" {dt}: {x:.2f}x, {verdict(x >= 1.0)}")  # fmt: skip
    for batch, need in ((None, 0.85), (256, 0.75)):
        for dt in ("float64", "float32"):
            mlp = ("mlp", batch, dt)
            share = paired_share(results, mlp)
            print(f"  nnlit >= {100 * need:.0f}% of its products' floor, MLP,"
                  f" batch {batch or 'full'}, {dt}: {100 * share:.1f}%,"
                  f" {verdict(share >= need)}")  # fmt: skip


if __name__ == "__main__":
    main()
