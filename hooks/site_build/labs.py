"""Turn a lab that nbconvert rendered into a page in the site's own terms.

mkdocs-jupyter executes each ``docs/labs/*.py`` (a jupytext percent notebook)
and renders it with nbconvert. That HTML carries JupyterLab's stylesheets (half
a megabyte a page, light theme only), a MathJax 2 set-up and a script that
would fetch Mermaid from a CDN. :func:`rewrite_lab` keeps what the kernel
produced and rebuilds the page:

- code cells become the site's code blocks (palette, copy button);
- text outputs become the site's "Output" blocks;
- ``$...$`` and ``$$...$$`` in Markdown cells become arithmatex elements, which
  the build then typesets like the chapters' (``mathjax.py``);
- links to ``.md`` or ``.py`` pages point at the built page (a missing one
  is an error naming the lab);
- a cell tagged ``solution`` is folded into a "Solution" box;
- a download button links the lab's ``.ipynb`` (:func:`notebook_for_download`).
"""

import re
from collections.abc import Callable
from pathlib import Path

import jupytext
import nbformat
from bs4 import BeautifulSoup, Tag

SOLUTION = "solution"
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)([^$]+?)(?<!\\)\$")
TEXT_OUTPUT = "text/plain"

# Maps a link target, relative to the lab, to its URL; None if no such page.
Resolve = Callable[[str], str | None]


class LabError(Exception):
    """A lab that cannot become a page; the message names the lab."""


# --- Markdown cells ---------------------------------------------------------


def typeset_math(html: str) -> str:
    """Wrap ``$$..$$`` and ``$..$`` as pymdownx.arithmatex does for the chapters."""
    html = re.sub(r"<p>\s*\$\$(.+?)\$\$\s*</p>", r"$$\1$$", html, flags=re.DOTALL)
    html = DISPLAY_MATH.sub(r'<div class="arithmatex">\\[\1\\]</div>', html)
    return INLINE_MATH.sub(r'<span class="arithmatex">\\(\1\\)</span>', html)


def fix_links(cell: Tag, lab: str, resolve: Resolve) -> None:
    """Point links at other pages' sources to the built pages, or fail."""
    for link in cell.find_all("a", href=True):
        href = link["href"]
        path, _, anchor = href.partition("#")
        if "://" in href or not path.endswith((".md", ".py")):
            continue
        url = resolve(path)
        if url is None:
            raise LabError(f"{lab}: link to missing page {href!r}")
        link["href"] = url + (f"#{anchor}" if anchor else "")


def markdown_cell(cell: Tag, lab: str, resolve: Resolve) -> list[Tag]:
    """The cell's rendered Markdown, with maths, links and heading links fixed."""
    rendered = cell.select_one(".jp-RenderedMarkdown")
    fragment = BeautifulSoup(typeset_math(rendered.decode_contents()), "html.parser")
    fix_links(fragment, lab, resolve)
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


def code_cell(cell: Tag, soup: BeautifulSoup, lab: str) -> list[Tag]:
    """The cell's source as a Python block, then each output as an Output block."""
    source = cell.select_one(".jp-InputArea .highlight-ipynb pre")
    source.span.decompose()  # pygments' empty leading span; code_block adds one
    blocks = [code_block("python", source.decode_contents())]
    for output in cell.select(".jp-OutputArea-output"):
        kind = output.get("data-mime-type")
        if kind != TEXT_OUTPUT:
            raise LabError(
                f"{lab}: a cell printed {kind!r}; labs show text"
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


def download_button(soup: BeautifulSoup, notebook_name: str) -> Tag:
    """A button that downloads the lab's notebook, written beside its page."""
    button = soup.new_tag(
        "a",
        attrs={
            "class": "md-button md-button--primary",
            "href": notebook_name,
            "download": "",
        },
    )
    button.string = "Download this lab as a notebook (.ipynb)"
    paragraph = soup.new_tag("p")
    paragraph.append(button)
    return paragraph


def rewrite_lab(html: str, lab: str, resolve: Resolve) -> str:
    """The page's new content, built cell by cell from nbconvert's rendering.

    ``lab`` is the lab's path under ``docs/`` (it names the lab in errors and
    the notebook its page downloads).

    Raises
    ------
    LabError
        If a cell shows anything but text, a link points at no page, or the lab
        has no ``#`` title.
    """
    rendered = BeautifulSoup(html, "html.parser")
    out = BeautifulSoup("", "html.parser")
    for cell in rendered.select("div.jp-Cell"):
        if cell.find_parent("div", class_="jp-Cell"):
            continue  # nbconvert nests a code cell's div in another
        if "jp-MarkdownCell" in cell["class"]:
            out.extend(markdown_cell(cell, lab, resolve))
        else:
            out.extend(code_cell(cell, out, lab))
    title = out.find("h1")
    if title is None:
        raise LabError(f"{lab}: a lab starts with a # title cell")
    title.insert_after(download_button(out, Path(lab).with_suffix(".ipynb").name))
    return str(out)


def notebook_for_download(source: Path) -> nbformat.NotebookNode:
    """The lab as a notebook: no outputs, every solution cell folded."""
    notebook = jupytext.read(source)
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"  # not random: two builds give the same file
        if SOLUTION in cell.metadata.get("tags", []):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    notebook.metadata.pop("jupytext", None)
    return notebook
