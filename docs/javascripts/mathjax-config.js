// MathJax reads this object when startup.js loads (that script comes next).
// Only the math that pymdownx.arithmatex marked is typeset; the fonts load
// from assets/mathjax/ beside the script, never from a CDN.
window.MathJax = {
  // Only the parts the site uses: TeX input with the AMS environments
  // (aligned, bmatrix) and HTML output. A third less to download than the
  // all-in-one tex-chtml.js, which adds menus, accessibility and extras.
  // An unknown macro is a TeX error on the page, which the browser tests catch.
  loader: { load: ["input/tex-base", "[tex]/ams", "[tex]/newcommand", "[tex]/boldsymbol", "output/chtml"] },
  tex: {
    packages: { "[+]": ["ams", "newcommand", "boldsymbol"] },
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
  },
};
