// Names and focus the theme leaves out, for screen readers and keyboards.
//
// - The search dialog gets a name: the search box's own label.
// - Each code block's toolbar (a <nav> the theme adds, holding the copy
//   button) is named after its block, so no two landmarks share a name.
// - The menu button that opens the navigation drawer on narrow screens is a
//   button a keyboard reaches and presses (Enter, as the theme allows, or Space), and says whether
//   the drawer is open.
// - A figure's long description, the "in words" box under it, is tied to
//   the figure's image (aria-details), so a screen reader can offer it there.
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

  const menuButton = () => {
    const toggle = document.getElementById("__drawer");
    const button = document.querySelector('label.md-header__button[for="__drawer"]');
    if (!toggle || !button) return;
    if (!button.hasAttribute("role")) {
      button.setAttribute("role", "button");
      button.setAttribute("tabindex", "0");
      button.setAttribute("aria-label", "Navigation");
      // The theme presses a focused label on Enter; Space is ours to add.
      button.addEventListener("keydown", (event) => {
        if (event.key !== " ") return;
        event.preventDefault();
        button.click();
      });
      toggle.addEventListener("change", update);
    }
    const open = String(toggle.checked);
    if (button.getAttribute("aria-expanded") !== open) {
      button.setAttribute("aria-expanded", open);
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

  const describeFigures = () => {
    document.querySelectorAll("figure + details.description").forEach((box, i) => {
      const img = box.previousElementSibling.querySelector("img");
      if (!img) return;
      if (!box.id) box.id = `figure-in-words-${i + 1}`;
      if (img.getAttribute("aria-details") !== box.id) {
        img.setAttribute("aria-details", box.id);
      }
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
      menuButton();
      nameToolbars();
      describeFigures();
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
