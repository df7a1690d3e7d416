# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 1: one neuron
#
# [Chapter 1](../01-one-neuron.md) in brief: a neuron forms $z = \mathbf{w} \cdot
# \mathbf{x} + b$ from its inputs, then outputs $a = g(z)$, here with the sigmoid
# $\sigma(z) = 1/(1 + e^{-z})$. nnlit computes the two halves with
# `neuron_input` and `neuron_output`, and the whole unit with `neuron`.
#
# Each exercise has a solution below it, folded. Try first, then open it: every
# solution ends with checks that must pass. Run the cells from the top.

# %%
import math

import numpy as np

from nnlit import neuron, neuron_input, neuron_output

# %% [markdown]
# ## Exercise 1: by hand, then by machine
#
# A neuron has weights $\mathbf{w} = (0.5, -1)$ and bias $b = 0.5$. Work out
# $z$ and $a$ for the input $\mathbf{x} = (2, 1)$ on paper, then check your
# numbers with nnlit.

# %% tags=["solution"]
# z = 0.5 * 2 + (-1) * 1 + 0.5 = 0.5, and a = 1 / (1 + e^-0.5)
x, w, b = np.array([2.0, 1.0]), np.array([0.5, -1.0]), 0.5
z = neuron_input(x, w, b)
a = neuron_output(z)
print(f"z = {z:.4f}, a = {a:.4f}")
assert math.isclose(z, 0.5)
assert math.isclose(a, 1 / (1 + math.exp(-0.5)))

# %% [markdown]
# ## Exercise 2: predict the shape
#
# Five examples of three inputs each are stored as the columns of an array `X`.
# What shape does `X` have, and what shape does `neuron(X, w, b)` return?
# Decide before you run anything.

# %% tags=["solution"]
# X is (3, 5): one row per input, one column per example. The neuron gives one
# number per example, so (5,).
X = np.arange(15.0).reshape(3, 5) / 10
y_hat = neuron(X, np.array([0.2, -0.1, 0.3]), 0.0)
print(X.shape, y_hat.shape)
assert X.shape == (3, 5)
assert y_hat.shape == (5,)
# Column j of the batch gives the same answer as example j alone.
assert math.isclose(y_hat[2], neuron(X[:, 2], np.array([0.2, -0.1, 0.3]), 0.0))

# %% [markdown]
# ## Exercise 3: a weight is a slope
#
# Chapter 1 shows that $\partial z / \partial x_i = w_i$. Through the sigmoid,
# the chain rule gives $\partial a / \partial x_i = \sigma'(z)\, w_i$ with
# $\sigma'(z) = \sigma(z)(1 - \sigma(z))$. Check this against a finite
# difference: nudge $x_1$ by $\pm 10^{-6}$ and divide the change in $a$ by
# $2 \times 10^{-6}$.

# %% tags=["solution"]
x, w, b, h = np.array([0.3, -1.2]), np.array([1.5, 0.7]), 0.1, 1e-6
a = neuron(x, w, b)
slope = a * (1 - a) * w[0]  # the chain rule
nudge = np.array([h, 0.0])
finite = (neuron(x + nudge, w, b) - neuron(x - nudge, w, b)) / (2 * h)
print(f"chain rule {slope:.8f}, finite difference {finite:.8f}")
assert abs(slope - finite) < 1e-8

# %% [markdown]
# ## Exercise 4: a neuron that computes AND
#
# Choose $w_1, w_2, b$ so that on the four inputs $(0,0), (0,1), (1,0), (1,1)$
# the neuron outputs more than 0.9 for $(1, 1)$ and less than 0.1 for the other
# three. Hint: $z$ must be large and positive only when both inputs are 1.

# %% tags=["solution"]
# Each input adds 10; the bias -15 keeps z negative unless both are on.
inputs = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)  # columns
y_hat = neuron(inputs, np.array([10.0, 10.0]), -15.0)
print(np.round(y_hat, 4))
assert y_hat[3] > 0.9
assert np.all(y_hat[:3] < 0.1)

# %% [markdown]
# ## Exercise 5: feed it the wrong shape
#
# A neuron with two weights cannot take three inputs. What does nnlit do if you
# try? A library that quietly broadcasts would hand back a wrong answer; find
# out whether this one does.

# %% tags=["solution"]
try:
    neuron(np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0]), 0.0)
except ValueError as error:
    message = str(error)
print(message)
assert "shape" in message
assert "(2,)" in message
assert "(3,)" in message
