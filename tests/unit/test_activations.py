"""Activations against independent references: SymPy, mpmath, finite differences."""

import math
import warnings

import mpmath
import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnlit.activations import (
    ACTIVATIONS,
    LEAKY_SLOPE,
    Activation,
    get_activation,
    get_derivative,
)

NAMES = ["sigmoid", "tanh", "relu", "leaky_relu", "identity"]
SMOOTH = ["sigmoid", "tanh"]
FLOATS = [np.float32, np.float64]

z_ = sympy.Symbol("z", real=True)
SYMBOLIC = {  # the formulas as the chapter writes them
    "sigmoid": 1 / (1 + sympy.exp(-z_)),
    "tanh": (sympy.exp(z_) - sympy.exp(-z_)) / (sympy.exp(z_) + sympy.exp(-z_)),
    "relu": sympy.Max(0, z_),
    "leaky_relu": sympy.Max(sympy.Rational(1, 100) * z_, z_),
    "identity": z_,
}
mpmath.mp.dps = 50
MP = {  # 50-digit references
    "sigmoid": lambda z: 1 / (1 + mpmath.exp(-z)),
    "tanh": mpmath.tanh,
    "sigmoid_prime": lambda z: mpmath.exp(-z) / (1 + mpmath.exp(-z)) ** 2,
    "tanh_prime": lambda z: 1 / mpmath.cosh(z) ** 2,
}


def ulps(actual: np.ndarray, exact: list, dtype) -> np.ndarray:
    """Error of ``actual`` in units of the last place of the exact values."""
    exact = np.array([float(e) for e in exact])
    spacing = np.spacing(np.abs(exact).astype(dtype)).astype(np.float64)
    return np.abs(actual.astype(np.float64) - exact) / np.maximum(
        spacing, np.finfo(dtype).smallest_subnormal
    )


@pytest.mark.parametrize("name", NAMES)
def test_derivative_matches_sympy(name):
    g, g_prime = ACTIVATIONS[name]
    # Evaluated in 50-digit arithmetic: in floats the formulas themselves cancel.
    value = sympy.lambdify(z_, SYMBOLIC[name], "mpmath")
    slope = sympy.lambdify(z_, sympy.diff(SYMBOLIC[name], z_), "mpmath")
    for z in np.linspace(-8, 8, 161):
        if abs(z) < 1e-9:
            continue  # ReLU's kink: the derivative there is a convention
        exact = mpmath.mpf(float(z))
        assert g(z) == pytest.approx(float(value(exact)), rel=1e-15, abs=1e-300)
        assert g_prime(z) == pytest.approx(float(slope(exact)), rel=1e-15, abs=1e-300)


def test_derivation_steps_hold_symbolically():
    sigma = SYMBOLIC["sigmoid"]
    assert sympy.simplify(sympy.diff(sigma, z_) - sigma * (1 - sigma)) == 0
    t = SYMBOLIC["tanh"]
    assert sympy.simplify(sympy.diff(t, z_) - (1 - t**2)) == 0
    assert sympy.simplify(t - (2 * sigma.subs(z_, 2 * z_) - 1)) == 0


@pytest.mark.parametrize("name", NAMES)
def test_derivative_matches_central_differences(name):
    g, g_prime = ACTIVATIONS[name]
    z = np.linspace(-6, 6, 1201)
    z = z[np.abs(z) > 1e-3]
    h = 1e-6
    np.testing.assert_allclose(
        (g(z + h) - g(z - h)) / (2 * h), g_prime(z), rtol=1e-7, atol=1e-9
    )


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("name", ["sigmoid", "tanh", "sigmoid_prime", "tanh_prime"])
def test_values_within_a_few_ulp_of_50_digit_reference(name, dtype):
    base, prime = name.removesuffix("_prime"), name.endswith("_prime")
    f = ACTIVATIONS[base].slope if prime else ACTIVATIONS[base].value
    limit = 80.0 if dtype is np.float32 else 700.0  # beyond, the true values underflow
    z = np.concatenate(
        [np.linspace(-limit, limit, 2001), np.geomspace(1e-8, 1, 50)]
    ).astype(dtype)
    exact = [MP[name](mpmath.mpf(float(v))) for v in z]
    assert np.max(ulps(f(z), exact, dtype)) <= 4


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("name", NAMES)
def test_finite_and_silent_on_a_wide_range(name, dtype):
    z = np.linspace(-1e4, 1e4, 20001).astype(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for f in ACTIVATIONS[name]:
            out = f(z)
            assert out.dtype == dtype
            assert np.all(np.isfinite(out))


@given(
    hnp.arrays(
        dtype=st.sampled_from(FLOATS),
        shape=hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
        elements=st.floats(-1e3, 1e3, width=32),
    ),
    st.sampled_from(NAMES),
)
def test_shape_and_dtype_kept(z, name):
    for f in ACTIVATIONS[name]:
        out = f(z)
        assert out.shape == z.shape
        assert out.dtype == z.dtype


@given(st.floats(-50, 50), st.floats(-50, 50), st.sampled_from(NAMES))
def test_monotone_non_decreasing(a, b, name):
    g = ACTIVATIONS[name].value
    lo, hi = min(a, b), max(a, b)
    assert g(lo) <= g(hi)


@given(st.floats(-1e6, 1e6))
def test_bounds_and_slopes(z):
    s = ACTIVATIONS["sigmoid"].value(z)
    assert 0 <= s <= 1
    assert -1 <= ACTIVATIONS["tanh"].value(z) <= 1
    assert ACTIVATIONS["relu"].value(z) >= 0
    assert 0 <= ACTIVATIONS["sigmoid"].slope(z) <= 0.25
    assert 0 <= ACTIVATIONS["tanh"].slope(z) <= 1
    assert ACTIVATIONS["leaky_relu"].slope(z) in (LEAKY_SLOPE, 1.0)


@pytest.mark.parametrize("name", NAMES)
def test_nan_maps_to_nan(name):
    for f in ACTIVATIONS[name]:
        out = f(np.array([np.nan, 1.0]))
        assert np.isnan(out[0])
        assert not np.isnan(out[1])


@pytest.mark.parametrize("name", NAMES)
def test_scalars_in_scalars_out(name):
    for f in ACTIVATIONS[name]:
        assert np.ndim(f(0.5)) == 0
        assert f(1) == f(1.0)  # integers are numbers too


@pytest.mark.parametrize("bad", [["a", "b"], np.array([1 + 1j]), [True, False], None])
def test_non_numeric_input_is_a_type_error(bad):
    with pytest.raises(TypeError, match="z must be real numbers"):
        ACTIVATIONS["sigmoid"].value(bad)


def test_sigmoid_needs_no_special_case_at_extremes():
    assert ACTIVATIONS["sigmoid"].value(-1e308) == 0.0
    assert ACTIVATIONS["sigmoid"].value(1e308) == 1.0
    assert ACTIVATIONS["sigmoid"].slope(40.0) == pytest.approx(math.exp(-40), rel=1e-12)


def test_lookup_by_name_and_callable():
    assert get_activation("sigmoid") is ACTIVATIONS["sigmoid"].value
    assert get_derivative("tanh") is ACTIVATIONS["tanh"].slope
    assert get_activation(np.tanh) is np.tanh


def test_each_entry_is_a_named_record_of_value_and_slope():
    for name, entry in ACTIVATIONS.items():
        assert isinstance(entry, Activation)
        assert entry.value.__name__ == name
        assert entry.slope.__name__ == f"{name}_prime"


@pytest.mark.parametrize("name", ["Sigmoid", "", None, 3, "softplus"])
def test_unknown_name_raises_with_the_valid_names(name):
    message = "choose one of: identity, leaky_relu, relu, sigmoid, tanh"
    with pytest.raises(ValueError, match=message):
        get_activation(name)
    with pytest.raises(ValueError, match=message):
        get_derivative(name)
