"""The benchmarks print and never assert, but they must still start."""

import os
import re
import subprocess
import sys

import pytest
from project import ROOT

BENCHES = sorted((ROOT / "bench").glob("*.py"))


@pytest.mark.parametrize("bench", BENCHES, ids=lambda path: path.name)
def test_a_bench_script_loads_its_helpers(bench):
    """Every import a bench needs resolves in a plain interpreter, as a user runs it.

    Loaded as a module, not as main: the import lines run, the bench does not.
    """
    load = f"import runpy; assert callable(runpy.run_path({str(bench)!r})['main'])"
    result = subprocess.run(
        [sys.executable, "-c", load],
        capture_output=True,
        text=True,
        timeout=60,
        env={key: value for key, value in os.environ.items() if key != "PYTHONPATH"},
    )
    assert result.returncode == 0, result.stderr


def test_the_speed_bench_explains_itself():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "train_speed.py"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "--quick" in result.stdout


@pytest.fixture(scope="module")
def speed_bench() -> dict:
    """The speed bench's functions, loaded as a module (its main does not run)."""
    import runpy

    return runpy.run_path(str(ROOT / "bench" / "train_speed.py"))


@pytest.mark.parametrize(
    ("batch", "m"), [(None, 20), (7, 20), (None, 60_000)], ids=["full", "mini", "team"]
)
def test_the_floor_is_every_product_the_fast_trainer_makes(speed_bench, batch, m):
    """Recorded from a real run: the products the bench counts, plus the bias sums.

    60,000 examples of 5 units are enough work for a team: its members' products
    are recorded with the thread that made each, and together they are the run's.
    """
    import numpy as np

    from nnlit.fast import Team, train_fast
    from nnlit.layers import init_params

    sizes, epochs = [6, 5, 4, 3], 2
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(sizes[0], m)), rng.random(size=(sizes[-1], m))
    start = init_params(sizes, seed=1)
    calls = speed_bench["record_products"](
        lambda: train_fast(X, Y, start, "sigmoid", 0.1, epochs, batch)
    )
    flops = {"products": 0, "bias sums": 0}
    threads = {thread for thread, *_ in calls}
    assert len(threads) == Team(max(sizes[1:]) * m).parts
    for _, a, b, out in calls:
        assert out is not None, "every product writes into a buffer"
        kind = "bias sums" if b.shape[1] == 1 else "products"
        flops[kind] += 2 * a.shape[0] * a.shape[1] * b.shape[1]
    assert flops["products"] == speed_bench["gemm_flops"](sizes, m, epochs, batch)
    # each epoch's steps sum every layer's dZ over all m examples, once
    assert flops["bias sums"] == 2 * sum(sizes[1:]) * m * epochs
    assert speed_bench["replay"](calls) > 0
    assert np.matmul is speed_bench["np"].matmul, "np.matmul is restored"


def test_the_core_type_is_set_or_unset_for_the_contenders_only(
    speed_bench, monkeypatch
):
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")
    environment = speed_bench["child_environment"]
    assert environment("inherit")[0]["OPENBLAS_CORETYPE"] == "Haswell"
    assert "OPENBLAS_CORETYPE" not in environment("default")[0]
    assert environment("SkylakeX")[0]["OPENBLAS_CORETYPE"] == "SkylakeX"
    assert os.environ["OPENBLAS_CORETYPE"] == "Haswell", "this process keeps its own"
    assert "OPENBLAS_CORETYPE=Haswell" in speed_bench["kernel_variables"](os.environ)


def test_each_process_reports_its_blas_and_kernel(speed_bench):
    """Once NumPy is loaded, threadpoolctl sees its BLAS and the kernel it picked."""
    (first, *_) = speed_bench["blas_in_use"]()
    assert ", kernel " in first
    assert first.endswith(" threads")


def test_the_floor_share_pairs_each_run_with_its_own_replay(speed_bench):
    """Each run is divided by the replay made beside it, never by another's."""
    pairs = [(2.0, 1.0), (4.0, 3.0), (1.0, 1.0)]  # shares 0.5, 0.75 and 1
    assert speed_bench["floor_share"](pairs) == 0.75
    # the best replay over the worst run would say 0.25; the medians, 0.5
    assert speed_bench["floor_share"]([(4.0, 1.0), (1.0, 1.0), (2.0, 2.0)]) == 1.0


def test_the_speed_bench_times_exp_and_tanh_for_each_dtype(speed_bench):
    """The line behind chapter 7's float32 sigmoid by tanh: four timings."""
    line = speed_bench["elementwise_speeds"]()
    found = re.findall(r"(exp|tanh) (float32|float64) (\d+\.\d+) ns", line)
    assert [(f, d) for f, d, _ in found] == [
        ("exp", "float32"),
        ("tanh", "float32"),
        ("exp", "float64"),
        ("tanh", "float64"),
    ]
    assert all(float(ns) > 0 for _, _, ns in found)
