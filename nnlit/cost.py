r"""What one gradient costs: backpropagation against finite differences.

Both are counted in multiply-adds of matrix products, the work that grows with
the weights: a product of an ``(p, q)`` by a ``(q, r)`` matrix is :math:`pqr` of
them. The element-wise work (activations, slopes, adding biases) grows only
with the number of units and examples, and is left out.

- One forward pass over ``m`` examples makes one product per layer,
  :math:`F = m \sum_l n_l n_{l-1}`.
- The backward pass of :func:`nnlit.backprop.backward_pass` makes two per layer,
  :math:`dW^{[l]}` and :math:`dA^{[l-1]}`, except that no step needs
  :math:`dA^{[0]}`: :math:`2F - m\, n_1 n_0`.
- Central finite differences make two forward passes for every parameter.
"""

# --8<-- [start:imports]
from collections.abc import Sequence

from nnlit.layers import check_sizes

# --8<-- [end:imports]


# --8<-- [start:counts]
def forward_multiply_adds(sizes: Sequence[int], m: int) -> int:
    """Multiply-adds of one forward pass over ``m`` examples: one product a layer."""
    n = check_sizes(sizes)
    return m * sum(n[l] * n[l - 1] for l in range(1, len(n)))


def backprop_multiply_adds(sizes: Sequence[int], m: int) -> int:
    """One forward and one backward pass: every product :func:`gradients` makes.

    The backward pass makes ``dW`` for every layer and ``dA`` for every layer but
    the input, each product the size of its layer's forward product.
    """
    n = check_sizes(sizes)
    forward = forward_multiply_adds(n, m)
    return forward + 2 * forward - m * n[1] * n[0]


def parameter_count(sizes: Sequence[int], biases: bool = True) -> int:
    """Weights (and biases) of a network with these layer sizes."""
    n = check_sizes(sizes)
    return sum(n[l] * (n[l - 1] + biases) for l in range(1, len(n)))


def finite_difference_multiply_adds(
    sizes: Sequence[int], m: int, biases: bool = True
) -> int:
    """Central differences: two forward passes for every parameter."""
    return 2 * parameter_count(sizes, biases) * forward_multiply_adds(sizes, m)


# --8<-- [end:counts]
