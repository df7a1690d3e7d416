// MathJax reads this object when tex-chtml.js loads (that script comes next).
// Only the math that pymdownx.arithmatex marked is typeset; the fonts load
// from assets/mathjax/ beside the script, never from a CDN.
window.MathJax = {
  tex: {
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
