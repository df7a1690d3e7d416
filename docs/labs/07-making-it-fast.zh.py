# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 实验 7：让它跑得快
#
# [第 7
# 章](../07-making-it-fast.md)的要点：矩阵乘积读进来的每个数字都会被用很多次，
# 逐元素运算只用一次，所以一步训练的速度取决于它的大数组穿过内存总线的次数。
# `nnlit.fast.train_fast` 的训练过程与第 6 章的 `train` 完全相同，但它原地计算（in
# place），从每个激活函数的值读出它的斜率（对 sigmoid
# 来说，$\sigma'(z) = a(1 - a)$，其中 $a = \sigma(z)$），并且可以用 float32 计算。
#
# 每道练习下面都有折叠起来的答案。先自己试，再打开答案：每个答案最后都有必须通过的检查。
# 请从头开始依次运行各个单元格。

# %%
import numpy as np

from nnlit import get_activation, get_derivative, init_params, train_network
from nnlit.examples import SPEED_NETWORK
from nnlit.fast import train_fast

# %% [markdown]
# ## 练习 1：每字节的运算次数
#
# 基准测试所用网络（`nnlit.examples` 中的
# `SPEED_NETWORK`：把它打印出来看看）的第一层，在 float64 下把全部 $m$
# 个样本的输入映射到第一个隐藏层。分别数一数乘积 $W A$（读 $W$ 和
# $A$，写结果）所做的浮点运算次数和搬运的字节数，以及对结果做 sigmoid
# 时的运算次数和字节数，这里 sigmoid
# 按四次逐元素遍历计算（每次遍历读写整个数组，每个数字一次运算）。乘积每字节的运算次数是
# sigmoid 的多少倍？

# %% tags=["solution"]
n_in, n_out = SPEED_NETWORK["sizes"][:2]
m, size = SPEED_NETWORK["examples"], np.dtype(np.float64).itemsize
product = 2 * n_out * n_in * m / ((n_out * n_in + n_in * m + n_out * m) * size)
sigmoid = 4 * n_out * m / (4 * 2 * n_out * m * size)  # 1 / 16 per byte
print(f"product {product:.1f}, sigmoid {sigmoid:.4f} operations per byte")
print(f"ratio {product / sigmoid:.0f}")
assert sigmoid == 1 / 16
assert product / sigmoid > 100

# %% [markdown]
# ## 练习 2：从值读出斜率
#
# 在纸上证明：若 $a = \tanh z$，则 $\tanh'(z) = 1 - a^2$；并证明 ReLU
# 的斜率恰好在它的值为正的地方等于 1。然后在一组 $z$
# 的网格上，把这三条规则（sigmoid、tanh、ReLU）和 nnlit 的导数对照检验。

# %% tags=["solution"]
# tanh' = 1 / cosh^2 = (cosh^2 - sinh^2) / cosh^2 = 1 - tanh^2.
z = np.linspace(-5, 5, 1001)
z = z[z != 0]  # ReLU has no slope at 0
from_value = {
    "sigmoid": lambda a: a * (1 - a),
    "tanh": lambda a: 1 - a**2,
    "relu": lambda a: (a > 0).astype(float),
}
for name, rule in from_value.items():
    worst = np.max(np.abs(rule(get_activation(name)(z)) - get_derivative(name)(z)))
    print(f"{name:>7}: largest difference {worst:.1e}")
    assert worst < 1e-15, name

# %% [markdown]
# ## 练习 3：被覆盖的输入
#
# 原地计算时，`np.exp(Z, out=Z)` 之类的运算会把存放 $Z$ 的数组变成激活值
# $A$。一个很容易犯的错误：之后用 `get_derivative("sigmoid")(Z)` 计算斜率，却忘了 `Z`
# 现在存的是 $A$。这样算出的斜率错得有多离谱？

# %% tags=["solution"]
Z = np.linspace(-4, 4, 9)
right = get_derivative("sigmoid")(Z)
Z[:] = get_activation("sigmoid")(Z)  # what the in-place forward pass does
wrong = get_derivative("sigmoid")(Z)  # sigma'(a), not sigma'(z)
from_value = Z * (1 - Z)  # the fast trainer's rule: a (1 - a)
print(np.round(wrong / right, 2))
assert np.allclose(from_value, right)
assert np.max(wrong / right) > 10  # out by more than ten times at the edges

# %% [markdown]
# ## 练习 4：快速版与清晰版一致，float32 几乎一致
#
# 用同样的数据，分别用 `train_network` 和 `train_fast` 以全批量训练同一个 3-8-1
# 网络。权重有多接近？再用 `dtype=np.float32` 训练：这次离 float64
# 的结果有多远？为什么这个差距大致合理？

# %% tags=["solution"]
rng = np.random.default_rng(0)
X, Y = rng.normal(size=(3, 200)), rng.random(size=(1, 200))
start = init_params([3, 8, 1], seed=0)
clear, _ = train_network(X, Y, start, ["tanh", "sigmoid"], lr=0.5, epochs=200)
fast, _ = train_fast(X, Y, start, ["tanh", "sigmoid"], lr=0.5, epochs=200)
small, _ = train_fast(
    X, Y, start, ["tanh", "sigmoid"], lr=0.5, epochs=200, dtype=np.float32
)
same = max(np.max(np.abs(clear[k] - fast[k])) for k in clear)
apart = max(np.max(np.abs(small[k] - fast[k])) for k in fast)
print(f"fast vs clear: {same:.1e}; float32 vs float64: {apart:.1e}")
# float32 keeps about 7 significant digits (its epsilon is about 1.2e-7), and
# 200 steps of rounding add up to a little more than that.
assert same < 1e-12
assert small["W1"].dtype == np.float32
assert np.finfo(np.float32).eps < apart < 1e-4
