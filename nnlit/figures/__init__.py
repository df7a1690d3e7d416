"""Every figure on the site, drawn from nnlit's own code; one module per chapter.

Each figure function returns a :class:`matplotlib.figure.Figure` and never shows
it. Where a figure plots numbers, one function computes them and another draws
them, so the numbers can be tested on their own. Each chapter's module imports
only what that chapter has taught, so the listing a page shows under "How this
figure is drawn" runs as it stands. :data:`FIGURES` maps the file name a chapter
links to (``figures/<name>.svg``) to the function that draws it; the site build
renders each one with :func:`render_svg`.

matplotlib is an extra (``pip install nnlit[figures]``): the maths needs no plotting.
"""

import io
from collections.abc import Callable
from functools import partial
from importlib import import_module

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.figure import Figure

from nnlit.figures import (
    activations,
    backprop,
    gradient_descent,
    layers,
    one_neuron,
    words,
)
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

# The typeface of a language whose letters matplotlib's DejaVu Sans lacks: the
# package that ships it (pinned in requirements.txt) and its family name. Text
# is written into the SVG as paths, so the font is needed to build, never to read.
FONTS = {"zh": ("pylopdf_fonts_zh_cn", "Noto Sans SC")}

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
    a fixed hash salt for the element ids. The figure is drawn in the
    language being drawn (:func:`nnlit.figures.words.language`).
    """
    with mpl.rc_context(STYLE | language_style()):
        fig = draw()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def language_style() -> dict[str, object]:
    """Settings that draw the current language's letters (none for English).

    Raises
    ------
    ModuleNotFoundError
        If the package that ships the language's font is not installed.
    """
    if words.drawing() not in FONTS:
        return {}
    package, family = FONTS[words.drawing()]
    if family not in {font.name for font in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(import_module(package).sans_path()))
    # Mixed text ("输出 $y$") is laid out by mathtext in the first family, so
    # that one must hold the letters; DejaVu Sans is kept for any glyph it lacks.
    return {"font.family": [family, "DejaVu Sans"]}
