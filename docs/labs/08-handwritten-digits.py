# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 8: handwritten digits
#
# [Chapter 8](../08-handwritten-digits.md) in brief: to choose one of $K$
# classes, the last layer's scores $z_k$ go through the softmax,
# $\hat y_k = e^{z_k} / \sum_j e^{z_j}$, computed after subtracting the
# largest score. The error is the cross-entropy $E = -\sum_k y_k \ln \hat y_k$
# against a one-hot target, and its gradient in the scores is
# $\hat y - y$ (divided by $m$ for the mean over $m$ examples). Starting
# weights must differ, or a layer's units stay identical, and their variance
# should be $1/n$ ($2/n$ before ReLU). `nnlit.classify` has `softmax`,
# `cross_entropy`, `one_hot`, `gradients` and `train`; `nnlit.initialisation`
# has `scaled_params` and `variance_by_layer`.
#
# Each exercise has a solution below it, folded. Try first, then open it: every
# solution ends with checks that must pass. Run the cells from the top. This
# lab makes its own small data, so it needs nothing beyond nnlit.

# %%
import numpy as np

from nnlit import init_params, numerical_gradient
from nnlit.classify import cross_entropy, one_hot, softmax, train
from nnlit.initialisation import scaled_params, variance_by_layer

rng = np.random.default_rng(0)
X = rng.normal(size=(4, 30))  # 30 examples with 4 inputs
labels = rng.integers(0, 3, size=30)  # each of 3 classes
Y = one_hot(labels, 3)  # (3, 30)

# %% [markdown]
# ## Exercise 1: a softmax that does not overflow
#
# Write `stable_softmax(Z)` for scores `Z` of shape `(K, m)`, one column per
# example, without calling nnlit. Check it against `softmax` on random scores,
# then on a column with a score of 1000, where `np.exp` alone overflows.


# %% tags=["solution"]
def stable_softmax(Z):
    top = Z.max(axis=0)  # each column's largest score
    exps = np.exp(Z - top)  # at most 1: no overflow
    return exps / exps.sum(axis=0)


Z = rng.normal(scale=5.0, size=(3, 8))
mine = stable_softmax(Z)
large = stable_softmax(np.array([[1000.0], [990.0], [-5.0]]))
print("columns sum to", mine.sum(axis=0).round(12))
print("with a score of 1000:", large.ravel())
assert np.allclose(mine, softmax(Z), rtol=1e-12, atol=0)
shifted = softmax(np.array([[10.0], [0.0], [-995.0]]))  # the same scores, minus 990
assert np.allclose(large, shifted, rtol=1e-12, atol=0)
assert abs(large.sum() - 1) < 1e-12

# %% [markdown]
# ## Exercise 2: check the cross-entropy's gradient
#
# The chapter derives $\partial E / \partial Z = (\hat Y - Y)/m$ for the mean
# cross-entropy over $m$ examples. Measure that gradient with
# `numerical_gradient` (it takes a function of a dict of arrays) and compare.
# Then show that forgetting the $1/m$ is caught.

# %% tags=["solution"]
scores = rng.normal(size=(3, 30))
measured = numerical_gradient(lambda p: cross_entropy(Y, p["Z"]), {"Z": scores})["dZ"]
formula = (softmax(scores) - Y) / scores.shape[1]
gap = np.max(np.abs(measured - formula))
wrong_gap = np.max(np.abs(measured - (softmax(scores) - Y)))  # the 1/m forgotten
print(f"largest difference: {gap:.1e}; without 1/m: {wrong_gap:.2f}")
assert gap < 1e-8
assert wrong_gap > 1e-2

# %% [markdown]
# ## Exercise 3: zero starting weights stay symmetric
#
# Train a 4-6-3 network with sigmoid hidden units from all-zero weights and
# biases, for 50 epochs with learning rate 1. Show that the weights moved, but
# that all 6 rows of `W1` (one per hidden unit) are still equal, up to the
# rounding of the matrix products. Then nudge one starting weight and train
# again: the rows come apart.

# %% tags=["solution"]
zero = {key: np.zeros_like(value) for key, value in init_params([4, 6, 3]).items()}
from_zero, _ = train(X, Y, zero, "sigmoid", lr=1.0, epochs=50)
moved = np.abs(from_zero["W1"]).max()
spread = np.ptp(from_zero["W1"], axis=0).max()  # the largest gap between rows

nudged = {key: value.copy() for key, value in zero.items()}
nudged["W1"][0, 0] = 1e-3  # one weight of hidden unit 0
from_nudge, _ = train(X, Y, nudged, "sigmoid", lr=1.0, epochs=50)
spread_nudged = np.ptp(from_nudge["W1"], axis=0).max()
print(f"from zero: weights moved up to {moved:.3f}; rows equal: {spread < 1e-12}")
print(f"one weight nudged: rows differ by up to {spread_nudged:.1e}")
assert moved > 0.01
assert spread < 1e-12  # equal, up to rounding in the matrix products
assert spread_nudged > 1e-4


# %% [markdown]
# ## Exercise 4: the variance through ReLU layers
#
# Feed 500 examples of 100 standard normal inputs through 8 ReLU layers of
# width 100, with weights drawn by `scaled_params` at gain 1 and at gain 2.
# By how much does the variance of $Z^{[l]}$ shrink per layer with each?

# %% tags=["solution"]
inputs = rng.normal(size=(100, 500))
sizes = [100] * 9  # the input, then 8 layers
plain = variance_by_layer(inputs, scaled_params(sizes, 1.0, seed=1), "relu")
he = variance_by_layer(inputs, scaled_params(sizes, 2.0, seed=1), "relu")
plain_factor = (plain[-1] / plain[0]) ** (1 / 7)  # per layer, over 7 steps
he_factor = (he[-1] / he[0]) ** (1 / 7)
print(f"per layer: x{plain_factor:.2f} with gain 1, x{he_factor:.2f} with gain 2")
assert 0.35 < plain_factor < 0.65  # ReLU halves the variance
assert 0.75 < he_factor < 1.25  # He's scaling keeps it (100 units: noisy)
