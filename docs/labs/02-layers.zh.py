# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 实验 2：层
#
# [第 2 章](../02-layers.md)回顾：第 $l$ 层有 $n_l$ 个单元、一个形状为 $(n_l, n_{l-1})$
# 的权重矩阵 $W^{[l]}$ 和一个形状为 $(n_l, 1)$ 的偏置 $b^{[l]}$。
# 把 $m$ 个样本作为 $X = A^{[0]}$ 的各列，每一层
# 计算 $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$ 和 $A^{[l]} = g(Z^{[l]})$。
# nnlit 的 `init_params` 生成参数，`forward` 执行正向操作，
# 返回预测值和一个缓存，缓存里存着每个 $Z^{[l]}$ 和 $A^{[l]}$。
#
# 每道练习下面都有折叠起来的答案。先自己试，再展开答案：每个
# 答案的最后都有必须通过的检查。请从头开始依次运行各个单元格。

# %%
import numpy as np

from nnlit import forward, init_params

# %% [markdown]
# ## 练习 1：数一数参数
#
# 一个网络的各层大小为 $[4, 5, 3, 1]$。在问 nnlit 之前，先写出每个
# $W^{[l]}$ 和 $b^{[l]}$ 的形状，以及参数的总数。

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
# ## 练习 2：预测缓存
#
# 让七个样本通过这个网络。缓存里存着哪些数组？每个数组是什么形状？
# 先预测，再检验。

# %% tags=["solution"]
# A0 is the input (4, 7); then Z and A of each layer share the shape (n_l, 7).
X = np.random.default_rng(1).normal(size=(4, 7))
y_hat, cache = forward(X, params)
print({name: value.shape for name, value in cache.items()})
for l, n in enumerate([4, 5, 3, 1]):
    assert cache[f"A{l}"].shape == (n, 7)
assert y_hat is cache["A3"]

# %% [markdown]
# ## 练习 3：手算一层
#
# 自己用 `@` 和 `+` 算出 $Z^{[1]}$，和缓存里的结果比较；然后
# 说明输出的每一列，都等于那个样本单独通过网络时得到的结果。

# %% tags=["solution"]
Z1 = params["W1"] @ X + params["b1"]  # (5, 4) @ (4, 7) + (5, 1): b1 broadcasts
assert np.allclose(Z1, cache["Z1"])
alone = forward(X[:, [3]], params)[0]  # example 3 as a (4, 1) batch
print(alone[0, 0], y_hat[0, 3])
assert np.allclose(alone[:, 0], y_hat[:, 3])

# %% [markdown]
# ## 练习 4：样本按行存放
#
# 许多数据集每行存一个样本。把形状为 $(7, 4)$ 的 `X.T` 传给
# `forward`。会发生什么？报错信息有没有告诉你该怎么改？

# %% tags=["solution"]
try:
    forward(X.T, params)
except ValueError as error:
    message = str(error)
print(message)
assert "(7, 4)" in message
assert "one column per example" in message

# %% [markdown]
# ## 练习 5：没有激活函数，深度毫无用处
#
# 取恒等激活函数 $g(z) = z$，说明一个两层网络算出的结果，
# 与一个 $W = W^{[2]} W^{[1]}$、$b = W^{[2]} b^{[1]} + b^{[2]}$ 的单层网络
# 完全相同。（这就是第 3 章需要会弯曲的激活函数的原因。）

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
