# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 实验 6：反向传播
#
# [第 6 章](../06-backpropagation.md)的要点：反向操作（backward
# pass）把输出的误差变成每一层的梯度，从最后一层算到第一层：
# $dZ^{[l]} = dA^{[l]} \odot g'(Z^{[l]})$，$dW^{[l]} = dZ^{[l]} A^{[l-1]\top}$，
# $db^{[l]} = \sum_{\text{各列}} dZ^{[l]}$，以及
# $dA^{[l-1]} = W^{[l]\top} dZ^{[l]}$。梯度检验（gradient
# checking）把它和有限差分比较。nnlit 的 `gradients` 运行正向和反向两遍计算，`backward`
# 只运行反向那一遍，`numerical_gradient` 和 `relative_error` 负责检验，`train_network`
# 负责训练。
#
# 每道练习下面都有折叠起来的答案。先自己试，再打开答案：每个答案最后都有必须通过的检查。
# 请从头开始依次运行各个单元格。

# %%
import numpy as np

from nnlit import (
    backward,
    forward,
    gradients,
    init_params,
    numerical_gradient,
    relative_error,
    train_network,
)
from nnlit.examples import xor_points

rng = np.random.default_rng(0)
X, Y = rng.normal(size=(3, 10)), rng.random(size=(1, 10))
params = init_params([3, 4, 1], seed=0)
params["b1"] += rng.normal(size=(4, 1))  # non-zero biases

# %% [markdown]
# ## 练习 1：检验梯度
#
# 对一个 3-4-1 网络（先 tanh，后 sigmoid），把 `gradients` 的结果和误差的
# `numerical_gradient` 比较。相对误差有多小？

# %% tags=["solution"]
g = ["tanh", "sigmoid"]
_, analytic = gradients(X, Y, params, g)
numeric = numerical_gradient(lambda p: gradients(X, Y, p, g)[0], params)
good = relative_error(analytic, numeric)
print(f"relative error {good:.1e}")
assert good < 1e-8

# %% [markdown]
# ## 练习 2：弄坏它，再抓住它
#
# 一个经典的错误：正向操作（forward pass，也常叫前向传播）在隐藏层用的是
# tanh，反向操作在那里用的却是 sigmoid 的导数。用 `forward` 和 `backward`
# 故意犯这个错误，再让梯度检验把它找出来。

# %% tags=["solution"]
_, cache = forward(X, params, g)
buggy = backward(params, cache, Y, ["sigmoid", "sigmoid"])  # wrong g' in layer 1
bad = relative_error(buggy, numeric)
print(f"relative error {bad:.2f}")
assert bad > 1e-2  # millions of times the error of the right gradient
assert np.allclose(buggy["dW2"], analytic["dW2"])  # the last layer is still right

# %% [markdown]
# ## 练习 3：预测训练在哪里失控
#
# 用一个恒等单元 $\hat Y = W X + b$
# 去拟合带噪声的线性数据，也就是拟合一条直线。这时误差是一个碗状的二次函数，其曲率矩阵为
# $H = \tilde X \tilde X^\top / m$，其中 $\tilde X$ 是给 $X$ 添上一行（元素全为一，对应
# $b$）后得到的矩阵。当 $\eta < 2/\lambda_{\max}(H)$
# 时梯度下降收敛，超过它则发散。算出这个界限，然后分别用略低于和略高于它的学习率训练。

# %% tags=["solution"]
X2 = rng.normal(loc=1.0, size=(2, 50))
Y2 = np.array([[2.0, -1.0]]) @ X2 + 0.5 + 0.1 * rng.normal(size=(1, 50))
X_tilde = np.vstack([X2, np.ones((1, 50))])
limit = 2 / np.max(np.linalg.eigvalsh(X_tilde @ X_tilde.T / 50))
line = init_params([2, 1], seed=0)
_, below = train_network(X2, Y2, line, "identity", lr=0.95 * limit, epochs=2000)
try:
    train_network(X2, Y2, line, "identity", lr=1.5 * limit, epochs=2000)
except FloatingPointError as error:
    message = str(error)
print(f"limit {limit:.4f}; below it the loss ends at {below[-1]:.5f}")
print(message)
assert below[-1] < 0.01
assert "diverged at epoch" in message

# %% [markdown]
# ## 练习 4：学会 XOR
#
# 第 3 章的 XOR 网络，权重是手工设定的。从随机权重出发训练一个 2-3-1 网络（先 tanh，后
# sigmoid），直到它把四个点全部判断正确。

# %% tags=["solution"]
X4, y4 = xor_points()
trained, losses = train_network(
    X4,
    y4[None, :],
    init_params([2, 3, 1], seed=1),
    ["tanh", "sigmoid"],
    lr=2.0,
    epochs=3000,
)
y_hat, _ = forward(X4, trained, ["tanh", "sigmoid"])
print(f"loss {losses[0]:.4f} -> {losses[-1]:.4f}; outputs {np.round(y_hat[0], 3)}")
assert np.array_equal(y_hat[0] > 0.5, y4 == 1)
