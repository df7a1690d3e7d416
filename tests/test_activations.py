import math
import warnings

import numpy as np
import pytest

from nnlit.activations import ACTIVATIONS, get_activation, sigmoid


@pytest.mark.parametrize("z", [-745.0, -700.0, -30.0, -1.0, 0.0, 0.5, 30.0, 700.0])
def test_sigmoid_matches_the_formula_where_the_formula_is_safe(z):
    expected = 1 / (1 + math.exp(-z)) if z > -700 else math.exp(z)  # e^z/(1+e^z) ~ e^z
    assert sigmoid(np.float64(z)) == pytest.approx(expected, rel=1e-14, abs=0)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_is_finite_and_silent_far_from_zero(dtype):
    z = np.linspace(-1e4, 1e4, 20001, dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = sigmoid(z)
    assert a.dtype == dtype
    assert np.all((a >= 0) & (a <= 1))
    assert np.all(np.diff(a) >= 0)


def test_lookup_by_name_and_callable():
    assert get_activation("sigmoid") is sigmoid
    assert get_activation(np.tanh) is np.tanh
    assert set(ACTIVATIONS) >= {"sigmoid", "tanh", "relu", "leaky_relu"}


@pytest.mark.parametrize("name", ["Sigmoid", "", None, 3])
def test_unknown_name_raises_with_the_valid_names(name):
    with pytest.raises(ValueError, match="choose one of: identity, leaky_relu, relu"):
        get_activation(name)
