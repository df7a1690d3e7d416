// The WCAG contrast of every colour of the code palette on each background a
// code token sits on: the code block's and the page's ("Output" blocks).
// Returns {"<colour variable> on <background variable>": ratio}.
() => {
  const TOKENS = ["fg-color", "hl-comment-color", "hl-generic-color",
    "hl-operator-color", "hl-punctuation-color", "hl-variable-color",
    "hl-keyword-color", "hl-string-color", "hl-number-color",
    "hl-function-color", "hl-constant-color", "hl-special-color",
    "hl-name-color"].map((name) => `--md-code-${name}`);
  const BACKGROUNDS = ["--md-code-bg-color", "--md-default-bg-color"];
  const probe = document.createElement("span");
  document.querySelector("article").append(probe);
  // A colour as opaque sRGB channels, composited over `under` if translucent.
  const rgb = (css, under = [255, 255, 255]) => {
    probe.style.color = css;
    const [r, g, b, a = 1] = getComputedStyle(probe).color.match(/[\d.]+/g).map(Number);
    return [r, g, b].map((v, i) => a * v + (1 - a) * under[i]);
  };
  const luminance = (channels) => {
    const f = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    const [r, g, b] = channels.map(f);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratios = {};
  for (const background of BACKGROUNDS) {
    const page = rgb("var(--md-default-bg-color)");
    const back = rgb(`var(${background})`, page);
    for (const token of TOKENS) {
      const [a, b] = [luminance(rgb(`var(${token})`, back)), luminance(back)];
      ratios[`${token} on ${background}`] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }
  }
  probe.remove();
  return ratios;
}
