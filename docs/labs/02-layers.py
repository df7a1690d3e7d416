# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 2: layers
#
# [Chapter 2](../02-layers.md) in brief: layer $l$ has $n_l$ units, a weight
# matrix $W^{[l]}$ of shape $(n_l, n_{l-1})$ and a bias $b^{[l]}$ of shape
# $(n_l, 1)$. With the $m$ examples as the columns of $X = A^{[0]}$, every layer
# computes $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$ and $A^{[l]} = g(Z^{[l]})$.
# nnlit's `init_params` makes the parameters and `forward` runs the pass,
# returning the prediction and a cache of every $Z^{[l]}$ and $A^{[l]}$.
#
# Each exercise has a solution below it, folded. Try first, then open it: every
# solution ends with checks that must pass. Run the cells from the top.

# %%
import numpy as np

from nnlit import forward, init_params

# %% [markdown]
# ## Exercise 1: count the parameters
#
# A network has layer sizes $[4, 5, 3, 1]$. Write down the shape of every
# $W^{[l]}$ and $b^{[l]}$, and the total number of parameters, before asking
# nnlit.

# %% tags=["solution"]
# W1 (5, 4), b1 (5, 1); W2 (3, 5), b2 (3, 1); W3 (1, 3), b3 (1, 1).
# Each layer has n_l * n_{l-1} weights and n_l biases: 25 + 18 + 4 = 47.
params = init_params([4, 5, 3, 1], seed=0)
shapes = {name: value.shape for name, value in params.items()}
print(shapes)
assert shapes["W2"] == (3, 5)
assert shapes["b2"] == (3, 1)
assert sum(value.size for value in params.values()) == 5 * 5 + 3 * 6 + 1 * 4

# %% [markdown]
# ## Exercise 2: predict the cache
#
# Run seven examples through that network. Which arrays does the cache hold,
# and what shape is each? Predict, then check.

# %% tags=["solution"]
# A0 is the input (4, 7); then Z and A of each layer share the shape (n_l, 7).
X = np.random.default_rng(1).normal(size=(4, 7))
y_hat, cache = forward(X, params)
print({name: value.shape for name, value in cache.items()})
for l, n in enumerate([4, 5, 3, 1]):
    assert cache[f"A{l}"].shape == (n, 7)
assert y_hat is cache["A3"]

# %% [markdown]
# ## Exercise 3: one layer by hand
#
# Compute $Z^{[1]}$ yourself with `@` and `+`, compare it with the cache, then
# show that each column of the output is what that one example gives alone.

# %% tags=["solution"]
Z1 = params["W1"] @ X + params["b1"]  # (5, 4) @ (4, 7) + (5, 1): b1 broadcasts
assert np.allclose(Z1, cache["Z1"])
alone = forward(X[:, [3]], params)[0]  # example 3 as a (4, 1) batch
print(alone[0, 0], y_hat[0, 3])
assert np.allclose(alone[:, 0], y_hat[:, 3])

# %% [markdown]
# ## Exercise 4: examples as rows
#
# Many datasets store one example per row. Pass `X.T`, of shape $(7, 4)$, to
# `forward`. What happens, and does the message tell you how to fix it?

# %% tags=["solution"]
try:
    forward(X.T, params)
except ValueError as error:
    message = str(error)
print(message)
assert "(7, 4)" in message
assert "one column per example" in message

# %% [markdown]
# ## Exercise 5: without an activation, depth buys nothing
#
# With the identity activation $g(z) = z$, show that a two-layer network
# computes exactly what one layer with $W = W^{[2]} W^{[1]}$ and
# $b = W^{[2]} b^{[1]} + b^{[2]}$ computes. (This is why chapter 3 needs
# activations that bend.)

# %% tags=["solution"]
# Z2 = W2 (W1 X + b1) + b2 = (W2 W1) X + (W2 b1 + b2).
two = init_params([4, 6, 2], seed=2)
two["b1"] += 0.5  # non-zero biases, so they are tested too
two["b2"] -= 0.25
deep, _ = forward(X, two, "identity")
one = {"W1": two["W2"] @ two["W1"], "b1": two["W2"] @ two["b1"] + two["b2"]}
flat, _ = forward(X, one, "identity")
print(np.max(np.abs(deep - flat)))
assert np.allclose(deep, flat)
assert not np.allclose(forward(X, two, "tanh")[0], forward(X, one, "tanh")[0])
