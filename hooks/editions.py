"""Build hook: the Chinese edition beside the English one, each with its own search.

mkdocs-static-i18n (``i18n`` in mkdocs.yml) builds the site once per language
in one process: English into ``site/``, then ``docs/<page>.zh.md`` into
``site/zh/``, running every hook again for each. The other hooks ask
:func:`language` which edition they are building. This hook adds what the
plugin leaves out:

- the labs stay notebooks in every edition (the plugin turns mkdocs-jupyter's
  notebook files back into plain files; they are wrapped again here);
- each edition has its own search index (``search/search_index.json`` and,
  for pages opened from disk, ``.js``) beside its pages, segmented and split
  as its language needs; the plugin would merge them into one that every
  first visit downloads whole. A page's ``__config`` points its search at its
  own edition's index;
- the words of the glossary's Chinese column are whole words for jieba, which
  Material's search plugin uses to cut Chinese text into words, so that a
  search for 反向传播 finds the term instead of 反向 and 传播 apart.
"""

import json
import logging
import re
from pathlib import Path, PurePosixPath

import jieba
from material.plugins.search.plugin import SearchIndex
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs_jupyter.plugin import NotebookFile
from site_build.labs import WORDS

SEARCH = "material/search"
CONFIG_BASE = re.compile(
    r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)"'
)
ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')
GLOSSARY_TERM = re.compile(r'<span lang="zh-Hans">([^<]+)</span>')
GLOSSARY_LINK = re.compile(r"\]\(([\w/-]+)\.md(#[\w-]+)?\)")
# A search for a glossary term ranks first the section named after it, or else
# the section the glossary says introduces it (see tag_terms); above a title
# that merely holds the word (Material's search cuts a Chinese query into the
# index's words: 学习率 is searched as 学习, which many a title holds).
TERMS_FIELD = {"terms": {"boost": 2000}}
_search_settings: dict[str, dict] = {}  # language: the search plugin's settings
_not_found: list[str] = []  # the English 404 page, as the English build made it


def language(config: MkDocsConfig) -> str:
    """The language the build is making now (``en`` for the English site)."""
    i18n = config.plugins["i18n"]
    return i18n.current_language or i18n.default_language


def folder(config: MkDocsConfig) -> str:
    """Where the current language's pages go under ``site/``: ``""`` or ``"zh/"``."""
    i18n = config.plugins["i18n"]
    code = language(config)
    return "" if code == i18n.default_language else f"{code}/"


def chinese_terms(glossary: Path) -> list[str]:
    """The glossary's Chinese terms, each a word for jieba (``†`` marks dropped)."""
    terms = []
    for cell in GLOSSARY_TERM.findall(glossary.read_text(encoding="utf-8")):
        terms += [t.strip(" †") for t in re.split("[、,\uff0c]", cell) if t.strip(" †")]
    return sorted(set(terms))


def glossary_terms(glossary: Path, code: str) -> dict[str, list[str]]:
    """The terms each section introduces, by the glossary, in language ``code``.

    Keyed by the section's search location (``05-gradient-descent.html#the-idea``).
    """
    terms: dict[str, list[str]] = {}
    for line in glossary.read_text(encoding="utf-8").splitlines():
        cells = line.strip().strip("|").split("|")
        chinese = GLOSSARY_TERM.search(line)
        target = GLOSSARY_LINK.search(cells[-1]) if len(cells) > 3 else None
        if chinese is None or target is None:
            continue
        words = chinese.group(1) if code == "zh" else cells[0]
        location = f"{target.group(1)}.html{target.group(2) or ''}"
        terms.setdefault(location, []).extend(
            t.strip(" †") for t in re.split("[、,\uff0c]", words) if t.strip(" †")
        )
    return terms


def on_startup(command: str, dirty: bool) -> None:
    """Keep jieba quiet: it logs its dictionary's loading on stderr."""
    jieba.setLogLevel(logging.WARNING)


@event_priority(-110)  # after i18n's on_config, which sets the theme's language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Give the search the settings of the language being built."""
    search = config.plugins[SEARCH]
    glossary = Path(config.docs_dir) / "glossary.md"
    for term in chinese_terms(glossary) if glossary.exists() else []:
        jieba.add_word(term)
    settings = {
        "lang": [search._translate(config, "search.config.lang")],
        "separator": search._translate(config, "search.config.separator"),
        "pipeline": [
            step
            for step in re.split(
                r"\s*,\s*", search._translate(config, "search.config.pipeline")
            )
            if step
        ],
    }
    search.config.update(settings)
    search.search_index = SearchIndex(**search.config)
    _search_settings[language(config)] = settings
    return config


@event_priority(-110)  # after i18n's on_files, which makes plain files of the labs
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Make the labs notebooks again, at the places the i18n plugin gave them."""
    jupyter = config.plugins["mkdocs-jupyter"]
    for file in [f for f in files if not isinstance(f, NotebookFile)]:
        if jupyter.should_include(file):
            notebook = NotebookFile(
                file,
                use_directory_urls=config.use_directory_urls,
                site_dir=config.site_dir,
            )
            # The plugin took a lab for a static file: an untranslated one would
            # be written over the English page. Each goes to its edition's folder.
            name = getattr(file, "norm_src_uri", file.src_uri)  # labs/x.py
            dest = folder(config) + str(PurePosixPath(name).with_suffix(".html"))
            notebook.dest_path = notebook.url = dest  # no directory URLs (offline)
            notebook.abs_dest_path = str(Path(config.site_dir) / dest)
            files.remove(file)
            files.append(notebook)
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Point the page's search at its own edition's index; drop the head's alternates.

    For each ``<link rel="alternate" hreflang>`` Material fetches that
    edition's sitemap.xml (for instant navigation, which this site does not
    use): from disk a blocked request, over http a 404 under zh/. The header's
    language switch, which links the same page in the other edition, stays.
    """
    base = get_relative_url(folder(config) or ".", page.url)
    output = CONFIG_BASE.sub(lambda m: f'{m.group(1)}{base}"', output, count=1)
    output = permalinks_in(output, language(config))
    return ALTERNATE.sub("", output)


def permalinks_in(html: str, code: str) -> str:
    """Title the headings' permanent links in the edition's language.

    The toc extension writes its one English title into every edition.
    """
    english, own = WORDS["en"]["permalink"], WORDS[code]["permalink"]
    link = re.compile(rf'(<a class="headerlink" href="[^"]*" title="){english}"')
    return link.sub(rf'\g<1>{own}"', html)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page: no alternates either, and the English one is kept.

    Every edition's build renders ``404.html`` at the site's root; the last
    (Chinese) would replace the English page a static host serves.
    """
    if template_name == "404.html":
        output = ALTERNATE.sub("", output)
        if folder(config) == "":
            _not_found.append(output)
    return output


@event_priority(-200)  # after i18n's, which built every other edition
def on_post_build(config: MkDocsConfig) -> None:
    """Write each edition's search index beside its pages, for http and file://."""
    i18n = config.plugins["i18n"]
    if i18n.building:
        return  # an edition built inside the first one: indexed when all are
    if _not_found:
        (Path(config.site_dir) / "404.html").write_text(
            _not_found[-1], encoding="utf-8"
        )
    # By now the i18n plugin has put every edition's entries in one index.
    search = config.plugins[SEARCH]
    folders = {
        code: "" if code == i18n.default_language else f"{code}/"
        for code in _search_settings
    }
    glossary = Path(config.docs_dir) / "glossary.md"
    for code, settings in _search_settings.items():
        terms = glossary_terms(glossary, code) if glossary.exists() else {}
        entries = [
            dict(entry, location=entry["location"].removeprefix(folders[code]))
            for entry in search.search_index.entries
            if edition_of(entry["location"], folders) == code
        ]
        tag_terms(entries, terms)
        fields = dict(search.config.fields) | TERMS_FIELD
        index = {"config": settings | {"fields": fields}, "docs": entries}
        write_index(Path(config.site_dir) / folders[code] / "search", index)


def tag_terms(entries: list[dict], introduced: dict[str, list[str]]) -> None:
    """Give each glossary term to one entry of the index, as its ``terms``.

    The entry is the one whose title holds the term with the fewest other
    letters (chapter 3, "Activation functions", for "activation function"),
    or, where no chapter's title holds it, the section the glossary says
    introduces it.
    """
    titles = [entry["title"].replace("\u200b", "").lower() for entry in entries]
    # A lab's exercise is named after what it practises: the chapter teaches it.
    chapters = {
        i for i, e in enumerate(entries) if not e["location"].startswith("labs/")
    }
    for location, terms in introduced.items():
        for term in terms:
            named = [
                (len(title), i)
                for i, title in enumerate(titles)
                if term.lower() in title and i in chapters
            ]
            at = [i for i, e in enumerate(entries) if e["location"] == location]
            if not named and not at:
                continue
            chosen = entries[min(named)[1] if named else at[0]]
            chosen["terms"] = f"{chosen.get('terms', '')} {term}".strip()


def edition_of(location: str, folders: dict[str, str]) -> str:
    """The language whose folder holds ``location`` (the default's is ``""``)."""
    for code, prefix in sorted(folders.items(), key=lambda item: -len(item[1])):
        if location.startswith(prefix):
            return code
    raise ValueError(f"no edition holds {location!r}")


def write_index(folder: Path, index: dict) -> None:
    """The index as JSON, and as the script a page opened from disk loads."""
    data = json.dumps(index, separators=(",", ":"), default=str)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "search_index.json").write_text(data, encoding="utf-8")
    # The offline plugin's form: a page opened from file:// cannot fetch JSON.
    (folder / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")
