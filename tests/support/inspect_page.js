// Everything on the page a reader would see as broken, as a list of sentences.
() => {
  const problems = [];
  const article = document.querySelector("article").cloneNode(true);
  article.querySelectorAll("pre, code, mjx-container, script").forEach((e) => e.remove());
  for (const raw of ["\\(", "\\)", "\\[", "$$", "\\begin{", "\\frac"]) {
    if (article.textContent.includes(raw)) problems.push(`raw TeX ${raw} in the text`);
  }
  document.querySelectorAll("mjx-merror").forEach((error) => {
    problems.push(`TeX error: ${error.getAttribute("data-mjx-error") || error.textContent}`);
  });
  document.querySelectorAll(".arithmatex").forEach((math, i) => {
    const typeset = math.querySelector("mjx-container");
    const start = math.textContent.slice(0, 40);
    if (!typeset) problems.push(`formula ${i + 1} was not typeset: ${start}`);
    else if (math.closest("details:not([open])") === null) {
      const box = typeset.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) problems.push(`formula ${i + 1} has no size`);
    }
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
