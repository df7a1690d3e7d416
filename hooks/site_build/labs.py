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

A translated lab (``labs/<lab>.zh.py``) has the same code cells as its English
twin and is not executed again: :func:`rewrite_lab` takes each code cell's
outputs from the English lab's rendering, and fails if the code differs. The
words the rewrite adds ("Output", "Solution", ...) come from ``words.toml``.
"""

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import jupytext
import nbformat
from bs4 import BeautifulSoup, Tag

SOLUTION = "solution"
WORDS: dict[str, dict[str, str]] = tomllib.loads(
    (Path(__file__).parent / "words.toml").read_text(encoding="utf-8")
)
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


def markdown_cell(
    cell: Tag, lab: str, resolve: Resolve, words: dict[str, str]
) -> list[Tag]:
    """The cell's rendered Markdown, with maths, links and heading links fixed."""
    rendered = cell.select_one(".jp-RenderedMarkdown")
    fragment = BeautifulSoup(typeset_math(rendered.decode_contents()), "html.parser")
    fix_links(fragment, lab, resolve)
    for anchor in fragment.select("a.anchor-link"):
        anchor["class"] = "headerlink"
        anchor["title"] = words["permalink"]
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


def cell_source(cell: Tag) -> Tag:
    """The ``<pre>`` that holds a code cell's highlighted source."""
    return cell.select_one(".jp-InputArea .highlight-ipynb pre")


def code_cell(
    cell: Tag, soup: BeautifulSoup, lab: str, words: dict[str, str], ran: Tag
) -> list[Tag]:
    """The cell's source as a Python block, then each output as an Output block.

    ``ran`` is the cell whose outputs are shown: ``cell`` itself, or the same
    cell of the English lab that was executed in its place.
    """
    source = cell_source(cell)
    source.span.decompose()  # pygments' empty leading span; code_block adds one
    blocks = [code_block("python", source.decode_contents())]
    for output in ran.select(".jp-OutputArea-output"):
        kind = output.get("data-mime-type")
        if kind != TEXT_OUTPUT:
            raise LabError(
                f"{lab}: a cell printed {kind!r}; labs show text"
                f" outputs only, and a warning or error there is a bug:"
                f" {output.get_text()[:200]!r}"
            )
        text = output.pre.decode_contents()
        blocks.append(code_block("text", text, title=words["output"]))
    if f"celltag_{SOLUTION}" in cell["class"]:
        box = soup.new_tag("details", attrs={"class": "success"})
        summary = soup.new_tag("summary")
        summary.string = words["solution"]
        box.append(summary)
        box.extend(blocks)
        return [box]
    return blocks


# --- The page ----------------------------------------------------------------


def download_button(soup: BeautifulSoup, notebook_name: str, label: str) -> Tag:
    """A button that downloads the lab's notebook, written beside its page."""
    button = soup.new_tag(
        "a",
        attrs={
            "class": "md-button md-button--primary",
            "href": notebook_name,
            "download": "",
        },
    )
    button.string = label
    paragraph = soup.new_tag("p")
    paragraph.append(button)
    return paragraph


def top_cells(html: str) -> list[Tag]:
    """The notebook's cells in order (nbconvert nests a code cell's div in another)."""
    rendered = BeautifulSoup(html, "html.parser")
    return [
        cell
        for cell in rendered.select("div.jp-Cell")
        if not cell.find_parent("div", class_="jp-Cell")
    ]


def executed_cells(lab: str, cells: list[Tag], executed: str | None) -> list[Tag]:
    """The cells whose outputs each code cell of ``cells`` shows.

    Without ``executed`` (the English lab's rendering, run by the kernel) a cell
    shows its own outputs. With it, code cell ``i`` shows the outputs of the
    English lab's code cell ``i``, whose code must be the same.
    """
    code = [cell for cell in cells if "jp-MarkdownCell" not in cell["class"]]
    if executed is None:
        return code
    english = [
        cell for cell in top_cells(executed) if "jp-MarkdownCell" not in cell["class"]
    ]
    sources = [[cell_source(c).get_text() for c in cs] for cs in (code, english)]
    if sources[0] != sources[1]:
        mine, theirs = sources
        first = next(
            (i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b),
            min(len(mine), len(theirs)),
        )
        raise LabError(
            f"{lab}: its code cells must be the English lab's: code cell"
            f" {first + 1} differs ({len(mine)} code cells, the English"
            f" lab has {len(theirs)})"
        )
    return english


HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def heading_ids(html: str) -> list[str]:
    """The ids nbconvert gave the headings of a rendered lab, in order."""
    return [
        heading.get("id", "")
        for cell in top_cells(html)
        if "jp-MarkdownCell" in cell["class"]
        for heading in cell.select_one(".jp-RenderedMarkdown").find_all(HEADINGS)
    ]


def english_anchors(out: BeautifulSoup, lab: str, executed: str) -> None:
    """Give a translated lab's headings the English lab's ids, in order.

    nbconvert's id of a Chinese heading keeps only its digits ("练习 1 ..."
    becomes "1", twice in a lab): the English ids are unique and the same in
    both editions, as a chapter's are.
    """
    ids, headings = heading_ids(executed), out.find_all(HEADINGS)
    if len(ids) != len(headings):
        raise LabError(
            f"{lab}: {len(headings)} headings, the English lab has {len(ids)}"
        )
    for heading, anchor in zip(headings, ids, strict=True):
        heading["id"] = anchor
        for link in heading.select("a.headerlink"):
            link["href"] = f"#{anchor}"


def rewrite_lab(
    html: str,
    lab: str,
    resolve: Resolve,
    language: str = "en",
    executed: str | None = None,
) -> str:
    """The page's new content, built cell by cell from nbconvert's rendering.

    ``lab`` is the lab's path under ``docs/`` (it names the lab in errors and
    the notebook its page downloads); ``language`` picks the words the page
    adds; ``executed`` is the English lab's rendering, whose outputs a
    translated lab shows (see :func:`executed_cells`).

    Raises
    ------
    LabError
        If a cell shows anything but text, a link points at no page, the lab
        has no ``#`` title, or its code is not its English twin's.
    """
    words = WORDS[language]
    cells = top_cells(html)
    ran = iter(executed_cells(lab, cells, executed))
    out = BeautifulSoup("", "html.parser")
    for cell in cells:
        if "jp-MarkdownCell" in cell["class"]:
            out.extend(markdown_cell(cell, lab, resolve, words))
        else:
            out.extend(code_cell(cell, out, lab, words, next(ran)))
    if executed is not None:
        english_anchors(out, lab, executed)
    title = out.find("h1")
    if title is None:
        raise LabError(f"{lab}: a lab starts with a # title cell")
    name = Path(lab).name.split(".")[0] + ".ipynb"
    title.insert_after(download_button(out, name, words["download"]))
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
