"""What each figure drew, held against what it claims to show.

A figure can run, render and look right while plotting the wrong thing (twice
the slope, tanh under the title sigmoid). Each check reads the data back out of
the drawn :class:`~matplotlib.figure.Figure` and compares it with an independent
formula, or with the nnlit function the page says the figure shows. Each
returns the problems it found, as sentences.
"""

import re
from collections.abc import Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Wedge
from matplotlib.path import Path

from nnlit import digits
from nnlit.course import backprop_exercise, gradient_descent_exercise
from nnlit.data import simulate_admissions
from nnlit.examples import (
    SOURCE_NETWORK_SIZES,
    best_linear_split,
    circles,
    trained_circles_network,
    xor_network,
    xor_points,
)
from nnlit.figures.words import word
from nnlit.gradient_descent import BOWL
from nnlit.layers import forward

# The activations from their textbook formulas, not from nnlit.
FORMULAS = {
    "sigmoid": (
        lambda z: 1 / (1 + np.exp(-z)),
        lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2,
    ),
    "tanh": (np.tanh, lambda z: 1 / np.cosh(z) ** 2),
    "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float)),
    "leaky_relu": (
        lambda z: np.where(z > 0, z, 0.01 * z),
        lambda z: np.where(z > 0, 1.0, 0.01),
    ),
}


def _close(name: str, drawn: np.ndarray, expected: np.ndarray) -> list[str]:
    if drawn.shape == expected.shape and np.allclose(drawn, expected, atol=1e-9):
        return []
    return [f"{name}: the curve drawn is not the one it claims to show"]


def activation(name: str) -> Callable[[Figure], list[str]]:
    """The curves of ``activation-<name>``: g(z) first, then g'(z), titled name."""

    def check(fig: Figure) -> list[str]:
        ax = fig.axes[0]
        value, slope = ax.lines[0], ax.lines[1]
        g, g_prime = FORMULAS[name]
        z = np.asarray(value.get_xdata())
        title = ax.get_title()
        problems = [] if title == word(name) else [f"titled {title!r}"]
        problems += _close("g(z)", np.asarray(value.get_ydata()), g(z))
        return problems + _close("g'(z)", np.asarray(slope.get_ydata()), g_prime(z))

    return check


def neuron_output(fig: Figure) -> list[str]:
    """Each labelled curve is sigma(w x + b) for the w and b in its label."""
    problems = []
    for ax in fig.axes:
        for line in ax.lines:
            w, b = map(float, re.findall(r"-?[\d.]+", line.get_label()))
            x = np.asarray(line.get_xdata())
            expected = 1 / (1 + np.exp(-(w * x + b)))
            problems += _close(line.get_label(), np.asarray(line.get_ydata()), expected)
    return problems


def descent(fig: Figure) -> list[str]:
    """Each panel: E(w) = (1 - w)^2 / 2, and steps w += eta (1 - w) from its title."""
    problems = []
    for ax in fig.axes:
        curve, path = ax.lines[0], ax.lines[1]
        w = np.asarray(curve.get_xdata())
        problems += _close("E(w)", np.asarray(curve.get_ydata()), 0.5 * (1 - w) ** 2)
        lr, steps = map(float, re.findall(r"[\d.]+", ax.get_title())[:2])
        visited = [float(np.asarray(path.get_xdata())[0])]
        for _ in range(int(steps)):
            visited.append(visited[-1] + lr * (1 - visited[-1]))
        problems += _close(
            f"eta = {lr:g}", np.asarray(path.get_xdata()), np.array(visited)
        )
        heights = 0.5 * (1 - np.asarray(visited)) ** 2
        problems += _close("the path's heights", np.asarray(path.get_ydata()), heights)
    return problems


def _bowl_path(lr: float) -> np.ndarray:
    """Gradient descent on the bowl in closed form: w* + (I - eta H)^t (w0 - w*)."""
    X, y, start = BOWL["X"], BOWL["y"], BOWL["start"]
    H = X @ X.T / X.shape[1]
    w_star = np.linalg.lstsq(X.T, y, rcond=None)[0]
    step = np.eye(len(start)) - lr * H
    powers = [np.linalg.matrix_power(step, t) for t in range(BOWL["steps"] + 1)]
    return np.array([w_star + P @ (start - w_star) for P in powers])


def _contour_problems(ax: Axes) -> list[str]:
    """Every point on a contour line drawn at level L has E = L, to the grid's error."""
    X, y = BOWL["X"], BOWL["y"]
    (lines,) = [c for c in ax.collections if isinstance(c, ContourSet)] or [None]
    if lines is None:
        return ["no contour lines drawn"]
    problems = []
    for level, path in zip(lines.levels, lines.get_paths(), strict=True):
        w = path.vertices  # (k, 2): points on the line
        E = 0.5 * np.mean((y[None, :] - w @ X) ** 2, axis=1)
        if len(w) == 0 or not np.allclose(E, level, rtol=0, atol=1e-3):
            problems.append(f"the contour line at E = {level:.3g} is not where E is")
    return problems


def bowl(fig: Figure) -> list[str]:
    """Contours of the bowl's E; each path is gradient descent at its title's rate.

    The rates are in the order the page describes them: two below 1/lambda_max
    (creeping, then good), one between 1/lambda_max and 2/lambda_max
    (oscillating), one above 2/lambda_max (diverging).
    """
    lam_max = np.linalg.eigvalsh(BOWL["X"] @ BOWL["X"].T / BOWL["X"].shape[1])[-1]
    problems, rates = [], []
    for ax in fig.axes:
        (lr,) = map(float, re.findall(r"[\d.]+", ax.get_title()))
        rates.append(lr)
        problems += _contour_problems(ax)
        path = ax.lines[0]
        drawn = np.column_stack([path.get_xdata(), path.get_ydata()])
        problems += _close(f"the path at eta = {lr:g}", drawn, _bowl_path(lr))
    a, b, c, d = rates
    if not a < b < 1 / lam_max < c < 2 / lam_max < d:
        problems.append(f"the rates {rates} are not in their regimes")
    return problems


def losses_of(run: Callable[..., dict]) -> Callable[[Figure], list[str]]:
    """The curve is the loss after every epoch of the course's exercise."""

    def check(fig: Figure) -> list[str]:
        line = fig.axes[0].lines[0]
        expected = np.asarray(run(simulate_admissions())["all_losses"])
        epochs = np.arange(len(expected), dtype=float)
        problems = _close("the epochs", np.asarray(line.get_xdata()), epochs)
        return problems + _close("the loss", np.asarray(line.get_ydata()), expected)

    return check


def titled_accuracies(*expected: str) -> Callable[[Figure], list[str]]:
    """Each panel's title ends with the accuracy the page's text gives for it."""

    def check(fig: Figure) -> list[str]:
        titles = [ax.get_title() for ax in fig.axes]
        wrong = [t for t, e in zip(titles, expected, strict=True) if not t.endswith(e)]
        return [f"title {t!r} does not give the computed accuracy" for t in wrong]

    return check


def _grid(values: np.ndarray) -> np.ndarray:
    """The grid coordinates a filled contour was computed on, read off its vertices.

    A region of a 0/1 grid is bounded by the grid's edge, through its nodes, and
    by lines through the midpoints between a 0 node and a 1 node. So every
    vertex lies on a lattice of half a cell (or of a cell, where no boundary
    crosses), and the even points of that lattice are nodes of the grid.
    """
    lattice = np.unique(np.round(values, 9))
    steps = round((lattice[-1] - lattice[0]) / np.min(np.diff(lattice)))
    n = steps + 1 if steps % 2 else steps // 2 + 1
    return np.linspace(values.min(), values.max(), n)


def _inside(path: Path, points: np.ndarray) -> np.ndarray:
    """Which of ``points`` (rows) a region's outlines enclose, holes left out."""
    polygons = path.to_polygons(closed_only=True)
    hits = [Path(polygon).contains_points(points) for polygon in polygons]
    return np.logical_xor.reduce(hits, axis=0) if hits else np.zeros(len(points), bool)


def _corners(path: Path) -> np.ndarray:
    """A path's vertices, as rows ``(x, y)``, without the markers that close it."""
    if path.codes is None:
        return path.vertices.reshape(-1, 2)
    return path.vertices[path.codes != Path.CLOSEPOLY]


def drawn_regions(ax: Axes) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The grid nodes inside the plot, whether each is shaded "predicts 1", problems.

    Read back from the filled contour the panel drew: its band from 0.5 to 1.5
    is where the model predicts 1, and that band must be the orange one (the
    captions say so), the other blue.
    """
    shading = [c for c in ax.collections if isinstance(c, ContourSet)]
    if len(shading) != 1 or list(shading[0].levels) != [-0.5, 0.5, 1.5]:
        return np.zeros((2, 0)), np.zeros(0, bool), ["no two regions drawn"]
    paths = shading[0].get_paths()
    vertices = np.concatenate([_corners(path) for path in paths])
    x1, x2 = np.meshgrid(_grid(vertices[:, 0])[1:-1], _grid(vertices[:, 1])[1:-1])
    nodes = np.stack([x1.ravel(), x2.ravel()])  # inside: the edge is on both outlines
    zero, one = (_inside(path, nodes.T) for path in paths)
    problems = [] if np.all(zero ^ one) else ["the regions overlap or leave gaps"]
    (r0, _, b0, _), (r1, _, b1, _) = shading[0].get_facecolor()
    if not (r1 > b1 and b0 > r0):
        problems.append("the region predicted 1 is not the orange one")
    return nodes, one, problems


def regions_of(predict: Callable[[np.ndarray], np.ndarray], panel: str):
    """A panel's shaded regions are where ``predict`` scores above 0.5."""

    def check(ax: Axes) -> list[str]:
        nodes, shaded, problems = drawn_regions(ax)
        wrong = int(np.sum(shaded != (predict(nodes) > 0.5)))
        if wrong:
            problems.append(
                "the regions drawn differ from the model's predictions"
                f" at {wrong} of {shaded.size} grid points"
            )
        return [f"{panel}: {problem}" for problem in problems]

    return check


def points_of(X: np.ndarray, y: np.ndarray, panel: str):
    """A panel's points: white for label 0 drawn first, then black for label 1."""

    def check(ax: Axes) -> list[str]:
        drawn = [c for c in ax.collections if not isinstance(c, ContourSet)]
        if len(drawn) != 2:
            return [f"{panel}: {len(drawn)} sets of points drawn, not 2"]
        problems = []
        for label, points, colour in zip(
            (0, 1), drawn, ("white", "black"), strict=True
        ):
            expected = X[:, y == label].T
            offsets = np.asarray(points.get_offsets())
            if offsets.shape != expected.shape or not np.allclose(offsets, expected):
                problems.append(
                    f"{panel}: the points of label {label} are not the data"
                )
            if not np.allclose(points.get_facecolor(), to_rgba(colour)):
                problems.append(
                    f"{panel}: the points of label {label} are not {colour}"
                )
        return problems

    return check


def xor(fig: Figure) -> list[str]:
    """XOR: the best straight line's regions, then the hand-set network's."""
    X, y = xor_points()
    w, c, _ = best_linear_split(X, y)
    predictors = (
        ("the straight line", lambda P: (w @ P > c).astype(float)),
        ("the network", lambda P: forward(P, xor_network())[0][0]),
    )
    problems = titled_accuracies("75%", "100%")(fig)  # 3 of 4 for any line; all 4
    for ax, (panel, predict) in zip(fig.axes, predictors, strict=True):
        problems += regions_of(predict, panel)(ax) + points_of(X, y, panel)(ax)
    return problems


def circles_figure(fig: Figure) -> list[str]:
    """The two rings: the trained network's regions, fresh points, its accuracy."""
    params, g, accuracy = trained_circles_network()
    ax = fig.axes[0]
    predict = regions_of(lambda P: forward(P, params, g)[0][0], "the network")
    problems = titled_accuracies(f"{accuracy:.0%}")(fig) + predict(ax)
    return problems + points_of(*circles(seed=1), "new points")(ax)


def units(sizes: tuple[int, ...]) -> Callable[[Figure], list[str]]:
    """A network diagram draws one circle per unit, and labels each layer."""

    def check(fig: Figure) -> list[str]:
        ax = fig.axes[0]
        drawn = sum(isinstance(p, Circle) for p in ax.patches)
        labels = {t.get_text() for t in ax.texts}
        problems = []
        if drawn != sum(sizes):
            problems.append(f"{drawn} units drawn, not {sum(sizes)}")
        missing = {word("layer", l=l) for l in range(len(sizes))} - labels
        return problems + [f"no label {m!r}" for m in sorted(missing)]

    return check


def backprop_diagram(fig: Figure) -> list[str]:
    """Chapter 2's network, one arrow labelled forward and one labelled backward."""
    starts = [t.get_text().split(":")[0] for t in fig.axes[0].texts]
    missing = [
        f"no {way} label" for way in ("forward", "backward") if word(way) not in starts
    ]
    return units(SOURCE_NETWORK_SIZES)(fig) + missing


def neuron_diagram(fig: Figure) -> list[str]:
    """The two halves are drawn, and labelled with their formulas."""
    ax = fig.axes[0]
    texts = {t.get_text() for t in ax.texts}
    needed = {
        word("input_half") + ": $z = wx + b$",
        word("output_half") + ": $a = g(z)$",
    }
    halves = sum(isinstance(p, Wedge) for p in ax.patches)
    problems = [] if halves == 2 else [f"{halves} halves drawn, not 2"]
    return problems + [f"no label {n!r}" for n in sorted(needed - texts)]


# Chapter 8: each check recomputes what the figure shows with plain NumPy,
# from the digits' split and the trained weights, not with nnlit.classify.


def _images(fig: Figure) -> list[tuple[np.ndarray, str]]:
    """Every drawn digit, as its 64 pixels and its panel's title."""
    return [
        (np.asarray(ax.images[0].get_array()).ravel(), ax.get_title())
        for ax in fig.axes
        if ax.images
    ]


def _scores(params: dict, X: np.ndarray) -> np.ndarray:
    """The network's last Z, from its formula: ReLU hidden layers, no softmax."""
    A, L = X, sum(key.startswith("W") for key in params)
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]
        A = np.maximum(Z, 0)
    return Z


def _guesses() -> np.ndarray:
    data = digits.digits_split()
    return np.argmax(_scores(digits.trained_digits_network().params, data.X_test), 0)


def digit_samples(fig: Figure) -> list[str]:
    """The first training records, in order, each titled with its own label."""
    data, problems = digits.digits_split(), []
    for i, (pixels, title) in enumerate(_images(fig)):
        if not np.array_equal(pixels, data.pixels[:, i]):
            problems.append(f"digit {i} is not training record {i}")
        if title != str(data.labels[i]):
            problems.append(
                f"digit {i} is titled {title!r}, its label is {data.labels[i]}"
            )
    return problems or ([] if _images(fig) else ["no digit drawn"])


def digits_losses(fig: Figure) -> list[str]:
    """Per panel, the train then test loss per epoch; the last ones recomputed."""
    data, problems = digits.digits_split(), []
    runs = (digits.trained_digits_network(), digits.small_set_run())
    for ax, run, panel in zip(
        fig.axes, runs, ("all records", "few records"), strict=True
    ):
        for line, name in zip(ax.lines, ("train", "test"), strict=True):
            drawn = np.asarray(line.get_ydata())
            epochs = np.arange(1, drawn.size + 1, dtype=float)
            problems += _close(f"{panel}: epochs", np.asarray(line.get_xdata()), epochs)
            problems += _close(f"{panel}: {name} loss", drawn, run.losses[name])
        Z = _scores(run.params, data.X_test)
        shifted = Z - Z.max(axis=0)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=0))
        last = -np.mean(log_p[data.labels_test, np.arange(Z.shape[1])])
        if not np.isclose(np.asarray(ax.lines[1].get_ydata())[-1], last, rtol=1e-9):
            problems.append(f"{panel}: the last test loss is not the trained network's")
    return problems


def digits_confusion(fig: Figure) -> list[str]:
    """Counts of test records by true class (row) and prediction (column)."""
    labels, guesses = digits.digits_split().labels_test, _guesses()
    expected = np.zeros((10, 10), dtype=int)
    for true, guess in zip(labels, guesses, strict=True):
        expected[true, guess] += 1
    ax = fig.axes[0]
    drawn = np.asarray(ax.images[0].get_array())
    problems = [] if np.array_equal(drawn, expected) else ["the counts drawn are wrong"]
    written = {
        (round(t.get_position()[1]), round(t.get_position()[0])): t.get_text()
        for t in ax.texts
    }
    shown = {cell: str(n) for cell, n in np.ndenumerate(expected) if n}
    if written != shown:
        problems.append("the numbers written are not the counts")
    return problems


def digits_misclassified(fig: Figure) -> list[str]:
    """Every wrongly classified test record, once, titled true → predicted."""
    data, guesses = digits.digits_split(), _guesses()
    wrong = np.flatnonzero(guesses != data.labels_test)
    drawn = _images(fig)
    if len(drawn) != wrong.size:
        return [f"{len(drawn)} digits drawn, but {wrong.size} are misclassified"]
    problems = []
    for (pixels, title), i in zip(drawn, wrong, strict=True):
        if not np.array_equal(pixels, data.pixels_test[:, i]):
            problems.append(f"test record {i} is not the one drawn")
        if title != f"{data.labels_test[i]}→{guesses[i]}":
            problems.append(f"test record {i} is titled {title!r}")
    return problems


def digits_init(fig: Figure) -> list[str]:
    """Each line: Var Z^[l] per layer, of weights with the gain its label names."""
    X, problems = digits.digits_split().X, []
    gains = {"1/n": 1.0, "2/n": 2.0}
    for line in fig.axes[0].lines:
        label = line.get_label()
        g = "relu" if "ReLU" in label else "tanh" if "tanh" in label else "identity"
        gain = next(v for k, v in gains.items() if k in label)
        sizes = [64] + [digits.DEEP["width"]] * digits.DEEP["depth"]
        rng, A, expected = np.random.default_rng(digits.DEEP["seed"]), X, []
        for l in range(1, len(sizes)):
            W = rng.normal(0, 1, (sizes[l], sizes[l - 1])) * np.sqrt(
                gain / sizes[l - 1]
            )
            Z = W @ A
            expected.append(Z.var())
            A = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh}.get(
                g, lambda z: z
            )(Z)
        problems += _close(label, np.asarray(line.get_ydata()), np.array(expected))
    return problems or ([] if fig.axes[0].lines else ["no line drawn"])


CHECKS: dict[str, Callable[[Figure], list[str]]] = {
    "neuron-diagram": neuron_diagram,
    "neuron-output": neuron_output,
    "network-diagram": units((2, 4, 3, 1)),
    "xor": xor,
    **{f"activation-{name}": activation(name) for name in FORMULAS},
    "descent": descent,
    "loss-curve": losses_of(gradient_descent_exercise),
    "backprop-diagram": backprop_diagram,
    "backprop-loss-curve": losses_of(backprop_exercise),
    "circles": circles_figure,
    "bowl": bowl,
    "digit-samples": digit_samples,
    "digits-losses": digits_losses,
    "digits-confusion": digits_confusion,
    "digits-misclassified": digits_misclassified,
    "digits-init": digits_init,
}


def figure_problems(name: str, fig: Figure) -> list[str]:
    """What is wrong with the figure ``name`` as drawn, each sentence naming it."""
    if name not in CHECKS:
        return [f"figure {name!r}: no check of its data in {__name__}.CHECKS"]
    return [f"figure {name!r}: {problem}" for problem in CHECKS[name](fig)]
