"""Small problems and networks that the chapters reuse.

XOR and its hand-set network are fixed, so a reader can check them by hand; the
two rings are drawn with a seed, and the network for them is trained once.
"""

# --8<-- [start:imports]
from functools import cache

import numpy as np

from nnlit.backprop import train
from nnlit.gradient_descent import share_correct
from nnlit.layers import Params, forward, init_params

# --8<-- [end:imports]

# --8<-- [start:source_network]
#: The source's example network: inputs x1 and x2 (layer 0), two hidden layers
#: and one output unit, "a 3-layer network". The source's figure is lost; these
#: hidden widths are ours, chosen unequal so that every shape is different.
SOURCE_NETWORK_SIZES = (2, 4, 3, 1)
# --8<-- [end:source_network]


# --8<-- [start:xor]
def xor_points() -> tuple[np.ndarray, np.ndarray]:
    """The four corners of the unit square, labelled 1 where exactly one input is 1.

    Returns
    -------
    X : ndarray, shape (2, 4)
        Examples as columns.
    y : ndarray, shape (4,)
    """
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    return X, np.array([0.0, 1.0, 1.0, 0.0])


def xor_network() -> Params:
    """A 2-2-1 sigmoid network, weights set by hand, that computes XOR.

    Hidden unit 1 fires for "x1 OR x2", hidden unit 2 for "x1 AND x2"; the
    output fires for "OR but not AND". The large weights make each sigmoid
    close to a step.
    """
    return {
        "W1": np.array([[20.0, 20.0], [20.0, 20.0]]),
        "b1": np.array([[-10.0], [-30.0]]),
        "W2": np.array([[20.0, -20.0]]),
        "b2": np.array([[-10.0]]),
    }


# --8<-- [end:xor]


def best_linear_split(X: np.ndarray, y: np.ndarray, n_angles: int = 720) -> tuple:
    """Search all straight lines for the one that classifies the most points.

    Tries ``n_angles`` directions; for each, every threshold halfway between two
    projected points. Among equally accurate lines it keeps the one farthest
    from its nearest point. Returns ``(w, c, accuracy)`` for the rule
    ``w @ x > c``, with ``w`` a unit vector.
    """
    best, best_key = (None, None, 0.0), (-1.0, -1.0)
    for theta in np.linspace(0, 2 * np.pi, n_angles, endpoint=False):
        w = np.array([np.cos(theta), np.sin(theta)])
        p = np.sort(w @ X)
        for c in (p[:-1] + p[1:]) / 2:
            accuracy = float(np.mean((w @ X > c) == (y == 1)))
            key = (accuracy, float(np.min(np.abs(p - c))))  # then the widest margin
            if key > best_key:
                best, best_key = (w, c, accuracy), key
    return best


# --8<-- [start:circles]
def circles(
    n: int = 400, seed: int = 0, noise: float = 0.08
) -> tuple[np.ndarray, np.ndarray]:
    """Two noisy rings: label 1 on the inner ring (radius 0.5), 0 on the outer (1).

    No straight line separates them; a network with a hidden layer can.

    Returns
    -------
    X : ndarray, shape (2, n)
    y : ndarray, shape (n,)
    """
    rng = np.random.default_rng(seed)
    y = (np.arange(n) % 2).astype(float)
    radius = np.where(y == 1, 0.5, 1.0) + rng.normal(0, noise, n)
    angle = rng.uniform(0, 2 * np.pi, n)
    return np.stack([radius * np.cos(angle), radius * np.sin(angle)]), y


# --8<-- [end:circles]


# --8<-- [start:trained_circles]
#: The network chapter 6 trains on the two rings, and how.
CIRCLES_NETWORK = {
    "sizes": (2, 8, 8, 1),
    "g": ("tanh", "tanh", "sigmoid"),
    "lr": 2.0,
    "epochs": 300,
    "batch_size": 32,
}


@cache  # a figure and a fact both need it: train once per build
def trained_circles_network() -> tuple[Params, tuple[str, ...], float]:
    """Train :data:`CIRCLES_NETWORK` on :func:`circles`; test it on fresh points.

    Returns the parameters, the activations and the accuracy on as many new
    points, drawn with another seed. The result is shared between callers:
    read it, do not change it.
    """
    net = CIRCLES_NETWORK
    X, y = circles(seed=0)
    start = init_params(net["sizes"], seed=0)
    settings = {key: net[key] for key in ("lr", "epochs", "batch_size")}
    params, _ = train(X, y[None, :], start, net["g"], **settings, seed=0)
    X_new, y_new = circles(seed=1)
    return (
        params,
        net["g"],
        share_correct(forward(X_new, params, net["g"])[0][0], y_new),
    )


# --8<-- [end:trained_circles]


# --8<-- [start:speed_network]
#: The compute-bound network chapter 7's benchmark (bench/train_speed.py) times:
#: sigmoid layers with biases on random examples, large enough that the matrix
#: products, not Python, take the time.
SPEED_NETWORK = {"sizes": (256, 512, 512, 10), "examples": 20_000, "lr": 0.5}
# --8<-- [end:speed_network]
