"""nnlit.fast.train_fast: the same results, checks and errors as chapter 6's train."""

import numpy as np
import pytest

from nnlit import activations, fast
from nnlit.backprop import train
from nnlit.fast import train_fast
from nnlit.layers import init_params


def network(sizes, seed, m, biases=True):
    rng = np.random.default_rng(seed)
    params = init_params(sizes, seed=seed)
    for key in list(params):
        if key.startswith("b"):
            if biases:
                params[key] = rng.normal(size=params[key].shape)
            else:
                del params[key]
    X, Y = rng.normal(size=(sizes[0], m)), rng.random(size=(sizes[-1], m))
    return params, X, Y


def assert_same(clear, quick, tol=1e-12):
    (p, losses), (q, fast_losses) = clear, quick
    assert list(p) == list(q)
    for key in p:
        assert q[key].shape == p[key].shape
        np.testing.assert_allclose(q[key], p[key], rtol=0, atol=tol, err_msg=key)
    np.testing.assert_allclose(fast_losses, losses, rtol=0, atol=tol)


CASES = [
    ([3, 5, 2], ["sigmoid", "sigmoid"]),
    ([4, 6, 5, 1], ["tanh", "relu", "sigmoid"]),
    ([2, 7, 3], ["leaky_relu", "identity"]),
    ([5, 4], ["tanh"]),
    ([3, 8, 8, 8, 2], ["relu", "tanh", "leaky_relu", "sigmoid"]),
]


@pytest.mark.parametrize(("sizes", "g"), CASES)
@pytest.mark.parametrize("batch_size", [None, 7, 40, 1000])
@pytest.mark.parametrize("biases", [True, False])
def test_fast_and_clear_agree_in_float64(sizes, g, batch_size, biases):
    params, X, Y = network(sizes, seed=len(sizes), m=40, biases=biases)
    arguments = (X, Y, params, g, 0.3, 25, batch_size, 5)
    assert_same(train(*arguments), train_fast(*arguments))


def test_large_arrays_take_the_threaded_path_and_still_agree():
    m = 2 * fast.PARALLEL_FROM // 16  # layers of 16 units: beyond the threshold
    params, X, Y = network([8, 16, 16, 3], seed=9, m=m)
    g = ["sigmoid", "tanh", "sigmoid"]
    assert 16 * m > fast.PARALLEL_FROM
    assert_same(train(X, Y, params, g, 0.5, 4), train_fast(X, Y, params, g, 0.5, 4))
    assert_same(
        train(X, Y, params, g, 0.5, 2, 1500, 3),
        train_fast(X, Y, params, g, 0.5, 2, 1500, 3),
    )


def test_a_single_activation_name_applies_to_every_layer():
    params, X, Y = network([3, 4, 2], seed=1, m=10)
    assert_same(
        train(X, Y, params, "tanh", 0.2, 10),
        train_fast(X, Y, params, "tanh", 0.2, 10),
    )


# one block of rows, and (64 units on 1 + BLOCK // 32 examples) three blocks
@pytest.mark.parametrize(("hidden", "m"), [(6, 30), (64, 1 + fast.BLOCK // 32)])
def test_an_activation_without_a_kernel_trains_by_the_fallback(monkeypatch, hidden, m):
    def softplus(z):
        return np.logaddexp(0, z)

    def softplus_prime(z):
        return activations.sigmoid(z)

    softplus_record = activations.Activation(softplus, softplus_prime)
    monkeypatch.setitem(activations.ACTIVATIONS, "softplus", softplus_record)
    assert "softplus" not in fast.KERNELS
    params, X, Y = network([3, hidden, 2], seed=2, m=m)
    g = ["softplus", "sigmoid"]
    for batch_size in (None, 8 if m < 100 else 1000):
        arguments = (X, Y, params, g, 0.3, 10 if m < 100 else 2, batch_size)
        assert_same(train(*arguments), train_fast(*arguments))


@pytest.mark.parametrize("batch_size", [None, 16])
def test_float32_end_to_end(batch_size):
    params, X, Y = network([4, 12, 6, 2], seed=3, m=64)
    g = ["tanh", "sigmoid", "sigmoid"]
    arguments = (X, Y, params, g, 0.5, 30, batch_size, 1)
    p32, losses32 = train_fast(*arguments, dtype=np.float32)
    p64, losses64 = train_fast(*arguments)
    assert losses32.dtype == np.float32
    assert all(value.dtype == np.float32 for value in p32.values())
    for key in p64:  # float32 keeps about 7 digits; 30 epochs lose a few ulps
        np.testing.assert_allclose(p32[key], p64[key], rtol=0, atol=1e-5)
    np.testing.assert_allclose(losses32, losses64, rtol=1e-5)
    assert not np.array_equal(p32["W1"].astype(np.float64), p64["W1"])


def test_float32_inputs_train_in_float64_unless_asked():
    params, X, Y = network([2, 3, 1], seed=4, m=8)
    X32 = X.astype(np.float32)
    p, losses = train_fast(X32, Y, params, "sigmoid", 0.1, 3)
    assert p["W1"].dtype == losses.dtype == np.float64


def test_starting_parameters_and_data_are_left_alone():
    params, X, Y = network([2, 5, 1], seed=6, m=20)
    before = [{k: v.copy() for k, v in params.items()}, X.copy(), Y.copy()]
    trained, _ = train_fast(X, Y, params, "sigmoid", 0.5, 3, batch_size=6)
    assert all(np.array_equal(before[0][k], params[k]) for k in params)
    assert np.array_equal(before[1], X)
    assert np.array_equal(before[2], Y)
    assert not any(np.shares_memory(trained[k], params[k]) for k in params)


def test_buffers_are_made_once_per_batch_size(monkeypatch):
    made = []
    original = fast.Buffers.__init__

    def counting(self, layers, kernels, k, dtype, gather):
        made.append((k, gather))
        original(self, layers, kernels, k, dtype, gather)

    monkeypatch.setattr(fast.Buffers, "__init__", counting)
    params, X, Y = network([3, 4, 1], seed=7, m=50)
    train_fast(X, Y, params, "sigmoid", 0.1, 6, batch_size=16)
    # batches of 16, 16, 16 and 2 each epoch, and one full-batch set for the error
    assert sorted(made) == [(2, True), (16, True), (50, False)]
    made.clear()
    train_fast(X, Y, params, "sigmoid", 0.1, 6)
    assert made == [(50, False)]


def test_divergence_names_the_same_epoch_as_train():
    X = np.random.default_rng(0).normal(size=(2, 50))
    arguments = (X, 100 * X[:1], init_params([2, 16, 1]), ["relu", "identity"], 5.0)
    for batch_size in (None, 10):
        with pytest.raises(FloatingPointError) as clear:
            train(*arguments, 100, batch_size)
        with pytest.raises(FloatingPointError) as quick:
            train_fast(*arguments, 100, batch_size)
        assert str(quick.value) == str(clear.value)
        assert str(quick.value).startswith("training diverged at epoch ")


@pytest.mark.parametrize("epochs", [1, 3])
@pytest.mark.parametrize("batch_size", [None, 2])
def test_a_non_finite_error_with_finite_weights_is_caught(epochs, batch_size):
    # The output is 1e160: finite, but its square overflows; the steps are tiny.
    params = {"W1": np.array([[1e80]]), "W2": np.array([[1e80]])}
    X, Y = np.ones((1, 3)), np.zeros((1, 3))
    arguments = (X, Y, params, "identity", 1e-300, epochs, batch_size)
    for trainer in (train, train_fast):  # (train's first check warns otherwise)
        with (
            np.errstate(over="ignore"),
            pytest.raises(FloatingPointError, match="epoch 1: the loss is not finite"),
        ):
            trainer(*arguments)


@pytest.mark.parametrize("dtype", [np.float16, np.int64, "complex128", "nonsense"])
def test_only_float32_and_float64_are_offered(dtype):
    params, X, Y = network([2, 3, 1], seed=8, m=4)
    with pytest.raises(ValueError, match=r"dtype must be np\.float32 or np\.float64"):
        train_fast(X, Y, params, "sigmoid", 0.1, 1, dtype=dtype)


@pytest.mark.parametrize("name", sorted(activations.ACTIVATIONS))
def test_each_kernel_computes_the_activation_and_its_slope(name):
    rng = np.random.default_rng(10)
    Z = rng.normal(scale=3, size=(4, 50))
    Z[0, :3] = [-800.0, 0.5, 800.0]  # sigmoid's exp overflows: the limit is exact
    b = rng.normal(size=(4, 1))
    g, kernels = activations.ACTIVATIONS[name], fast.KERNELS[name]
    A, tmp, dA = Z.copy(), np.empty_like(Z), rng.normal(size=Z.shape)
    with np.errstate(over="ignore"):
        kernels.value(A, b, tmp)
    np.testing.assert_allclose(A, g.value(Z + b), rtol=1e-15, atol=1e-300)
    expected = dA * g.slope(Z + b)
    # Read off a rounded value, 1 - a or 1 - a^2 is off by a few ulps of 1 where
    # a is near 1: an absolute error, relative to the size of dA.
    ulps_of_dA = 4 * np.finfo(float).eps * np.max(np.abs(dA))
    kernels.slope(dA, A, tmp)
    np.testing.assert_allclose(dA, expected, rtol=1e-14, atol=ulps_of_dA)


def test_every_activation_has_a_record_of_kernels():
    assert set(fast.KERNELS) == set(activations.ACTIVATIONS)
    assert all(isinstance(k, fast.Kernels) for k in fast.KERNELS.values())
    assert isinstance(fast.kernels_for("tanh"), fast.Kernels)


def test_the_float32_sigmoid_is_as_close_as_the_exp_formula():
    """Within one float32 epsilon of the true value, like 1 / (1 + exp(-z))."""
    z = np.linspace(-30, 30, 401 * 500, dtype=np.float32).reshape(401, -1)
    b = np.linspace(-2, 2, 401, dtype=np.float32)[:, None]
    exact = activations.sigmoid(z.astype(np.float64) + b)  # in float64
    kernels = fast.kernels_for("sigmoid", np.float32)
    assert kernels.value is fast.sigmoid_by_tanh_in_place
    assert fast.kernels_for("sigmoid", np.float64).value is fast.sigmoid_in_place
    errors = {}
    for kernel in (fast.sigmoid_in_place, fast.sigmoid_by_tanh_in_place):
        A = z.copy()
        with np.errstate(over="ignore"):
            kernel(A, b, np.empty_like(A))
        assert A.dtype == np.float32
        errors[kernel] = np.max(np.abs(A - exact))
    eps = np.finfo(np.float32).eps
    assert errors[fast.sigmoid_by_tanh_in_place] <= eps
    assert errors[fast.sigmoid_in_place] <= eps
