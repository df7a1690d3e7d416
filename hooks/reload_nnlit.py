"""Build hook: ``mkdocs serve`` uses the current nnlit, not the one it started with.

``serve`` rebuilds in the same Python process, where ``import nnlit`` would keep
returning the modules loaded by the first build. Before each build, if nnlit's
fingerprint changed since the last one, every nnlit module is dropped from
``sys.modules`` so the hooks that follow import the edited code.
"""

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from site_build.fingerprint import nnlit_fingerprint


def on_pre_build(config: MkDocsConfig) -> None:
    """Forget the loaded nnlit if its source changed since the last build."""
    import nnlit

    now = nnlit_fingerprint(Path(config.config_file_path).parent)
    # Kept on the module: serve loads this hook afresh for every rebuild.
    if getattr(nnlit, "_built_from", now) != now:
        for name in [n for n in sys.modules if n.split(".")[0] == "nnlit"]:
            del sys.modules[name]
        import nnlit
    nnlit._built_from = now
