"""Build hook: serve MathJax from the site itself, never from a CDN.

Copies what ``site_build.mathjax.mathjax_files`` lists to ``assets/mathjax/``.
"""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from site_build.mathjax import mathjax_files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add MathJax's files to the site under ``assets/mathjax/``."""
    for uri, path in mathjax_files().items():
        files.append(
            File.generated(config, f"assets/mathjax/{uri}", abs_src_path=str(path))
        )
    return files
