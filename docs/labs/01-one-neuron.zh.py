# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 实验 1：一个神经元
#
# [第 1 章](../01-one-neuron.md)回顾：神经元由输入算出 $z = \mathbf{w} \cdot
# \mathbf{x} + b$，再输出 $a = g(z)$，这里 $g$ 取 sigmoid 函数
# $\sigma(z) = 1/(1 + e^{-z})$。nnlit 用 `neuron_input` 和 `neuron_output`
# 分别计算两个半边，用 `neuron` 计算整个单元。
#
# 每道练习下面都有折叠起来的答案。先自己试，再展开答案：每个
# 答案的最后都有必须通过的检查。请从头开始依次运行各个单元格。

# %%
import math

import numpy as np

from nnlit import neuron, neuron_input, neuron_output

# %% [markdown]
# ## 练习 1：先手算，再机算
#
# 一个神经元的权重为 $\mathbf{w} = (0.5, -1)$，偏置为 $b = 0.5$。对输入
# $\mathbf{x} = (2, 1)$，先在纸上算出 $z$ 和 $a$，再用 nnlit 核对
# 你的结果。

# %% tags=["solution"]
# z = 0.5 * 2 + (-1) * 1 + 0.5 = 0.5, and a = 1 / (1 + e^-0.5)
x, w, b = np.array([2.0, 1.0]), np.array([0.5, -1.0]), 0.5
z = neuron_input(x, w, b)
a = neuron_output(z)
print(f"z = {z:.4f}, a = {a:.4f}")
assert math.isclose(z, 0.5)
assert math.isclose(a, 1 / (1 + math.exp(-0.5)))

# %% [markdown]
# ## 练习 2：预测形状
#
# 五个样本，每个有三个输入，作为各列存放在数组 `X` 中。
# `X` 的形状是什么？`neuron(X, w, b)` 返回的形状又是什么？
# 先想好答案，再运行代码。

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
# ## 练习 3：权重就是斜率
#
# 第 1 章说明了 $\partial z / \partial x_i = w_i$。经过 sigmoid 函数后，
# 由链式法则（chain rule）得 $\partial a / \partial x_i = \sigma'(z)\, w_i$，其中
# $\sigma'(z) = \sigma(z)(1 - \sigma(z))$。用有限差分检验这个结果：
# 把 $x_1$ 分别改动 $\pm 10^{-6}$，再把 $a$ 的变化量除以
# $2 \times 10^{-6}$。

# %% tags=["solution"]
x, w, b, h = np.array([0.3, -1.2]), np.array([1.5, 0.7]), 0.1, 1e-6
a = neuron(x, w, b)
slope = a * (1 - a) * w[0]  # the chain rule
nudge = np.array([h, 0.0])
finite = (neuron(x + nudge, w, b) - neuron(x - nudge, w, b)) / (2 * h)
print(f"chain rule {slope:.8f}, finite difference {finite:.8f}")
assert abs(slope - finite) < 1e-8

# %% [markdown]
# ## 练习 4：计算 AND 的神经元
#
# 选取 $w_1, w_2, b$，使神经元在四个输入 $(0,0), (0,1), (1,0), (1,1)$ 上，
# 对 $(1, 1)$ 的输出大于 0.9，对另外三个的输出小于 0.1。
# 提示：只有当两个输入都是 1 时，$z$ 才应该是一个很大的正数。

# %% tags=["solution"]
# Each input adds 10; the bias -15 keeps z negative unless both are on.
inputs = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)  # columns
y_hat = neuron(inputs, np.array([10.0, 10.0]), -15.0)
print(np.round(y_hat, 4))
assert y_hat[3] > 0.9
assert np.all(y_hat[:3] < 0.1)

# %% [markdown]
# ## 练习 5：喂给它形状不对的输入
#
# 有两个权重的神经元不能接收三个输入。如果你硬要这样做，nnlit 会怎样？
# 一个悄悄广播的库会交回一个错误的答案；看看这个库是不是这样。

# %% tags=["solution"]
try:
    neuron(np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0]), 0.0)
except ValueError as error:
    message = str(error)
print(message)
assert "shape" in message
assert "(2,)" in message
assert "(3,)" in message
