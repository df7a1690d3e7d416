// The focused element and whether a reader can see it has focus: an outline
// or a ring (box-shadow), on screen, with a size. A hidden input that stands
// behind the label after it (the palette toggle) is seen through that label.
() => {
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  const label = el.getAttribute("aria-label") || el.title || el.textContent.trim();
  const what = `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${label.slice(0, 30)}"`;
  if (el.matches("input") && !el.offsetWidth && el.nextElementSibling?.matches("label")) {
    el = el.nextElementSibling;
  }
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow !== "none";
  const onScreen = box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
  const visible = style.visibility === "visible" && parseFloat(style.opacity) > 0;
  return {
    what,
    marked: outline || ring,
    shown: box.width > 0 && box.height > 0 && onScreen && visible,
  };
}
