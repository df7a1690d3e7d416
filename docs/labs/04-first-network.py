# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 4: a first network
#
# [Chapter 4](../04-first-network.md) in brief: the source's first network has
# two inputs, weights $w = (0.1, 0.8)$, bias $b = -0.1$ and a sigmoid output,
# $\hat y = \sigma(w_1 x_1 + w_2 x_2 + b)$. In nnlit it is one call to
# `neuron`; a network with hidden layers is one call to `forward`.
#
# Each exercise has a solution below it, folded. Try first, then open it: every
# solution ends with checks that must pass. Run the cells from the top.

# %%
import itertools

import numpy as np

from nnlit import forward, init_params, neuron
from nnlit.examples import SOURCE_NETWORK_SIZES, xor_network, xor_points

w, b = np.array([0.1, 0.8]), -0.1

# %% [markdown]
# ## Exercise 1: on the fence
#
# Find an input $(x_1, x_2)$ for which this network outputs exactly $0.5$. Then
# describe all of them.

# %% tags=["solution"]
# sigma(z) = 0.5 exactly when z = 0: every point on the line 0.1 x1 + 0.8 x2 = 0.1,
# for instance (1, 0) or (-7, 1).
for point in ([1.0, 0.0], [-7.0, 1.0]):
    print(point, neuron(point, w, b))
    assert neuron(point, w, b) == 0.5

# %% [markdown]
# ## Exercise 2: which input matters more?
#
# Nudge each input by $10^{-6}$ at $x = (0.7, -0.3)$. Which one moves the
# output more, and by what factor? Predict the factor from the weights.

# %% tags=["solution"]
# d y_hat / d x_i = sigma'(z) w_i, so the ratio is w_2 / w_1 = 8.
x, h = np.array([0.7, -0.3]), 1e-6
slopes = [
    (neuron(x + h * e, w, b) - neuron(x - h * e, w, b)) / (2 * h) for e in np.eye(2)
]
print(f"slopes {slopes[0]:.6f} and {slopes[1]:.6f}, ratio {slopes[1] / slopes[0]:.6f}")
assert np.isclose(slopes[1] / slopes[0], 8.0)

# %% [markdown]
# ## Exercise 3: no single neuron computes XOR
#
# XOR outputs 1 when exactly one input is 1. Search a grid of weights and
# biases (say every integer from $-10$ to $10$) for one neuron that gets all
# four points right, rounding its output at 0.5. How many can the best get?
# Then check that nnlit's hand-set 2-2-1 `xor_network` gets all four.

# %% tags=["solution"]
X, y = xor_points()
grid = range(-10, 11)
best = max(
    np.sum((neuron(X, [w1, w2], b0) > 0.5) == (y == 1))
    for w1, w2, b0 in itertools.product(grid, grid, grid)
)
y_hat, _ = forward(X, xor_network())
print("best single neuron:", best, "of 4; two layers:", (y_hat[0] > 0.5).astype(int))
assert best == 3  # one straight line cannot separate XOR's corners
assert np.array_equal(y_hat[0] > 0.5, y == 1)

# %% [markdown]
# ## Exercise 4: the source's bigger network
#
# Build a network with the sizes nnlit gives the source's example network
# (`SOURCE_NETWORK_SIZES`: the source's figure is lost, so the hidden widths
# are nnlit's own), run five
# random points through it, and say what shape comes out and why every value
# lies strictly between 0 and 1.

# %% tags=["solution"]
# One output unit and five examples: (1, 5). Sigmoid outputs are always in (0, 1).
params = init_params(SOURCE_NETWORK_SIZES, seed=0)
X5 = np.random.default_rng(0).normal(size=(SOURCE_NETWORK_SIZES[0], 5))
out, _ = forward(X5, params)
print(SOURCE_NETWORK_SIZES, out.shape)
assert out.shape == (1, 5)
assert np.all((out > 0) & (out < 1))
