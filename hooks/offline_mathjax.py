"""Build hook: serve MathJax from the site itself, never from a CDN.

MathJax comes pinned from PyPI (``django-static-mathjax``). The build copies the
components the site loads (``docs/javascripts/mathjax-config.js`` lists them),
every TeX extension, the web fonts of the HTML output, and the licence, to
``assets/mathjax/``.
"""

from importlib.resources import files as package_files
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

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


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add MathJax's files to the site under ``assets/mathjax/``."""
    for uri, path in mathjax_files().items():
        files.append(
            File.generated(config, f"assets/mathjax/{uri}", abs_src_path=str(path))
        )
    return files
