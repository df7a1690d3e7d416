"""The MathJax files the site serves itself, from the pinned PyPI package.

MathJax comes from ``django-static-mathjax``; the site needs the components
``docs/javascripts/mathjax-config.js`` loads, every TeX extension, the web
fonts of the HTML output, and the licence.
"""

from importlib.resources import files as package_files
from pathlib import Path

WANTED = (
    "startup.js",
    "core.js",
    "input/tex-base.js",
    "input/tex/extensions/*.js",
    "output/chtml.js",
    "output/chtml/fonts/tex.js",
    "output/chtml/fonts/woff-v2/*.woff",
)


def mathjax_files() -> dict[str, Path]:
    """Map each MathJax file the site needs to its path in the installed package."""
    es5 = Path(str(package_files("mathjax"))) / "static" / "mathjax" / "es5"
    found = {
        path.relative_to(es5).as_posix(): path
        for pattern in WANTED
        for path in sorted(es5.glob(pattern))
    }
    found["LICENSE"] = es5.parent / "LICENSE"
    return found
