"""Build hook: make the labs that mkdocs-jupyter executed read like the chapters.

mkdocs-jupyter executes each ``docs/labs/*.py`` (a jupytext percent notebook)
and renders it with nbconvert. Its HTML carries JupyterLab's stylesheets (half a
megabyte a page, light theme only), a MathJax 2 set-up and a script that would
fetch Mermaid from a CDN. This hook keeps what the kernel produced and rewrites
the page in the site's own terms:

- code cells become the site's code blocks (palette, copy button);
- text outputs become the site's "Output" blocks;
- ``$...$`` and ``$$...$$`` in Markdown cells become arithmatex elements, which
  the site's offline MathJax typesets;
- links to ``.md`` or ``.py`` pages point at the built page (a missing one
  fails the build, naming the lab);
- a cell tagged ``solution`` is folded into a "Solution" box;
- a download button links the lab's ``.ipynb``, written beside the page: no
  outputs, solutions folded (``source_hidden``), ready for a fresh kernel.

The executed results are cached under ``.cache/labs/<key>``, where the key hashes
nnlit's sources and the pinned requirements: a change in the library runs
every lab again, so no page shows a stale output.
"""

import hashlib
import posixpath
import re
import shutil
from importlib.util import find_spec
from pathlib import Path, PurePosixPath

import jupytext
import nbformat
from bs4 import BeautifulSoup, Tag
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

LABS = "labs/"
SOLUTION = "solution"
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)([^$]+?)(?<!\\)\$")
TEXT_OUTPUT = "text/plain"


def is_lab(file: File) -> bool:
    """A lab is a ``.py`` notebook under ``docs/labs/``."""
    return file.src_uri.startswith(LABS) and file.src_uri.endswith(".py")


def library_key(root: Path) -> str:
    """A hash of everything a lab's outputs depend on besides the lab itself."""
    package = Path(find_spec("nnlit").submodule_search_locations[0])
    digest = hashlib.sha256()
    for path in [*sorted(package.rglob("*.py")), root / "requirements.txt"]:
        if path.exists():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Key mkdocs-jupyter's cache on the library, so outputs follow its changes."""
    root = Path(config.config_file_path).parent
    caches = root / ".cache" / "labs"
    current = caches / library_key(root)
    if caches.is_dir():
        for old in caches.iterdir():
            if old != current:
                shutil.rmtree(old, ignore_errors=True)
    config.plugins["mkdocs-jupyter"].config["cache_dir"] = str(current)
    return config


# --- Markdown cells ---------------------------------------------------------


def typeset_math(html: str) -> str:
    """Wrap ``$$..$$`` and ``$..$`` as pymdownx.arithmatex does for the chapters."""
    html = re.sub(r"<p>\s*\$\$(.+?)\$\$\s*</p>", r"$$\1$$", html, flags=re.DOTALL)
    html = DISPLAY_MATH.sub(r'<div class="arithmatex">\\[\1\\]</div>', html)
    return INLINE_MATH.sub(r'<span class="arithmatex">\\(\1\\)</span>', html)


def fix_links(cell: Tag, page: Page, files: Files) -> None:
    """Point links at other pages' sources to the built pages, or fail."""
    for link in cell.find_all("a", href=True):
        href = link["href"]
        path, _, anchor = href.partition("#")
        if "://" in href or not path.endswith((".md", ".py")):
            continue
        source = PurePosixPath(page.file.src_uri).parent / path
        target = files.get_file_from_path(posixpath.normpath(source))
        if target is None:
            raise PluginError(f"{page.file.src_uri}: link to missing page {href!r}")
        url = target.url_relative_to(page.file)
        link["href"] = url + (f"#{anchor}" if anchor else "")


def markdown_cell(cell: Tag, page: Page, files: Files) -> list[Tag]:
    """The cell's rendered Markdown, with maths, links and heading links fixed."""
    rendered = cell.select_one(".jp-RenderedMarkdown")
    fragment = BeautifulSoup(typeset_math(rendered.decode_contents()), "html.parser")
    fix_links(fragment, page, files)
    for anchor in fragment.select("a.anchor-link"):
        anchor["class"] = "headerlink"
        anchor["title"] = "Permanent link"
    return list(fragment.contents)


# --- Code cells --------------------------------------------------------------


def code_block(language: str, html: str, title: str = "") -> Tag:
    """A code block shaped like pymdownx.highlight's, so the theme styles it.

    Built as one string: parsed inside its ``<pre>``, the code keeps every
    space and blank line (a fragment parsed alone would lose them).
    """
    name = f'<span class="filename">{title}</span>' if title else ""
    block = (
        f'<div class="language-{language} highlight">{name}'
        f"<pre><span></span><code>{html}</code></pre></div>"
    )
    return BeautifulSoup(block, "html.parser").div


def code_cell(cell: Tag, soup: BeautifulSoup, page: Page) -> list[Tag]:
    """The cell's source as a Python block, then each output as an Output block."""
    source = cell.select_one(".jp-InputArea .highlight-ipynb pre")
    source.span.decompose()  # pygments' empty leading span; code_block adds one
    blocks = [code_block("python", source.decode_contents())]
    for output in cell.select(".jp-OutputArea-output"):
        kind = output.get("data-mime-type")
        if kind != TEXT_OUTPUT:
            raise PluginError(
                f"{page.file.src_uri}: a cell printed {kind!r}; labs show text"
                f" outputs only, and a warning or error there is a bug:"
                f" {output.get_text()[:200]!r}"
            )
        text = output.pre.decode_contents()
        blocks.append(code_block("text", text, title="Output"))
    if f"celltag_{SOLUTION}" in cell["class"]:
        box = soup.new_tag("details", attrs={"class": "success"})
        summary = soup.new_tag("summary")
        summary.string = "Solution"
        box.append(summary)
        box.extend(blocks)
        return [box]
    return blocks


# --- The page ----------------------------------------------------------------


def download_button(soup: BeautifulSoup, page: Page) -> Tag:
    """A button that downloads the lab's notebook, written beside its page."""
    name = PurePosixPath(page.file.dest_uri).with_suffix(".ipynb").name
    button = soup.new_tag(
        "a",
        attrs={"class": "md-button md-button--primary", "href": name, "download": ""},
    )
    button.string = "Download this lab as a notebook (.ipynb)"
    paragraph = soup.new_tag("p")
    paragraph.append(button)
    return paragraph


def rewrite_lab(html: str, page: Page, files: Files) -> str:
    """The page's new content, built cell by cell from nbconvert's rendering."""
    rendered = BeautifulSoup(html, "html.parser")
    out = BeautifulSoup("", "html.parser")
    for cell in rendered.select("div.jp-Cell"):
        if cell.find_parent("div", class_="jp-Cell"):
            continue  # nbconvert nests a code cell's div in another
        if "jp-MarkdownCell" in cell["class"]:
            out.extend(markdown_cell(cell, page, files))
        else:
            out.extend(code_cell(cell, out, page))
    title = out.find("h1")
    if title is None:
        raise PluginError(f"{page.file.src_uri}: a lab starts with a # title cell")
    title.insert_after(download_button(out, page))
    return str(out)


def on_page_content(
    html: str, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    """Rewrite a lab's executed notebook as a page of the site."""
    return rewrite_lab(html, page, files) if is_lab(page.file) else html


def notebook_for_download(source: Path) -> nbformat.NotebookNode:
    """The lab as a notebook: no outputs, every solution cell folded."""
    notebook = jupytext.read(source)
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"  # not random: two builds give the same file
        if SOLUTION in cell.metadata.get("tags", []):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    notebook.metadata.pop("jupytext", None)
    return notebook


def on_post_build(config: MkDocsConfig) -> None:
    """Write every lab's ``.ipynb`` beside its page."""
    site = Path(config.site_dir)
    for source in sorted(Path(config.docs_dir).glob(f"{LABS}*.py")):
        target = site / LABS / source.with_suffix(".ipynb").name
        nbformat.write(notebook_for_download(source), target)
