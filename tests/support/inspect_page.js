// Everything on the page a reader would see as broken, as a list of sentences.
() => {
  const problems = [];
  const article = document.querySelector("article").cloneNode(true);
  article.querySelectorAll("pre, code, mjx-container, script").forEach((e) => e.remove());
  for (const raw of ["\\(", "\\)", "\\[", "$$", "\\begin{", "\\frac"]) {
    if (article.textContent.includes(raw)) problems.push(`raw TeX ${raw} in the text`);
  }
  // Every formula was typeset when the site was built: no script typesets here.
  if (window.MathJax || document.querySelector('script[src*="mathjax" i]')) {
    problems.push("the page loads a typesetting script");
  }
  document.querySelectorAll(".arithmatex").forEach((math, i) => {
    const drawn = math.querySelector(":scope > mjx-container > svg");
    const start = math.textContent.slice(0, 40);
    if (!drawn) {
      problems.push(`formula ${i + 1} was not typeset: ${start}`);
      return;
    }
    if (!math.querySelector("mjx-assistive-mml > math")) {
      problems.push(`formula ${i + 1} has no MathML for screen readers`);
    }
    if (math.closest("details:not([open])") === null) {
      const box = drawn.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) problems.push(`formula ${i + 1} has no size`);
    }
    drawn.querySelectorAll("use").forEach((use) => {
      const glyph = use.getAttribute("href") || use.getAttribute("xlink:href");
      if (!document.getElementById(glyph.slice(1))) {
        problems.push(`formula ${i + 1} draws a glyph the page lacks: ${glyph}`);
      }
    });
  });
  document.querySelectorAll("img").forEach((img) => {
    const src = img.getAttribute("src");
    if (!img.complete || img.naturalWidth === 0) problems.push(`image ${src} did not load`);
    if (!(img.getAttribute("alt") || "").trim()) problems.push(`image ${src} has no alt text`);
  });
  document.querySelectorAll("article svg").forEach((svg) => {
    const named = svg.getAttribute("aria-label") || svg.querySelector("title");
    const inNamed = svg.closest("mjx-container, [title], [aria-label], button, a, label");
    if (!named && !inNamed && svg.getAttribute("aria-hidden") !== "true") {
      problems.push("an inline SVG has no title or label");
    }
  });
  return problems;
}
