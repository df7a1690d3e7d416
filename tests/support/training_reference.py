"""nnlit's answers for chapters 5 and 6's widgets, for the Node and browser tests.

The widgets compute in JavaScript; these functions compute the same things
with nnlit, on the very problems the pages hand the widgets
(:mod:`nnlit.training_widgets`). ``tests/js/training-reference.json`` holds
:func:`reference` for the Node tests, and ``tests/unit/test_training_widgets.py``
fails when it is stale: ``python tests/support/training_reference.py`` rewrites it.
"""

import json
import math

import numpy as np
from project import ROOT

from nnlit.activations import sigmoid
from nnlit.backprop import two_layer_step
from nnlit.gradient_descent import bowl_curvature, bowl_error, bowl_path
from nnlit.training_widgets import (
    MAX_STEPS,
    backprop_problem,
    bowl_minimum,
    descent_problem,
)

REFERENCE = ROOT / "tests" / "js" / "training-reference.json"
# Learning rates on each side of 1/lam_max (0.489) and 2/lam_max (0.979),
# and the slider's ends; step counts from one to a long run.
RATES = (0.02, 0.1, 0.4, 0.48, 0.5, 0.9, 0.97, 0.98, 1.05, 1.2, 1.5)
STEPS = (1, 2, 5, 12, 50)


def descent_run(lr: float, steps: int) -> dict:
    """Gradient descent on the bowl, as the widget runs it: weights and error.

    ``w`` and ``loss`` after ``steps`` steps from the start (``bowl_path``).
    """
    problem = descent_problem()
    X, y = np.array(problem["X"]), np.array(problem["y"])
    w = bowl_path(X, y, problem["start"], lr, steps)[-1]
    return {"w": w.tolist(), "loss": float(bowl_error(X, y, w))}


def descent_end(lr: float) -> dict:
    """How Run ends at ``lr``, and after how many steps.

    As the widget does: stop at the first step whose weights move less than
    1e-9 (``settled``), or whose loss is not finite (``diverged``, keeping the
    step before), or after ``MAX_STEPS`` (``capped``).
    """
    problem = descent_problem()
    X, y = np.array(problem["X"]), np.array(problem["y"])
    w = np.array(problem["start"], dtype=float)
    with np.errstate(all="ignore"):  # the divergence is what we look for
        for step in range(1, MAX_STEPS + 1):
            new = bowl_path(X, y, w, lr, 1)[-1]
            loss = float(bowl_error(X, y, new))
            if not (math.isfinite(loss) and np.all(np.isfinite(new))):
                return {"end": "diverged", "steps": step - 1, "diverged_at": step}
            moved, w = np.max(np.abs(new - w)), new
            if moved < 1e-9:
                return {"end": "settled", "steps": step}
    return {"end": "capped", "steps": MAX_STEPS}


def descent_curvature() -> dict:
    """The bowl's curvatures, thresholds and lowest point."""
    problem = descent_problem()
    lam_min, lam_max = bowl_curvature(np.array(problem["X"]))
    w_min, lowest = bowl_minimum()
    return {
        "lam_min": float(lam_min),
        "lam_max": float(lam_max),
        "half": float(1 / lam_max),
        "threshold": float(2 / lam_max),
        "w_min": w_min.tolist(),
        "error_min": lowest,
    }


def backprop_values() -> dict:
    """Every value chapter 6's widget reveals, by the widget's keys.

    The weight changes are nnlit's ``two_layer_step`` times the learning rate;
    the hidden and output values and the error terms are worked out on the way.
    """
    p = backprop_problem()
    x, W1, w2 = np.array(p["x"]), np.array(p["W1"]), np.array(p["w2"])
    dW1, dw2, y_hat = two_layer_step(x, p["y"], W1, w2)
    h = W1 @ x
    a = sigmoid(h)
    delta_o = (p["y"] - y_hat) * y_hat * (1 - y_hat)
    values = {
        "ho": float(a @ w2),
        "yhat": float(y_hat),
        "error": float(p["y"] - y_hat),
        "deltaO": float(delta_o),
    }
    for j in range(len(w2)):
        values[f"h{j + 1}"] = float(h[j])
        values[f"a{j + 1}"] = float(a[j])
        values[f"deltaH{j + 1}"] = float(w2[j] * delta_o * a[j] * (1 - a[j]))
        values[f"dw2_{j + 1}"] = float(p["lr"] * dw2[j])
        for i in range(len(x)):
            values[f"dW1_{j + 1}_{i + 1}"] = float(p["lr"] * dW1[j, i])
    for i in range(len(x)):
        values[f"x{i + 1}"] = float(x[i])
    return values


def reference() -> dict:
    """Everything the Node tests compare nnmath.js with."""
    return {
        "descent": {
            "problem": descent_problem(),
            "curvature": descent_curvature(),
            "runs": [
                {"lr": lr, "steps": steps, **descent_run(lr, steps)}
                for lr in RATES
                for steps in STEPS
            ],
            "ends": [{"lr": lr, **descent_end(lr)} for lr in RATES],
        },
        "backprop": {"problem": backprop_problem(), "values": backprop_values()},
    }


def written() -> str:
    """:func:`reference` as the JSON file holds it."""
    return json.dumps(reference(), indent=1) + "\n"


if __name__ == "__main__":
    REFERENCE.parent.mkdir(exist_ok=True)
    REFERENCE.write_text(written(), encoding="utf-8")
