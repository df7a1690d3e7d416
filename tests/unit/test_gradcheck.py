import numpy as np
import pytest

from nnlit.gradcheck import numerical_gradient, relative_error


def test_central_differences_of_a_quadratic_are_exact_up_to_rounding():
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    params = {"v": np.array([0.5, -1.0]), "s": np.array([[2.0]])}

    def error(p):
        return 0.5 * p["v"] @ A @ p["v"] + p["s"][0, 0] ** 2

    grads = numerical_gradient(error, params)
    np.testing.assert_allclose(grads["dv"], A @ params["v"], rtol=1e-8)
    np.testing.assert_allclose(grads["ds"], [[4.0]], rtol=1e-8)
    np.testing.assert_array_equal(params["v"], [0.5, -1.0])  # left as it was


def test_relative_error_is_scale_free_and_zero_for_equal_gradients():
    a = {"dW": np.array([1.0, 2.0])}
    assert relative_error(a, a) == 0
    assert relative_error(a, {"dW": np.array([1.0, 2.2])}) == pytest.approx(
        relative_error({"dW": np.array([10.0, 20.0])}, {"dW": np.array([10.0, 22.0])})
    )
    assert relative_error({"dW": np.zeros(2)}, {"dW": np.zeros(2)}) == 0


def test_relative_error_refuses_mismatched_gradients():
    with pytest.raises(ValueError, match="cannot compare gradients"):
        relative_error({"dW": np.zeros(2)}, {"dW": np.zeros(3)})
    with pytest.raises(ValueError, match="cannot compare gradients"):
        relative_error({"dW": np.zeros(2)}, {"db": np.zeros(2)})
