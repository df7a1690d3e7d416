// WCAG contrast ratio between the text colour of the first element matching
// `selector` and the first non-transparent background behind it.
(selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const channels = (colour) => colour.match(/[\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const f = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let behind = el;
  while (behind && channels(getComputedStyle(behind).backgroundColor)[3] === 0) {
    behind = behind.parentElement;
  }
  const back = behind ? getComputedStyle(behind).backgroundColor : "rgb(255, 255, 255)";
  const [a, b] = [luminance(channels(getComputedStyle(el).color)), luminance(channels(back))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
