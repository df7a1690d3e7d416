// nnlitUI: what every widget's page part needs, shared (sets globalThis.nnlitUI).
//
// A widget is a `<div class="nnlit-widget" data-widget="NAME" hidden>` in a
// chapter, holding its words as `<span data-word="KEY">text</span>` (a
// template names its numbers in braces: "overflows from z = {z}"; a name is
// letters, digits, "_" and "-"). The script
// holds no words: every label, unit and message comes from the page, so a
// translation of the page translates the widget. `mount` reads the words,
// removes them from the page, builds the widget and shows it; without
// JavaScript the div stays hidden and the static figure beside it remains.
//
// Numbers: `fixed` and `sig` format finite numbers only (a typographic minus,
// never "-0"); a value that may be infinite or NaN must be put in words by
// its widget, so `fixed` and `sig` throw rather than print NaN.
(function (root) {
  "use strict";

  const MINUS = "\u2212";
  let counter = 0;

  /** A page-unique id for an element of a widget. */
  function uid(name) {
    counter += 1;
    return `nnlit-${name}-${counter}`;
  }

  /** A new HTML element with attributes (and text), appended to `parent`. */
  function el(tag, attrs = {}, parent = null, text = null) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (text !== null) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  // SVG's namespace, read from an <svg> the HTML parser makes (no URL here).
  let svgNamespace = null;
  function svgNS() {
    if (!svgNamespace) {
      const probe = document.createElement("div");
      probe.innerHTML = "<svg></svg>";
      svgNamespace = probe.firstChild.namespaceURI;
    }
    return svgNamespace;
  }

  /** A new SVG element with attributes, appended to `parent`. */
  function svg(tag, attrs = {}, parent = null) {
    const node = document.createElementNS(svgNS(), tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (parent) parent.appendChild(node);
    return node;
  }

  /** Set an element's text only when it changed (keeps screen readers calm). */
  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
    node.nnlitTemplate = null; // whatever `render` built here is gone
  }

  function finite(x) {
    if (typeof x !== "number" || !Number.isFinite(x)) {
      throw new RangeError(`not a finite number: ${x}; put it in words`);
    }
  }

  function minus(text) {
    return text.replace(/^-/, MINUS).replace("e-", `e${MINUS}`).replace("e+", "e");
  }

  /** `x` with `digits` decimals, as Python's f"{x:.{digits}f}" (no "-0"). */
  function fixed(x, digits) {
    finite(x);
    let text = x.toFixed(digits);
    if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
    return minus(text);
  }

  /** `x` to `digits` significant figures, trailing zeros dropped, as Python's
   * f"{x:.{digits}g}" (which may differ only in where it switches to e-form). */
  function sig(x, digits) {
    finite(x);
    if (x === 0) return "0";
    const [mantissa, exponent] = x.toPrecision(digits).split("e");
    const short = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
    return minus(exponent === undefined ? short : `${short}e${exponent}`);
  }

  /** Fill the {names} of a template; a name the values lack is an error. */
  function fill(template, values) {
    return template.replace(/\{([\w-]+)\}/g, (_, key) => {
      if (!Object.hasOwn(values, key)) throw new RangeError(`no value for {${key}}`);
      return String(values[key]);
    });
  }

  /**
   * Show a template in `node` with each {name} filled by values[name], as
   * <span class="nnlit-widget__value" data-shown="name">: tests read a shown
   * number by its name. With the same template again, only the numbers change.
   */
  function render(node, template, values = {}) {
    if (node.nnlitTemplate !== template) {
      node.textContent = "";
      template.split(/(\{[\w-]+\})/).forEach((part) => {
        const key = /^\{([\w-]+)\}$/.exec(part);
        if (!key) {
          if (part) node.appendChild(document.createTextNode(part));
          return;
        }
        el("span", { class: "nnlit-widget__value", "data-shown": key[1] }, node);
      });
      node.nnlitTemplate = template;
    }
    node.querySelectorAll("[data-shown]").forEach((span) => {
      const key = span.dataset.shown;
      if (!Object.hasOwn(values, key)) throw new RangeError(`no value for {${key}}`);
      if (span.textContent !== String(values[key])) span.textContent = String(values[key]);
    });
  }

  /**
   * The words a widget's page part holds, by key; the spans leave the page.
   * The returned function gives one word and throws if the page lacks it.
   */
  function readWords(widget) {
    const found = {};
    widget.querySelectorAll("[data-word]").forEach((node) => {
      found[node.dataset.word] = node.textContent.replace(/\s+/g, " ").trim();
      node.remove();
    });
    const name = widget.dataset.widget;
    const word = (key, values) => {
      if (!Object.hasOwn(found, key)) {
        throw new RangeError(`widget ${name}: the page gives no word "${key}"`);
      }
      return values ? fill(found[key], values) : found[key];
    };
    word.has = (key) => Object.hasOwn(found, key);
    return word;
  }

  /** Decimals a slider's step shows: 0.1 shows one, 0.05 two, 1 none. */
  function decimalsOf(step) {
    const text = String(step);
    return text.includes(".") ? text.split(".")[1].length : 0;
  }

  /**
   * A labelled range slider with its value shown beside it, in `parent`.
   *
   * opts: {key, label, min, max, step, value, onInput}; the input carries
   * data-control=key, so tests and other scripts find it. Returns the input.
   */
  function slider(parent, opts) {
    const row = el("div", { class: "nnlit-widget__control" }, parent);
    const id = uid(opts.key);
    el("label", { for: id }, row, opts.label);
    const input = el("input", {
      type: "range",
      id,
      min: opts.min,
      max: opts.max,
      step: opts.step,
      "data-control": opts.key,
    }, row);
    input.value = String(opts.value);
    const out = el("output", { for: id, "aria-hidden": "true" }, row);
    const digits = decimalsOf(opts.step);
    const show = () => {
      const text = fixed(Number(input.value), digits);
      setText(out, text);
      input.setAttribute("aria-valuetext", text);
    };
    input.addEventListener("input", () => {
      show();
      if (opts.onInput) opts.onInput(Number(input.value));
    });
    show();
    input.nnlitShow = show; // call after setting .value from script
    return input;
  }

  /**
   * A labelled choice (<select>) in `parent`. opts: {key, label, options:
   * [[value, text], ...], value, onChange}. Returns the select.
   */
  function choice(parent, opts) {
    const row = el("div", { class: "nnlit-widget__control" }, parent);
    const id = uid(opts.key);
    el("label", { for: id }, row, opts.label);
    const select = el("select", { id, "data-control": opts.key }, row);
    for (const [value, text] of opts.options) el("option", { value }, select, text);
    select.value = opts.value;
    select.addEventListener("change", () => opts.onChange && opts.onChange(select.value));
    return select;
  }

  /**
   * A real <button> in `parent`. opts: {key, label, onClick}; it carries
   * data-control=key. Returns the button.
   */
  function button(parent, opts) {
    const node = el("button", { type: "button", "data-control": opts.key }, parent, opts.label);
    if (opts.onClick) node.addEventListener("click", () => opts.onClick());
    return node;
  }

  /** A region whose changes screen readers announce, politely. */
  function live(parent, attrs = {}) {
    return el("div", { "aria-live": "polite", ...attrs }, parent);
  }

  /** Whether the reader asked for less motion (Run steps, it does not animate). */
  function reducedMotion() {
    return root.matchMedia && root.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  /**
   * Build every widget `name` on the page with `init(widget, word)` and show it.
   * `init` may return a function that returns the widget's state for tests:
   * it becomes `widget.nnlitState()`.
   */
  function mount(name, init) {
    const start = () => {
      document.querySelectorAll(`.nnlit-widget[data-widget="${name}"]`).forEach((widget) => {
        if (widget.dataset.ready) return;
        const word = readWords(widget);
        const state = init(widget, word);
        if (typeof state === "function") widget.nnlitState = state;
        widget.hidden = false;
        widget.dataset.ready = "true";
      });
    };
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }

  root.nnlitUI = {
    MINUS,
    uid,
    el,
    svg,
    setText,
    fixed,
    sig,
    fill,
    render,
    readWords,
    decimalsOf,
    slider,
    choice,
    button,
    live,
    reducedMotion,
    mount,
  };
})(globalThis);
