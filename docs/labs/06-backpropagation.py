# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 6: backpropagation
#
# [Chapter 6](../06-backpropagation.md) in brief: the backward pass turns the
# output's error into every layer's gradient, from the last layer to the first:
# $dZ^{[l]} = dA^{[l]} \odot g'(Z^{[l]})$, $dW^{[l]} = dZ^{[l]} A^{[l-1]\top}$,
# $db^{[l]} = \sum_{\text{columns}} dZ^{[l]}$ and
# $dA^{[l-1]} = W^{[l]\top} dZ^{[l]}$. Gradient checking compares it with
# finite differences. nnlit's `gradients` runs both passes, `backward` the
# backward one, `numerical_gradient` and `relative_error` do the check, and
# `train_network` trains.
#
# Each exercise has a solution below it, folded. Try first, then open it: every
# solution ends with checks that must pass. Run the cells from the top.

# %%
import numpy as np

from nnlit import (
    backward,
    forward,
    gradients,
    init_params,
    numerical_gradient,
    relative_error,
    train_network,
)
from nnlit.examples import xor_points

rng = np.random.default_rng(0)
X, Y = rng.normal(size=(3, 10)), rng.random(size=(1, 10))
params = init_params([3, 4, 1], seed=0)
params["b1"] += rng.normal(size=(4, 1))  # non-zero biases

# %% [markdown]
# ## Exercise 1: check the gradient
#
# For a 3-4-1 network with tanh then sigmoid, compare `gradients` with
# `numerical_gradient` of the error. How small is the relative error?

# %% tags=["solution"]
g = ["tanh", "sigmoid"]
_, analytic = gradients(X, Y, params, g)
numeric = numerical_gradient(lambda p: gradients(X, Y, p, g)[0], params)
good = relative_error(analytic, numeric)
print(f"relative error {good:.1e}")
assert good < 1e-8

# %% [markdown]
# ## Exercise 2: break it, and catch it
#
# A classic bug: the forward pass uses tanh in the hidden layer, but the
# backward pass uses the sigmoid's derivative there. Make that mistake on
# purpose with `forward` and `backward`, and let the gradient check find it.

# %% tags=["solution"]
_, cache = forward(X, params, g)
buggy = backward(params, cache, Y, ["sigmoid", "sigmoid"])  # wrong g' in layer 1
bad = relative_error(buggy, numeric)
print(f"relative error {bad:.2f}")
assert bad > 1e-2  # millions of times the error of the right gradient
assert np.allclose(buggy["dW2"], analytic["dW2"])  # the last layer is still right

# %% [markdown]
# ## Exercise 3: predict where training blows up
#
# Fit a straight line: one identity unit, $\hat Y = W X + b$, to noisy linear
# data. The error is then a quadratic bowl with curvature matrix
# $H = \tilde X \tilde X^\top / m$, where $\tilde X$ is $X$ with a row of ones
# (for $b$). Gradient descent converges for $\eta < 2/\lambda_{\max}(H)$ and
# diverges above it. Compute that bound, then train just below and above it.

# %% tags=["solution"]
X2 = rng.normal(loc=1.0, size=(2, 50))
Y2 = np.array([[2.0, -1.0]]) @ X2 + 0.5 + 0.1 * rng.normal(size=(1, 50))
X_tilde = np.vstack([X2, np.ones((1, 50))])
limit = 2 / np.max(np.linalg.eigvalsh(X_tilde @ X_tilde.T / 50))
line = init_params([2, 1], seed=0)
_, below = train_network(X2, Y2, line, "identity", lr=0.95 * limit, epochs=2000)
try:
    train_network(X2, Y2, line, "identity", lr=1.5 * limit, epochs=2000)
except FloatingPointError as error:
    message = str(error)
print(f"limit {limit:.4f}; below it the loss ends at {below[-1]:.5f}")
print(message)
assert below[-1] < 0.01
assert "diverged at epoch" in message

# %% [markdown]
# ## Exercise 4: learn XOR
#
# Chapter 3's XOR network had its weights set by hand. Train a 2-3-1 network
# with tanh then sigmoid from random weights until it gets all four points
# right.

# %% tags=["solution"]
X4, y4 = xor_points()
trained, losses = train_network(
    X4,
    y4[None, :],
    init_params([2, 3, 1], seed=1),
    ["tanh", "sigmoid"],
    lr=2.0,
    epochs=3000,
)
y_hat, _ = forward(X4, trained, ["tanh", "sigmoid"])
print(f"loss {losses[0]:.4f} -> {losses[-1]:.4f}; outputs {np.round(y_hat[0], 3)}")
assert np.array_equal(y_hat[0] > 0.5, y4 == 1)
