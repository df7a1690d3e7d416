# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab 5: gradient descent
#
# [Chapter 5](../05-gradient-descent.md) in brief: one sigmoid unit
# $\hat y = \sigma(\mathbf{w} \cdot \mathbf{x})$ learns by stepping each weight
# against the slope of its error. For one record the error term is
# $\delta = (y - \hat y)\, \sigma'(h)$ and the step is
# $\Delta \mathbf{w} = \eta\, \delta\, \mathbf{x}$; over $m$ records the steps
# are averaged. nnlit's `update_step` takes one step, and `train_unit` trains
# on all records at once. A step may overshoot the bottom and still converge, as
# long as $\eta < 2/\lambda_{\max}$, where $\lambda_{\max}$ is the largest
# eigenvalue of the Hessian (the curvature) at the minimum.
#
# Each exercise has a solution below it, folded. Try first, then open it: every
# solution ends with checks that must pass. Run the cells from the top.

# %%
import math

import numpy as np

from nnlit import train_unit, update_step
from nnlit.baselines import split_scores
from nnlit.data import prepare, simulate_admissions
from nnlit.gradient_descent import accuracy, unit_hessian

data = prepare(simulate_admissions(), split_seed=42)  # X: (6, m), y: (m,)
w0 = np.full(6, 0.1)

# %% [markdown]
# ## Exercise 1: one step by hand
#
# With $\mathbf{x} = (1, 2)$, $y = 1$, $\mathbf{w} = (0.5, -0.5)$ and
# $\eta = 0.5$, work out $h$, $\hat y$, $\delta$ and $\Delta\mathbf{w}$ with
# `math` alone, then compare with `update_step`.

# %% tags=["solution"]
h = 0.5 * 1 + (-0.5) * 2  # -0.5
y_hat = 1 / (1 + math.exp(-h))
delta = (1 - y_hat) * y_hat * (1 - y_hat)  # sigma'(h) = y_hat (1 - y_hat)
by_hand = [0.5 * delta * 1, 0.5 * delta * 2]
out, d, step = update_step(np.array([1.0, 2.0]), 1.0, np.array([0.5, -0.5]), 0.5)
print(f"y_hat {y_hat:.6f}, delta {delta:.6f}, step {np.round(step, 6)}")
assert math.isclose(out, y_hat)
assert math.isclose(d, delta)
assert np.allclose(step, by_hand)

# %% [markdown]
# ## Exercise 2: the step is downhill
#
# Averaged over all records, the step is $\eta\, X\boldsymbol\delta / m$.
# Show with finite differences that $X\boldsymbol\delta / m$ is minus the
# gradient of $E(\mathbf{w}) = \frac{1}{2m}\sum (y - \hat y)^2$.


# %% tags=["solution"]
def error(w):
    return np.sum((data.y - 1 / (1 + np.exp(-(w @ data.X)))) ** 2) / (2 * len(data.y))


m, eps = len(data.y), 1e-6
steps = [
    update_step(x_i, y_i, w0, 1.0)[2] for x_i, y_i in zip(data.X.T, data.y, strict=True)
]
direction = np.sum(steps, axis=0) / m  # X delta / m, record by record
slope = np.array(
    [(error(w0 + eps * e) - error(w0 - eps * e)) / (2 * eps) for e in np.eye(6)]
)
print(np.round(direction, 6))
print(np.round(-slope, 6))
assert np.allclose(direction, -slope, atol=1e-9)

# %% [markdown]
# ## Exercise 3: train, and weigh the score
#
# Train on the admissions data with $\eta = 0.5$ for 1000 epochs, starting
# from `w0`. Does the loss fall? Compare the test accuracy with always answering
# "rejected", the most common label, and with the test set's standard error
# $\sqrt{p(1 - p)/n}$. Can these test records tell the two apart? What does
# `split_scores(simulate_admissions(), 42)` say the best possible rule (the
# Bayes rule) is expected to score here?

# %% tags=["solution"]
w, losses = train_unit(data.X, data.y, w0, lr=0.5, epochs=1000)
test = accuracy(data.X_test, data.y_test, w)
always_no = np.mean(data.y_test == 0)
n = len(data.y_test)
se = math.sqrt(test * (1 - test) / n)
best = split_scores(simulate_admissions(), 42).bayes_expected
print(
    f"loss {losses[0]:.4f} -> {losses[-1]:.4f}; test accuracy {test:.3f},"
    f" always 'rejected' {always_no:.3f}, standard error {se:.3f},"
    f" Bayes rule expected {best:.3f}"
)
assert losses[-1] < losses[0]
# The gap is smaller than one standard error: n records cannot tell them apart.
assert abs(test - always_no) < se
# Even the best possible rule is expected to beat always 'rejected' by less.
assert best - always_no < 2 * se

# %% [markdown]
# ## Exercise 4: too slow, too fast, too far
#
# Train for 100 epochs with each learning rate in $0.01, 0.5, 50$. Which ends
# lowest? Then find the minimum (train at $\eta = 20$ for 3000 epochs), the
# largest eigenvalue $\lambda_{\max}$ of `unit_hessian` there, and the
# threshold $2/\lambda_{\max}$. Train 2000 epochs at $\eta = 40$ and at
# $\eta = 50$: which one reaches the minimum?

# %% tags=["solution"]
final = {}
for lr in (0.01, 0.5, 50.0):
    _, curve = train_unit(data.X, data.y, w0, lr=lr, epochs=100)
    final[lr] = curve[-1]
    print(f"lr {lr:>5}: loss after 100 epochs {final[lr]:.4f}")
assert final[0.5] < final[0.01]  # 0.01 has barely moved
assert final[50.0] < final[0.5]  # 50 ends lowest, for now
w_min, curve = train_unit(data.X, data.y, w0, lr=20.0, epochs=3000)
minimum = curve[-1]
threshold = 2 / np.linalg.eigvalsh(unit_hessian(data.X, data.y, w_min))[-1]
print(f"minimum loss {minimum:.6f}, 2 / lam_max = {threshold:.2f}")
last = {}
for lr in (40.0, 50.0):
    _, curve = train_unit(data.X, data.y, w0, lr=lr, epochs=2000)
    last[lr] = curve[-2:]
    print(f"lr {lr}: the last two losses {np.round(curve[-2:], 6)}")
assert 40.0 < threshold < 50.0
# Below the threshold: the overshoots shrink, and the run reaches the minimum.
assert np.allclose(last[40.0], minimum, rtol=0, atol=1e-9)
# Above it: the run never settles; it bounces between two losses above the minimum.
bounce = abs(last[50.0][0] - last[50.0][1])
assert min(last[50.0]) > minimum + 1e-3
assert bounce > 1e-4

# %% [markdown]
# ## Exercise 5: a learning rate of zero
#
# What does `train_unit` say to a learning rate of 0, or to data with a
# missing value (NaN)?

# %% tags=["solution"]
with_gap = data.X.copy()
with_gap[0, 0] = np.nan  # one missing value
messages = []
for X, lr in ((data.X, 0.0), (with_gap, 0.5)):
    try:
        train_unit(X, data.y, w0, lr=lr, epochs=10)
    except ValueError as error:
        messages.append(str(error))
print(*messages, sep="\n")
assert "learning rate must be positive" in messages[0]
assert "NaN" in messages[1]
