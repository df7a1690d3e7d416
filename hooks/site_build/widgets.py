"""The interactive widgets: which scripts a page needs, and the tags that load them.

A chapter places a widget with ``<div class="nnlit-widget" data-widget="NAME">``.
A page with one or more gets the shared stylesheet and scripts
(``javascripts/widgets/nnmath.js``, the maths; ``ui.js``, the controls) and
each widget's own ``javascripts/widgets/NAME.js``, linked relative to the page
so that the site works from any host and straight from disk. Pages without a
widget load none of them.
"""

import posixpath
import re
from collections.abc import Collection

FOLDER = "javascripts/widgets"
SHARED = ("nnmath", "ui")  # in this order: ui.js and every widget use nnmath
STYLESHEET = "stylesheets/widgets.css"
WIDGET = re.compile(
    r'<div\b[^>]*\bclass="[^"]*\bnnlit-widget\b[^"]*"[^>]*\bdata-widget="([\w-]+)"'
    r'|<div\b[^>]*\bdata-widget="([\w-]+)"[^>]*\bclass="[^"]*\bnnlit-widget\b'
)


class WidgetError(Exception):
    """A page places a widget that has no script; the message names both."""


def widgets_in(html: str) -> list[str]:
    """The names of the widgets a page places, each once, in page order."""
    names = [first or second for first, second in WIDGET.findall(html)]
    return list(dict.fromkeys(names))


def relative(target: str, page_url: str) -> str:
    """``target`` (a path from the site's root) as a link from ``page_url``."""
    folder = posixpath.dirname(page_url) or "."
    return posixpath.relpath(target, folder)


def asset_tags(
    names: list[str], page_url: str, scripts: Collection[str], page: str
) -> tuple[str, str]:
    """The ``<link>`` for the head and the ``<script>`` tags for the end of the body.

    ``scripts`` are the widget scripts the site has (paths from its root);
    a widget without one fails, naming the page.
    """
    wanted = [*SHARED, *names]
    for name in wanted:
        if f"{FOLDER}/{name}.js" not in scripts:
            raise WidgetError(
                f"{page}: widget {name!r} has no script {FOLDER}/{name}.js"
            )
    link = f'<link rel="stylesheet" href="{relative(STYLESHEET, page_url)}">'
    tags = "".join(
        f'<script src="{relative(f"{FOLDER}/{name}.js", page_url)}"></script>'
        for name in wanted
    )
    return link, tags


def add_widget_assets(
    output: str, page_url: str, scripts: Collection[str], page: str
) -> str:
    """A built page with its widgets' stylesheet and scripts added, if it has any."""
    names = widgets_in(output)
    if not names:
        return output
    link, tags = asset_tags(names, page_url, scripts, page)
    head, body = output.rfind("</head>"), output.rfind("</body>")
    if head < 0 or body < 0:
        raise WidgetError(f"{page}: no </head> or </body> to add the widgets' tags to")
    return output[:head] + link + output[head:body] + tags + output[body:]
