"""Every figure on the site, drawn from nnlit's own code; one module per chapter.

Each figure function returns a :class:`matplotlib.figure.Figure` and never shows
it. Where a figure plots numbers, one function computes them and another draws
them, so the numbers can be tested on their own. Each chapter's module imports
only what that chapter has taught, so the listing a page shows under "How this
figure is drawn" runs as it stands. :data:`FIGURES` maps the file name a chapter
links to (``figures/<name>.svg``) to the function that draws it; the site build
renders each one with :func:`render_svg`.

matplotlib is an extra (``pip install nnlit[figures]``): the maths needs NumPy alone.
"""

import io
from collections.abc import Callable
from functools import partial

import matplotlib as mpl
from matplotlib.figure import Figure

from nnlit.figures import activations, backprop, gradient_descent, layers, one_neuron
from nnlit.figures import digits as digits_figures

# White background so a figure reads the same in the light and dark themes;
# a fixed hash salt and no date make the SVG bytes identical on every build.
STYLE = {
    "svg.hashsalt": "nnlit",
    "svg.fonttype": "path",
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
}

FIGURES: dict[str, Callable[[], Figure]] = {
    "neuron-diagram": one_neuron.neuron_diagram,
    "neuron-output": one_neuron.neuron_output_curves,
    "network-diagram": layers.network_diagram,
    "xor": activations.xor_figure,
    **{
        f"activation-{name}": partial(activations.activation_figure, name)
        for name in ("sigmoid", "tanh", "relu", "leaky_relu")
    },
    "descent": gradient_descent.descent_figure,
    "loss-curve": gradient_descent.loss_curve,
    "backprop-diagram": backprop.backprop_diagram,
    "backprop-loss-curve": backprop.backprop_loss_curve,
    "circles": backprop.circles_figure,
    "bowl": gradient_descent.bowl_figure,
    "digit-samples": digits_figures.digit_samples,
    "digits-losses": digits_figures.digits_losses,
    "digits-confusion": digits_figures.confusion_figure,
    "digits-misclassified": digits_figures.misclassified_figure,
    "digits-init": digits_figures.init_figure,
}


def render_svg(draw: Callable[[], Figure]) -> bytes:
    """Draw a figure with the site's style and return its SVG bytes.

    The same function always gives the same bytes: no date in the metadata and
    a fixed hash salt for the element ids.
    """
    with mpl.rc_context(STYLE):
        fig = draw()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
