"""Build hook: the labs that mkdocs-jupyter executed become pages like the chapters.

``site_build.labs`` does the work; this layer keys mkdocs-jupyter's cache of
executed labs on nnlit's fingerprint (a change in the library runs every lab
again, so no page shows a stale output), keeps each rewritten page until its
rendering or the library changes, and writes each lab's ``.ipynb`` download.
"""

import inspect
import posixpath
from pathlib import Path, PurePosixPath

import nbformat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from site_build import labs
from site_build.cache import KeyedCache, digest
from site_build.fingerprint import nnlit_fingerprint

LABS = "labs/"
_pages: KeyedCache | None = None


def is_lab(file: File) -> bool:
    """A lab is a ``.py`` notebook under ``docs/labs/``."""
    return file.src_uri.startswith(LABS) and file.src_uri.endswith(".py")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Key the caches of executed labs and of their pages on the library."""
    global _pages
    root = Path(config.config_file_path).parent
    key = nnlit_fingerprint(root)
    # mkdocs-jupyter evicts every cached lab the current build did not use, so
    # its cache belongs to one docs folder: a build of a fixture site beside
    # the real one must not empty the real one's.
    labs_root = Path(config.docs_dir).parent / ".cache" / "labs"
    executed = KeyedCache(labs_root, key)
    config.plugins["mkdocs-jupyter"].config["cache_dir"] = str(executed.folder)
    rewriter = digest(inspect.getsource(labs))  # a new rewrite redoes every page
    _pages = KeyedCache(root / ".cache" / "lab-pages", digest(key, rewriter))
    return config


def on_page_content(
    html: str, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    """Rewrite a lab's executed notebook as a page of the site."""
    if not is_lab(page.file):
        return html
    lab = page.file.src_uri

    def resolve(path: str) -> str | None:
        target = files.get_file_from_path(
            posixpath.normpath(PurePosixPath(lab).parent / path)
        )
        return None if target is None else target.url_relative_to(page.file)

    def rewrite() -> bytes:
        return labs.rewrite_lab(html, lab, resolve).encode()

    try:
        pages = sorted(file.src_uri for file in files.documentation_pages())
        return _pages.get_or_make(digest(lab, html, *pages), rewrite).decode()
    except labs.LabError as error:
        raise PluginError(str(error)) from error


def on_post_build(config: MkDocsConfig) -> None:
    """Write every lab's ``.ipynb`` beside its page."""
    site = Path(config.site_dir)
    for source in sorted(Path(config.docs_dir).glob(f"{LABS}*.py")):
        target = site / LABS / source.with_suffix(".ipynb").name
        nbformat.write(labs.notebook_for_download(source), target)
