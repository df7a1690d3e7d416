"""The source's mistakes fail exactly where the pages say they do."""

import warnings

import numpy as np
import pytest

from nnlit.activations import sigmoid, tanh
from nnlit.errata import sigmoid_as_in_the_source, tanh_as_in_the_source


def overflows(f, x) -> bool:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        f(x)
    return any("overflow" in str(w.message) for w in caught)


@pytest.mark.parametrize(
    ("dtype", "safe", "unsafe"),
    [(np.float64, -709.0, -710.0), (np.float32, -88.0, -89.0)],  # chapter 3's numbers
)
def test_the_sources_sigmoid_overflows_where_chapter_3_says(dtype, safe, unsafe):
    assert not overflows(sigmoid_as_in_the_source, np.array(safe, dtype=dtype))
    assert overflows(sigmoid_as_in_the_source, np.array(unsafe, dtype=dtype))
    assert not overflows(sigmoid, np.array(unsafe, dtype=dtype))


def test_the_sources_tanh_is_nan_from_about_710():
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.isfinite(tanh_as_in_the_source(np.array([-709.0, 709.0]))).all()
        assert np.isnan(tanh_as_in_the_source(np.array([-711.0, 711.0]))).all()
    assert tanh(np.array([-711.0, 711.0])).tolist() == [-1.0, 1.0]


def test_where_they_are_safe_they_agree_with_nnlit():
    x = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(sigmoid_as_in_the_source(x), sigmoid(x), rtol=1e-13)
    np.testing.assert_allclose(
        tanh_as_in_the_source(x), tanh(x), rtol=1e-13, atol=1e-15
    )


def test_the_product_form_of_the_sigmoid_slope_dies_from_about_37():
    """Chapter 3: for z of about 37 and more, s * (1 - s) is exactly 0."""
    slope = [float(sigmoid(z) * (1 - sigmoid(z))) for z in (36.0, 38.0)]
    assert slope[0] > 0
    assert slope[1] == 0
