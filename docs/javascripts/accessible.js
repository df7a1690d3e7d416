// Names and focus the theme leaves out, for screen readers and keyboards.
//
// - The search dialog gets a name: the search box's own label.
// - Each code block's toolbar (a <nav> the theme adds, holding the copy
//   button) is named after its block, so no two landmarks share a name.
// - A formula or table wide enough to scroll sideways can take focus, so a
//   keyboard can scroll it (WCAG 2.1.1); it gives focus back when it fits.
//
// The theme draws its parts after the page loads and again when it changes,
// so this runs whenever the page's elements change, at most once a frame.
(() => {
  const SCROLLERS = ".md-typeset div.arithmatex, .md-typeset__scrollwrap";
  const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

  const nameSearch = () => {
    const dialog = document.querySelector(".md-search[role=dialog]");
    const box = document.querySelector(".md-search__input");
    if (dialog && box && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", box.getAttribute("aria-label") || "Search");
    }
  };

  const nameToolbars = () => {
    document.querySelectorAll("nav.md-code__nav").forEach((nav, i) => {
      const block = nav.closest(".highlight");
      const title = block && block.querySelector(".filename");
      const name = `Code block ${i + 1}${title ? `, ${title.textContent.trim()}` : ""}`;
      if (nav.getAttribute("aria-label") !== name) nav.setAttribute("aria-label", name);
    });
  };

  const focusScrollers = () => {
    document.querySelectorAll(SCROLLERS).forEach((box) => {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      const ours = box.dataset.scrollFocus === "";
      if (scrolls && !box.hasAttribute("tabindex") && !box.querySelector(FOCUSABLE)) {
        box.setAttribute("tabindex", "0");
        box.dataset.scrollFocus = "";
      } else if (!scrolls && ours) {
        box.removeAttribute("tabindex");
        delete box.dataset.scrollFocus;
      }
    });
  };

  let queued = false;
  const update = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      nameSearch();
      nameToolbars();
      focusScrollers();
    });
  };
  new MutationObserver(update).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
  window.addEventListener("resize", update);
  update();
})();
