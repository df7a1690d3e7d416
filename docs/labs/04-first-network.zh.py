# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 实验 4：第一个网络
#
# [第 4 章](../04-first-network.md)回顾：原笔记的第一个网络有
# 两个输入，权重 $w = (0.1, 0.8)$，偏置 $b = -0.1$，输出用 sigmoid 函数：
# $\hat y = \sigma(w_1 x_1 + w_2 x_2 + b)$。在 nnlit 中，它只需调用一次
# `neuron`；有隐藏层的网络只需调用一次 `forward`。
#
# 每道练习下面都有折叠起来的答案。先自己试，再展开答案：每个
# 答案的最后都有必须通过的检查。请从头开始依次运行各个单元格。

# %%
import itertools

import numpy as np

from nnlit import forward, init_params, neuron
from nnlit.examples import SOURCE_NETWORK_SIZES, xor_network, xor_points

w, b = np.array([0.1, 0.8]), -0.1

# %% [markdown]
# ## 练习 1：站在分界线上
#
# 找一个输入 $(x_1, x_2)$，使这个网络的输出恰好是 $0.5$。然后
# 描述所有这样的输入。

# %% tags=["solution"]
# sigma(z) = 0.5 exactly when z = 0: every point on the line 0.1 x1 + 0.8 x2 = 0.1,
# for instance (1, 0) or (-7, 1).
for point in ([1.0, 0.0], [-7.0, 1.0]):
    print(point, neuron(point, w, b))
    assert neuron(point, w, b) == 0.5

# %% [markdown]
# ## 练习 2：哪个输入更重要？
#
# 在 $x = (0.7, -0.3)$ 处，把每个输入分别改动 $10^{-6}$。哪一个让
# 输出变化得更多？是另一个的几倍？先根据权重预测这个倍数。

# %% tags=["solution"]
# d y_hat / d x_i = sigma'(z) w_i, so the ratio is w_2 / w_1 = 8.
x, h = np.array([0.7, -0.3]), 1e-6
slopes = [
    (neuron(x + h * e, w, b) - neuron(x - h * e, w, b)) / (2 * h) for e in np.eye(2)
]
print(f"slopes {slopes[0]:.6f} and {slopes[1]:.6f}, ratio {slopes[1] / slopes[0]:.6f}")
assert np.isclose(slopes[1] / slopes[0], 8.0)

# %% [markdown]
# ## 练习 3：单个神经元算不出 XOR
#
# 当恰好有一个输入为 1 时，XOR 输出 1。在权重和偏置的网格上
# （比如从 $-10$ 到 $10$ 的每个整数）搜索一个能把四个点全部判对的神经元，
# 输出以 0.5 为界取舍。最好的神经元能判对几个？
# 然后检验 nnlit 中手工设定的 2-2-1 网络 `xor_network` 能把四个点全部判对。

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
# ## 练习 4：原笔记中更大的网络
#
# 按 nnlit 为原笔记示例网络设定的大小搭一个网络
# （`SOURCE_NETWORK_SIZES`：原笔记的图已经丢失，所以隐藏层的宽度
# 是 nnlit 自己选的），让五个随机点通过它，
# 说出输出的形状，并解释为什么每个值都严格地
# 落在 0 和 1 之间。

# %% tags=["solution"]
# One output unit and five examples: (1, 5). Sigmoid outputs are always in (0, 1).
params = init_params(SOURCE_NETWORK_SIZES, seed=0)
X5 = np.random.default_rng(0).normal(size=(SOURCE_NETWORK_SIZES[0], 5))
out, _ = forward(X5, params)
print(SOURCE_NETWORK_SIZES, out.shape)
assert out.shape == (1, 5)
assert np.all((out > 0) & (out < 1))
