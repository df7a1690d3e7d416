import itertools

import numpy as np
import pytest
import sympy

from nnlit.activations import sigmoid
from nnlit.gradient_descent import (
    BOWL,
    accuracy,
    bowl_curvature,
    bowl_error,
    bowl_path,
    train,
    train_batches,
    train_per_record,
    unit_hessian,
    update_step,
)

# Chapter 5's derivation, line by line, for n = 3 inputs and any activation f.
n = 3
w = sympy.symbols(f"w1:{n + 1}", real=True)
x = sympy.symbols(f"x1:{n + 1}", real=True)
y, b, u = sympy.symbols("y b u", real=True)
f = sympy.Function("f")
h = sum(wk * xk for wk, xk in zip(w, x, strict=True))
y_hat = f(h)
f_prime = sympy.diff(f(u), u).subs(u, h)


@pytest.mark.parametrize("i", range(n))
def test_each_line_of_the_derivation_follows_from_the_last(i):
    lines = [
        sympy.diff(sympy.Rational(1, 2) * (y - y_hat) ** 2, w[i]),  # one record
        (y - y_hat) * sympy.diff(y - y_hat, w[i]),  # chain rule on u^2 / 2
        -(y - y_hat) * sympy.diff(y_hat, w[i]),  # y does not depend on w_i
        -(y - y_hat) * f_prime * sympy.diff(h, w[i]),  # chain rule on f(h)
        -(y - y_hat) * f_prime * x[i],  # dh/dw_i = x_i
    ]
    for before, after in itertools.pairwise(lines):
        assert sympy.simplify(sympy.expand(before - after).doit()) == 0


def test_the_bias_gradient_is_minus_delta():
    h_b = h + b
    E = sympy.Rational(1, 2) * (y - f(h_b)) ** 2
    delta = (y - f(h_b)) * sympy.diff(f(u), u).subs(u, h_b)
    assert sympy.simplify((sympy.diff(E, b) - (-delta)).doit()) == 0


def test_sigmoid_error_term_in_closed_form():
    s = 1 / (1 + sympy.exp(-u))
    assert sympy.simplify(sympy.diff(s, u) - s * (1 - s)) == 0


def test_weight_steps_agree_with_finite_differences():
    rng = np.random.default_rng(0)
    X, t, w0 = rng.normal(size=(4, 9)), rng.random(9), rng.normal(size=4)

    def E(weights):
        return 0.5 * np.sum((t - sigmoid(weights @ X)) ** 2)

    steps = sum(update_step(X[:, j], t[j], w0, lr=1.0)[2] for j in range(9))  # -dE/dw
    eps = 1e-6
    for i in range(4):
        e = np.eye(4)[i] * eps
        assert -(E(w0 + e) - E(w0 - e)) / (2 * eps) == pytest.approx(steps[i], rel=1e-7)


def test_one_step_with_the_source_numbers_matches_the_course_output():
    """The course's own notebook prints these values for this step."""
    x1 = np.array([1.0, 2.0, 3.0, 4.0])
    w1 = np.array([0.5, -0.5, 0.3, 0.1])
    out, delta, dw = update_step(x1, 0.5, w1, lr=0.5)
    assert out == pytest.approx(0.689974481128, abs=1e-12)
    assert 0.5 - out == pytest.approx(-0.189974481128, abs=1e-12)
    np.testing.assert_allclose(
        dw, [-0.02031869, -0.04063738, -0.06095608, -0.08127477], atol=1e-8
    )
    assert delta == pytest.approx((0.5 - out) * out * (1 - out), rel=1e-15)


def test_a_constant_input_learns_like_a_bias():
    """Appending x = 1 to every record gives the bias step eta * delta."""
    rng = np.random.default_rng(2)
    X = np.vstack([rng.normal(size=(2, 5)), np.ones((1, 5))])
    w0 = rng.normal(size=3)
    _, delta, dw = update_step(X[:, 0], 1.0, w0, lr=0.3)
    assert dw[2] == pytest.approx(0.3 * delta, rel=1e-15)


def test_accuracy_counts_rounded_outputs():
    X = np.array([[1.0, -1.0, 2.0, -2.0]])
    assert accuracy(X, [1, 0, 0, 0], w=[1.0]) == 0.75


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"lr": 0.0}, ValueError, "the learning rate must be positive, got 0.0"),
        ({"lr": float("nan")}, ValueError, "the learning rate must be positive"),
        ({"epochs": 0}, ValueError, "epochs must be at least 1, got 0"),
        ({"epochs": 2.5}, TypeError, "epochs must be an integer, got 2.5"),
        (
            {"w": np.zeros(2)},
            ValueError,
            r"shape mismatch: X \(3, 4\), y \(4,\), w \(2,\)",
        ),
        ({"y": np.zeros(3)}, ValueError, r"shape mismatch: X \(3, 4\), y \(3,\)"),
        ({"X": np.zeros(3)}, ValueError, r"shape mismatch: X \(3,\)"),
        ({"y": np.array([0.0, np.nan, 1, 1])}, ValueError, "y contains NaN"),
    ],
)
@pytest.mark.parametrize("trainer", [train, train_per_record])
def test_bad_arguments(trainer, change, error, message):
    arguments = {
        "X": np.ones((3, 4)),
        "y": np.zeros(4),
        "w": np.zeros(3),
        "lr": 0.1,
        "epochs": 2,
    }
    with pytest.raises(error, match=message):
        trainer(**{**arguments, **change})


# --- Batches, the bowl and the curvature ------------------------------------


def test_one_batch_of_every_record_is_full_batch_training():
    rng = np.random.default_rng(3)
    X, t, w0 = rng.normal(size=(3, 20)), rng.random(20), rng.normal(size=3)
    w_full, losses_full = train(X, t, w0, lr=0.7, epochs=30)
    w_batch, losses_batch = train_batches(X, t, w0, 0.7, 30, batch_size=20, seed=5)
    np.testing.assert_allclose(w_batch, w_full, rtol=0, atol=1e-12)
    np.testing.assert_allclose(losses_batch, losses_full, rtol=0, atol=1e-12)


def test_a_batch_of_one_record_takes_the_records_own_steps():
    """Stochastic gradient descent: one update_step per record, in the drawn order."""
    rng = np.random.default_rng(4)
    X, t, w0 = rng.normal(size=(2, 6)), rng.random(6), rng.normal(size=2)
    w_sgd, _ = train_batches(X, t, w0, 0.4, 1, batch_size=1, seed=9)
    w = w0.copy()
    for j in np.random.default_rng(9).permutation(6):
        w = w + update_step(X[:, j], t[j], w, 0.4)[2]
    np.testing.assert_allclose(w_sgd, w, rtol=0, atol=1e-14)


def test_batches_refuse_a_batch_size_of_zero():
    with pytest.raises(ValueError, match="batch_size"):
        train_batches(np.ones((2, 4)), np.zeros(4), np.zeros(2), 0.1, 1, batch_size=0)


def test_the_bowl_path_is_the_closed_form_of_descent_on_a_quadratic():
    X, y, start = BOWL["X"], BOWL["y"], BOWL["start"]
    H = X @ X.T / X.shape[1]
    w_star = np.linalg.solve(H, X @ y / X.shape[1])
    for lr in BOWL["rates"]:
        path = bowl_path(X, y, start, lr, 7)
        expected = w_star + np.linalg.matrix_power(np.eye(2) - lr * H, 7) @ (
            start - w_star
        )
        np.testing.assert_allclose(path[-1], expected, rtol=1e-12)


def test_the_bowls_curvature_is_the_second_derivative_of_its_error():
    X, y = BOWL["X"], BOWL["y"]
    eps, w = 1e-4, np.array([0.3, -0.2])
    E = lambda v: float(bowl_error(X, y, v))  # noqa: E731
    H = np.array(
        [
            [
                (
                    E(w + eps * (a + b))
                    - E(w + eps * (a - b))
                    - E(w - eps * (a - b))
                    + E(w - eps * (a + b))
                )
                / (4 * eps**2)
                for b in np.eye(2)
            ]
            for a in np.eye(2)
        ]
    )
    np.testing.assert_allclose(np.linalg.eigvalsh(H), bowl_curvature(X), rtol=1e-7)


def test_the_rates_cross_the_thresholds_the_chapter_names():
    """Just below 2/lambda_max descent reaches the bottom; just above, it climbs."""
    X, y, start = BOWL["X"], BOWL["y"], BOWL["start"]
    lam_max = bowl_curvature(X)[-1]
    for lr, grows in ((0.9 * 2 / lam_max, False), (1.02 * 2 / lam_max, True)):
        E = bowl_error(X, y, bowl_path(X, y, start, lr, 200))
        assert bool(E[-1] > E[0]) == grows


def test_the_unit_hessian_is_the_slope_of_the_mean_gradient():
    rng = np.random.default_rng(6)
    X, t, w = rng.normal(size=(3, 15)), rng.random(15), rng.normal(size=3)

    def gradient(v):  # of E / m, from the steps update_step takes
        steps = [update_step(X[:, j], t[j], v, 1.0)[2] for j in range(15)]
        return -np.mean(steps, axis=0)

    eps = 1e-6
    measured = np.array(
        [(gradient(w + eps * e) - gradient(w - eps * e)) / (2 * eps) for e in np.eye(3)]
    )
    np.testing.assert_allclose(unit_hessian(X, t, w), measured, atol=1e-8)
