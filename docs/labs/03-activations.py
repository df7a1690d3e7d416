# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 3: activation functions
#
# [Chapter 3](../03-activations.md) in brief: an activation $g$ bends each
# unit's $z$; the sigmoid $\sigma(z) = 1/(1 + e^{-z})$ has slope
# $\sigma'(z) = \sigma(z)(1 - \sigma(z))$, tanh has $1 - \tanh^2 z$, ReLU has 0
# or 1. nnlit keeps each activation beside its derivative in `ACTIVATIONS`, and
# `get_activation` and `get_derivative` look them up by name.
#
# Each exercise has a solution below it, folded. Try first, then open it: every
# solution ends with checks that must pass. Run the cells from the top.

# %%
import numpy as np

from nnlit import ACTIVATIONS, get_activation, get_derivative

# %% [markdown]
# ## Exercise 1: check every derivative
#
# For each activation in `ACTIVATIONS`, compare its derivative with the central
# difference $\big(g(z + h) - g(z - h)\big) / 2h$ on a grid of $z$ values. Keep
# away from $z = 0$, where ReLU has a kink.

# %% tags=["solution"]
z = np.concatenate([np.linspace(-6, -0.01, 300), np.linspace(0.01, 6, 300)])
h = 1e-6
for name in ACTIVATIONS:
    g, g_prime = get_activation(name), get_derivative(name)
    finite = (g(z + h) - g(z - h)) / (2 * h)
    worst = np.max(np.abs(g_prime(z) - finite))
    print(f"{name:>10}: largest difference {worst:.1e}")
    assert worst < 1e-8, name

# %% [markdown]
# ## Exercise 2: where the sigmoid goes flat
#
# The sigmoid's slope peaks at $\sigma'(0) = 1/4$. Past which $z$ is it below
# 1% of that peak? Find it numerically with nnlit's derivative, then solve
# $\sigma(1 - \sigma) = 1/400$ on paper and compare.

# %% tags=["solution"]
# On paper: s = (1 + sqrt(1 - 4/400)) / 2, then z = ln(s / (1 - s)).
sigmoid_prime = get_derivative("sigmoid")
floor = 1 / 400  # 1% of the peak slope 1/4
low, high = 0.0, 20.0
for _ in range(60):  # bisection: sigmoid' falls steadily for z > 0
    middle = (low + high) / 2
    low, high = (middle, high) if sigmoid_prime(middle) > floor else (low, middle)
s = (1 + np.sqrt(1 - 4 * floor)) / 2
on_paper = np.log(s / (1 - s))
print(f"numerically {low:.6f}, on paper {on_paper:.6f}")
assert abs(low - on_paper) < 1e-9

# %% [markdown]
# ## Exercise 3: tanh is a sigmoid in disguise
#
# Show that $\tanh z = 2\sigma(2z) - 1$, first on paper (write both with
# $e^{-2z}$), then with nnlit's two functions.

# %% tags=["solution"]
# 2 / (1 + e^-2z) - 1 = (1 - e^-2z) / (1 + e^-2z) = tanh z.
sigmoid, tanh = get_activation("sigmoid"), get_activation("tanh")
z = np.linspace(-8, 8, 1001)
gap = np.max(np.abs(tanh(z) - (2 * sigmoid(2 * z) - 1)))
print(f"largest gap {gap:.1e}")
assert gap < 1e-15

# %% [markdown]
# ## Exercise 4: the vanishing gradient
#
# Backpropagation (chapter 6) multiplies one activation slope per layer. What
# is the largest that product can be through ten sigmoid layers? And through
# ten ReLU layers whose units are active?

# %% tags=["solution"]
z = np.linspace(-10, 10, 20001)
best_sigmoid = np.max(get_derivative("sigmoid")(z))  # at z = 0
best_relu = np.max(get_derivative("relu")(z))
print(f"sigmoid: {best_sigmoid**10:.2e}, relu: {best_relu**10}")
assert np.isclose(best_sigmoid, 0.25)
assert np.isclose(best_sigmoid**10, 4.0**-10)
assert best_relu**10 == 1.0

# %% [markdown]
# ## Exercise 5: ask for one that does not exist
#
# Ask nnlit for a `"softmax"` activation. What does it say?

# %% tags=["solution"]
try:
    get_activation("softmax")
except ValueError as error:
    message = str(error)
print(message)
assert "'softmax'" in message
assert all(name in message for name in ACTIVATIONS)
