"""Build hook: the labs that mkdocs-jupyter executed become pages like the chapters.

``site_build.labs`` does the work; this layer keys mkdocs-jupyter's cache of
executed labs on nnlit's fingerprint (a change in the library runs every lab
again, so no page shows a stale output), keeps each rewritten page until its
rendering or the library changes, and writes each lab's ``.ipynb`` download.

Only the English build executes the labs: a translated lab has the same code,
so its page shows the outputs the English build's kernel printed (and fails
if its code differs), and its download is the translated notebook.
"""

import inspect
import posixpath
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import nbformat
from editions import folder, language
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from site_build import labs
from site_build.cache import KeyedCache, digest
from site_build.fingerprint import nnlit_fingerprint

LABS = "labs/"
_pages: KeyedCache | None = None
_executed: dict[str, str] = {}  # English lab: its rendering, run by the kernel


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
    # One folder per edition: mkdocs-jupyter evicts what its build did not use.
    edition = executed.folder / folder(config)
    jupyter = config.plugins["mkdocs-jupyter"].config
    jupyter["cache_dir"] = str(edition)
    jupyter["execute"] = folder(config) == ""  # other editions reuse the outputs
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
    english = getattr(page.file, "norm_src_uri", lab)  # the i18n plugin's name
    if folder(config) == "":  # the English build, the one that executes
        _executed[english] = html
        executed = None
    else:
        executed = _executed[english]

    def resolve(path: str) -> str | None:
        target = files.get_file_from_path(
            posixpath.normpath(PurePosixPath(lab).parent / path)
        )
        return None if target is None else target.url_relative_to(page.file)

    code = page.file.locale  # an untranslated lab stays English in every edition

    def rewrite() -> bytes:
        return labs.rewrite_lab(html, lab, resolve, code, executed).encode()

    if executed is not None:  # the table of contents follows the headings' ids
        anchors = list(walk(page.toc))
        ids = labs.heading_ids(executed)
        if len(ids) == len(anchors):
            for anchor, anchor_id in zip(anchors, ids, strict=True):
                anchor.id = anchor_id
    try:
        pages = sorted(file.url for file in files.documentation_pages())
        key = digest(lab, code, html, executed or "", *pages)
        return _pages.get_or_make(key, rewrite).decode()
    except labs.LabError as error:
        raise PluginError(str(error)) from error


def walk(toc) -> Iterator:
    """Every entry of a table of contents, depth first (the headings' order)."""
    for anchor in toc:
        yield anchor
        yield from walk(anchor.children)


def on_post_build(config: MkDocsConfig) -> None:
    """Write every lab's ``.ipynb`` beside its page, in the edition's language.

    A lab not yet translated downloads in English, as its page shows it.
    """
    site, docs = Path(config.site_dir) / folder(config), Path(config.docs_dir)
    code = language(config)
    for source in sorted(docs.glob(f"{LABS}*.py")):
        if len(source.suffixes) > 1:
            continue  # a translation, such as labs/01-one-neuron.zh.py
        translated = source.with_suffix(f".{code}.py")
        notebook = labs.notebook_for_download(
            translated if translated.exists() else source
        )
        nbformat.write(notebook, site / LABS / source.with_suffix(".ipynb").name)
