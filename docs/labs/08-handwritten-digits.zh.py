# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 实验 8：手写数字
#
# [第 8 章](../08-handwritten-digits.md)的要点：要从 $K$
# 个类别中选出一个，最后一层的得分（score）$z_k$ 要经过 softmax 函数
# $\hat y_k = e^{z_k} / \sum_j e^{z_j}$，计算前先减去最大的得分。
# 误差是相对于独热编码（one-hot）期望值的
# 交叉熵（cross-entropy）$E = -\sum_k y_k \ln \hat y_k$，它对得分的梯度是
# $\hat y - y$（对 $m$ 个样本取平均时再除以
# $m$）。初始权重必须各不相同，否则一层中的各个单元会始终一模一样；权重的方差应为
# $1/n$（ReLU 之前为 $2/n$）。`nnlit.classify` 提供 `softmax`、
# `cross_entropy`、`one_hot`、`gradients` 和 `train`；`nnlit.initialisation` 提供
# `scaled_params` 和 `variance_by_layer`。
#
# 每道练习下面都有折叠起来的答案。先自己试，再打开答案：每个答案最后都有必须通过的检查。
# 请从头开始依次运行各个单元格。本实验自己生成小规模的数据，所以除了 nnlit
# 之外什么都不需要。

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
# ## 练习 1：不会溢出的 softmax
#
# 不调用 nnlit，写一个 `stable_softmax(Z)`，它接收形状为 `(K, m)` 的得分
# `Z`，每个样本一列。先在随机得分上把它和 `softmax` 比较，再在一个含有得分 1000
# 的列上比较，这时单用 `np.exp` 就会溢出。


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
# ## 练习 2：检验交叉熵的梯度
#
# 本章推导出，对 $m$ 个样本取平均的交叉熵有
# $\partial E / \partial Z = (\hat Y - Y)/m$。用
# `numerical_gradient`（它接收一个以数组字典为参数的函数）测出这个梯度并比较。再说明：
# 如果忘了 $1/m$，检验能发现这个错误。

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
# ## 练习 3：全为零的初始权重保持对称
#
# 从全为零的权重和偏置出发，训练一个隐藏单元为 sigmoid 的 4-6-3 网络，训练 50
# 轮（epoch），学习率（learning rate）为 1。说明权重变了，但 `W1` 的全部 6
# 行（每个隐藏单元一行）仍然彼此相等，只差矩阵乘积的舍入误差。
# 然后把一个初始权重稍微改动一下，再训练一次：各行就不再相同了。

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
# ## 练习 4：穿过 ReLU 层的方差
#
# 让 500 个样本（每个样本有 100 个标准正态分布的输入）穿过 8 个宽度为 100 的 ReLU
# 层，权重分别用 `scaled_params` 以 gain 1 和 gain 2 抽取。两种情况下，$Z^{[l]}$
# 的方差每层各缩小多少？

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
