# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 实验 3：激活函数
#
# [第 3 章](../03-activations.md)回顾：激活函数 $g$ 为每个单元的 $z$ 引入弯曲；
# sigmoid 函数 $\sigma(z) = 1/(1 + e^{-z})$ 的斜率是
# $\sigma'(z) = \sigma(z)(1 - \sigma(z))$，tanh 的斜率是 $1 - \tanh^2 z$，
# ReLU 的斜率是 0 或 1。nnlit 在 `ACTIVATIONS` 中把每个激活函数和它的导数放在一起，
# `get_activation` 和 `get_derivative` 按名字查找它们。
#
# 每道练习下面都有折叠起来的答案。先自己试，再展开答案：每个
# 答案的最后都有必须通过的检查。请从头开始依次运行各个单元格。

# %%
import numpy as np

from nnlit import ACTIVATIONS, get_activation, get_derivative

# %% [markdown]
# ## 练习 1：检验每个导数
#
# 对 `ACTIVATIONS` 中的每个激活函数，在一组 $z$ 值的网格上，把它的导数和中心差分
# $\big(g(z + h) - g(z - h)\big) / 2h$ 作比较。避开
# $z = 0$，ReLU 在那里有一个折点。

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
# ## 练习 2：sigmoid 在哪里变平
#
# sigmoid 的斜率在 $\sigma'(0) = 1/4$ 处达到峰值。$z$ 超过多少时，斜率会低于
# 峰值的 1%？先用 nnlit 的导数数值求解，再在纸上解
# $\sigma(1 - \sigma) = 1/400$，比较两个结果。

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
# ## 练习 3：tanh 是改头换面的 sigmoid
#
# 证明 $\tanh z = 2\sigma(2z) - 1$：先在纸上证明（把两边都用
# $e^{-2z}$ 表示），再用 nnlit 的这两个函数验证。

# %% tags=["solution"]
# 2 / (1 + e^-2z) - 1 = (1 - e^-2z) / (1 + e^-2z) = tanh z.
sigmoid, tanh = get_activation("sigmoid"), get_activation("tanh")
z = np.linspace(-8, 8, 1001)
gap = np.max(np.abs(tanh(z) - (2 * sigmoid(2 * z) - 1)))
print(f"largest gap {gap:.1e}")
assert gap < 1e-15

# %% [markdown]
# ## 练习 4：梯度消失（vanishing gradient）
#
# 反向传播（backpropagation，第 6 章）每经过一层，就乘上一个激活函数的斜率。
# 经过十个 sigmoid 层，这个乘积最大能有多大？如果换成十个 ReLU 层，
# 并且各层的单元都处于活跃状态呢？

# %% tags=["solution"]
z = np.linspace(-10, 10, 20001)
best_sigmoid = np.max(get_derivative("sigmoid")(z))  # at z = 0
best_relu = np.max(get_derivative("relu")(z))
print(f"sigmoid: {best_sigmoid**10:.2e}, relu: {best_relu**10}")
assert np.isclose(best_sigmoid, 0.25)
assert np.isclose(best_sigmoid**10, 4.0**-10)
assert best_relu**10 == 1.0

# %% [markdown]
# ## 练习 5：要一个不存在的激活函数
#
# 向 nnlit 要一个名为 `"softmax"` 的激活函数。它会说什么？

# %% tags=["solution"]
try:
    get_activation("softmax")
except ValueError as error:
    message = str(error)
print(message)
assert "'softmax'" in message
assert all(name in message for name in ACTIVATIONS)
