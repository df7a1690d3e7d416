# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 7: making it fast
#
# [Chapter 7](../07-making-it-fast.md) in brief: a matrix product uses each
# number it reads many times, an element-wise operation only once, so the speed
# of a training step is set by how often its large arrays cross the memory bus.
# `nnlit.fast.train_fast` trains exactly as chapter 6's `train` does, but
# computes in place, reads each activation's slope off its value (for the
# sigmoid, $\sigma'(z) = a(1 - a)$ with $a = \sigma(z)$) and can work in float32.
#
# Each exercise has a solution below it, folded. Try first, then open it: every
# solution ends with checks that must pass. Run the cells from the top.

# %%
import numpy as np

from nnlit import get_activation, get_derivative, init_params, train_network
from nnlit.examples import SPEED_NETWORK
from nnlit.fast import train_fast

# %% [markdown]
# ## Exercise 1: operations per byte
#
# The first layer of the benchmark's network (`SPEED_NETWORK` in `nnlit.examples`:
# print it) maps its inputs to its first hidden layer for all $m$ of its
# examples, in float64. Count the floating-point operations and the
# bytes moved by the product $W A$ (read $W$ and $A$, write the result), and by
# the sigmoid of the result done as four element-wise passes (each reads and
# writes the whole array, one operation per number). How many times more
# operations per byte does the product do?

# %% tags=["solution"]
n_in, n_out = SPEED_NETWORK["sizes"][:2]
m, size = SPEED_NETWORK["examples"], np.dtype(np.float64).itemsize
product = 2 * n_out * n_in * m / ((n_out * n_in + n_in * m + n_out * m) * size)
sigmoid = 4 * n_out * m / (4 * 2 * n_out * m * size)  # 1 / 16 per byte
print(f"product {product:.1f}, sigmoid {sigmoid:.4f} operations per byte")
print(f"ratio {product / sigmoid:.0f}")
assert sigmoid == 1 / 16
assert product / sigmoid > 100

# %% [markdown]
# ## Exercise 2: the slope from the value
#
# Show on paper that $\tanh'(z) = 1 - a^2$ where $a = \tanh z$, and that
# ReLU's slope is 1 exactly where its value is positive. Then check all three
# rules (sigmoid, tanh, ReLU) against nnlit's derivatives on a grid of $z$.

# %% tags=["solution"]
# tanh' = 1 / cosh^2 = (cosh^2 - sinh^2) / cosh^2 = 1 - tanh^2.
z = np.linspace(-5, 5, 1001)
z = z[z != 0]  # ReLU has no slope at 0
from_value = {
    "sigmoid": lambda a: a * (1 - a),
    "tanh": lambda a: 1 - a**2,
    "relu": lambda a: (a > 0).astype(float),
}
for name, rule in from_value.items():
    worst = np.max(np.abs(rule(get_activation(name)(z)) - get_derivative(name)(z)))
    print(f"{name:>7}: largest difference {worst:.1e}")
    assert worst < 1e-15, name

# %% [markdown]
# ## Exercise 3: the overwritten input
#
# In place, `np.exp(Z, out=Z)` and its friends turn the array holding $Z$ into
# the activation $A$. A tempting bug: compute the slope afterwards as
# `get_derivative("sigmoid")(Z)`, forgetting that `Z` now holds $A$. How wrong
# is that slope?

# %% tags=["solution"]
Z = np.linspace(-4, 4, 9)
right = get_derivative("sigmoid")(Z)
Z[:] = get_activation("sigmoid")(Z)  # what the in-place forward pass does
wrong = get_derivative("sigmoid")(Z)  # sigma'(a), not sigma'(z)
from_value = Z * (1 - Z)  # the fast trainer's rule: a (1 - a)
print(np.round(wrong / right, 2))
assert np.allclose(from_value, right)
assert np.max(wrong / right) > 10  # out by more than ten times at the edges

# %% [markdown]
# ## Exercise 4: fast and clear agree, float32 almost
#
# Train the same 3-8-1 network on the same data with `train_network` and with
# `train_fast`, full batch. How close are the weights? Then train with
# `dtype=np.float32`: how far from float64 are they now, and why is that
# about right?

# %% tags=["solution"]
rng = np.random.default_rng(0)
X, Y = rng.normal(size=(3, 200)), rng.random(size=(1, 200))
start = init_params([3, 8, 1], seed=0)
clear, _ = train_network(X, Y, start, ["tanh", "sigmoid"], lr=0.5, epochs=200)
fast, _ = train_fast(X, Y, start, ["tanh", "sigmoid"], lr=0.5, epochs=200)
small, _ = train_fast(
    X, Y, start, ["tanh", "sigmoid"], lr=0.5, epochs=200, dtype=np.float32
)
same = max(np.max(np.abs(clear[k] - fast[k])) for k in clear)
apart = max(np.max(np.abs(small[k] - fast[k])) for k in fast)
print(f"fast vs clear: {same:.1e}; float32 vs float64: {apart:.1e}")
# float32 keeps about 7 significant digits (its epsilon is about 1.2e-7), and
# 200 steps of rounding add up to a little more than that.
assert same < 1e-12
assert small["W1"].dtype == np.float32
assert np.finfo(np.float32).eps < apart < 1e-4
