# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 实验 5：梯度下降
#
# [第 5 章](../05-gradient-descent.md)的要点：一个 sigmoid 单元
# $\hat y = \sigma(\mathbf{w} \cdot \mathbf{x})$
# 通过让每个权重逆着误差的斜率走一步来学习。对一条记录，误差项（error term）是
# $\delta = (y - \hat y)\, \sigma'(h)$，一步为
# $\Delta \mathbf{w} = \eta\, \delta\, \mathbf{x}$；对 $m$ 条记录，则把各步取平均。nnlit
# 的 `update_step` 走一步，`train_unit` 则一次用全部记录训练。只要
# $\eta < 2/\lambda_{\max}$，一步即使越过了谷底，也仍然会收敛；其中 $\lambda_{\max}$
# 是最小值处黑塞矩阵（Hessian，即曲率）的最大特征值。
#
# 每道练习下面都有折叠起来的答案。先自己试，再打开答案：每个答案最后都有必须通过的检查。
# 请从头开始依次运行各个单元格。

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
# ## 练习 1：手算一步
#
# 取 $\mathbf{x} = (1, 2)$，$y = 1$，$\mathbf{w} = (0.5, -0.5)$，
# $\eta = 0.5$，只用 `math` 算出 $h$、$\hat y$、$\delta$ 和 $\Delta\mathbf{w}$，再和
# `update_step` 的结果比较。

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
# ## 练习 2：这一步是下坡
#
# 对所有记录取平均后，一步为 $\eta\, X\boldsymbol\delta / m$。
# 用有限差分说明：$X\boldsymbol\delta / m$ 等于
# $E(\mathbf{w}) = \frac{1}{2m}\sum (y - \hat y)^2$ 的梯度取负。


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
# ## 练习 3：训练，并掂量一下成绩
#
# 从 `w0` 出发，用 $\eta = 0.5$ 在录取数据上训练 1000
# 轮（epoch）。损失下降了吗？把测试准确率（test
# accuracy）和总是回答最常见的标签“rejected”（未录取）的准确率比较，
# 并参照测试集的标准误差
# $\sqrt{p(1 - p)/n}$。凭这些测试记录，
# 能分辨出两者的高下吗？`split_scores(simulate_admissions(), 42)`
# 说，在这里最好的规则（贝叶斯决策规则，Bayes rule）预期能得多少分？

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
# ## 练习 4：太慢、太快、太远
#
# 分别用 $0.01, 0.5, 50$ 中的每个学习率（learning rate）训练 100
# 轮。哪一个最后的损失最低？然后找出最小值（用 $\eta = 20$ 训练 3000 轮），算出那里
# `unit_hessian` 的最大特征值 $\lambda_{\max}$，以及阈值 $2/\lambda_{\max}$。再分别用
# $\eta = 40$ 和 $\eta = 50$ 训练 2000 轮：哪一个到达了最小值？

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
# ## 练习 5：学习率为零
#
# 如果学习率为 0，或者数据中有缺失值（NaN），`train_unit` 会说什么？

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
