// Widget 4, chapter 6: one iteration of backpropagation, step by step.
//
// The network is the course's (chapter 6's listing): its inputs, a hidden
// layer and one output, sigmoid in both layers, no biases. The page: <div
// class="nnlit-widget" data-widget="backprop" hidden data-problem="JSON from
// nnlit.training_widgets.backprop_problem"> holding the words as <span
// data-word=KEY>: forward, backward, reset (the buttons), input, hidden,
// output (node names, with {i} or {j} for the index), plot (the drawing's
// name), and the steps in the order they are revealed: forward-1, forward-2,
// ... and backward-1, backward-2, ..., each a sentence whose {KEY}s are the
// numbers it reveals.
//
// KEY: h1, a1, h2, a2 (each hidden unit's input and output), ho and yhat
// (the output's), error (y - yhat), deltaO and deltaH1, deltaH2 (the error
// terms), dw2_J (the change of the weight from hidden unit J to the output)
// and dW1_J_I (from input I into hidden unit J): the changes are nnlit's
// two_layer_step times the learning rate, as the source adds them.
//
// Forward reveals the next forward step; Backward, once the forward pass is
// done, the next backward step. Each number shown sits alone in an element
// [data-shown=KEY] (the drawing's copies: [data-shown=node-KEY]). For tests,
// widget.nnlitState() returns {forward, backward (steps revealed), values
// (every KEY revealed, and the inputs xI, at full precision)}.
(function () {
  "use strict";

  const math = globalThis.nnmath;
  const ui = globalThis.nnlitUI;
  const COLUMNS = [70, 210, 330]; // x of the input, hidden and output nodes
  const ROW = 42; // distance between two input nodes
  const RADIUS = 15;
  const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

  /** ui.fixed's typography, in exponent form: 1.235e−5. */
  function exponent(x, digits) {
    const text = x.toExponential(digits).replace("e+", "e").replace("e-", `e${ui.MINUS}`);
    return text.replace(/^-/, ui.MINUS);
  }

  /** A weight change in exponent form (they are small), anything else fixed. */
  function format(key, x) {
    return /^d[wW]/.test(key) ? exponent(x, 3) : ui.fixed(x, 4);
  }

  /** A node's name: the page's template with its index as a subscript. */
  function named(template, k) {
    return template.replace(/\{[ij]\}/, String(k).replace(/\d/g, (d) => SUBSCRIPTS[d]));
  }

  /** Every number a step can reveal, by KEY, and the inputs as xI. */
  function allValues(problem) {
    const s = math.backpropStep(problem.x, problem.y, problem.W1, problem.w2, problem.lr);
    const values = { ho: s.ho, yhat: s.yHat, error: s.error, deltaO: s.deltaO };
    s.h.forEach((h, j) => {
      Object.assign(values, {
        [`h${j + 1}`]: h,
        [`a${j + 1}`]: s.a[j],
        [`deltaH${j + 1}`]: s.deltaH[j],
        [`dw2_${j + 1}`]: s.dw2[j],
      });
      s.dW1[j].forEach((d, i) => {
        values[`dW1_${j + 1}_${i + 1}`] = d;
      });
    });
    problem.x.forEach((x, i) => {
      values[`x${i + 1}`] = x;
    });
    return values;
  }

  /**
   * The network: input nodes (their values beside them), hidden units and the
   * output (value above, error term below, once revealed), and an edge for
   * each weight, marked once its change is revealed. Returns the elements
   * that change: {edges: {KEY: line}, numbers: {KEY: text}}.
   */
  function drawing(parent, problem, word) {
    const n = problem.x.length;
    const hidden = problem.w2.length;
    const y = (k, count) => 24 + ((k + 0.5) * n * ROW) / count;
    const at = {
      x: problem.x.map((_, i) => [COLUMNS[0], y(i, n)]),
      a: problem.w2.map((_, j) => [COLUMNS[1], y(j, hidden)]),
      o: [COLUMNS[2], y(0, 1)],
    };
    const svg = ui.svg("svg", {
      viewBox: `0 0 ${COLUMNS[2] + 50} ${n * ROW + 48}`,
      role: "img",
      "aria-label": word("plot"),
    }, parent);
    const edges = {};
    const numbers = {};
    const edge = (from, to, key) => {
      edges[key] = ui.svg("line", {
        x1: from[0] + RADIUS, y1: from[1], x2: to[0] - RADIUS, y2: to[1],
        class: "nnlit-backprop__edge",
      }, svg);
    };
    at.a.forEach((a, j) => {
      at.x.forEach((x, i) => edge(x, a, `dW1_${j + 1}_${i + 1}`));
      edge(a, at.o, `dw2_${j + 1}`);
    });
    const text = (attrs, content) => {
      const node = ui.svg("text", { "text-anchor": "middle", ...attrs }, svg);
      node.textContent = content;
      return node;
    };
    const number = (key, attrs) => {
      numbers[key] = text({ "data-shown": `node-${key}`, class: "nnlit-backprop__number", ...attrs }, "");
    };
    const node = ([cx, cy], name) => {
      ui.svg("circle", { cx, cy, r: RADIUS, class: "nnlit-backprop__node" }, svg);
      text({ x: cx, y: cy + 5 }, name);
    };
    at.x.forEach(([cx, cy], i) => {
      node([cx, cy], named(word("input"), i + 1));
      number(`x${i + 1}`, { x: cx - RADIUS - 4, y: cy + 4, "text-anchor": "end" });
    });
    at.a.forEach(([cx, cy], j) => {
      node([cx, cy], named(word("hidden"), j + 1));
      number(`a${j + 1}`, { x: cx, y: cy - RADIUS - 5 });
      number(`deltaH${j + 1}`, { x: cx, y: cy + RADIUS + 14, class: "nnlit-backprop__number nnlit-backprop__delta" });
    });
    node(at.o, word("output"));
    number("yhat", { x: at.o[0], y: at.o[1] - RADIUS - 5 });
    number("deltaO", { x: at.o[0], y: at.o[1] + RADIUS + 14, class: "nnlit-backprop__number nnlit-backprop__delta" });
    return { edges, numbers };
  }

  function init(widget, word) {
    const problem = JSON.parse(widget.dataset.problem);
    const values = allValues(problem);
    const templates = { forward: [], backward: [] };
    for (const phase of ["forward", "backward"]) {
      for (let k = 1; word.has(`${phase}-${k}`); k++) templates[phase].push(word(`${phase}-${k}`));
    }
    const body = ui.el("div", { class: "nnlit-widget__body" }, widget);
    const { edges, numbers } = drawing(ui.el("div", { class: "nnlit-widget__plot nnlit-backprop__plot" }, body), problem, word);
    const side = ui.el("div", { class: "nnlit-widget__controls" }, body);
    const buttons = ui.el("div", { class: "nnlit-widget__buttons" }, side);
    const button = {};
    for (const key of ["forward", "backward", "reset"]) {
      button[key] = ui.button(buttons, { key, label: word(key) });
    }
    const list = ui.el("ol", { class: "nnlit-backprop__steps" }, widget);
    const announce = ui.live(widget, { class: "nnlit-widget__announce" });
    const shown = { forward: 0, backward: 0 };

    /** A revealed step: its sentence with each {KEY} a number [data-shown=KEY]. */
    function step(template) {
      const li = ui.el("li", {}, list);
      const keys = [];
      template.split(/(\{\w+\})/).forEach((part) => {
        const key = /^\{(\w+)\}$/.exec(part);
        if (!key) {
          li.append(part);
          return;
        }
        keys.push(key[1]);
        ui.el("span", { "data-shown": key[1], class: "nnlit-widget__value" }, li, format(key[1], values[key[1]]));
      });
      return { li, keys };
    }

    function revealedKeys() {
      return [
        ...templates.forward.slice(0, shown.forward),
        ...templates.backward.slice(0, shown.backward),
      ].flatMap((t) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
    }

    function render() {
      list.replaceChildren();
      const revealed = [
        ...templates.forward.slice(0, shown.forward),
        ...templates.backward.slice(0, shown.backward),
      ].map(step);
      const latest = revealed[revealed.length - 1];
      if (latest) latest.li.classList.add("nnlit-backprop__latest");
      const keys = new Set(revealedKeys());
      for (const [key, textNode] of Object.entries(numbers)) {
        const visible = keys.has(key) || key.startsWith("x");
        ui.setText(textNode, visible ? format(key, values[key]) : "");
      }
      for (const [key, line] of Object.entries(edges)) {
        line.classList.toggle("nnlit-backprop__edge--changed", keys.has(key));
      }
      button.forward.disabled = shown.forward === templates.forward.length;
      button.backward.disabled =
        shown.forward < templates.forward.length || shown.backward === templates.backward.length;
      return latest;
    }

    function reveal(phase) {
      if (button[phase].disabled) return;
      shown[phase] += 1;
      const latest = render();
      ui.setText(announce, latest.li.textContent);
      // A button that has just been disabled would lose the keyboard's focus.
      if (button[phase].disabled) (phase === "forward" ? button.backward : button.reset).focus();
    }

    button.forward.addEventListener("click", () => reveal("forward"));
    button.backward.addEventListener("click", () => reveal("backward"));
    button.reset.addEventListener("click", () => {
      shown.forward = 0;
      shown.backward = 0;
      ui.setText(announce, "");
      render();
      button.forward.focus();
    });
    render();

    return () => {
      const revealed = {};
      for (const key of [...revealedKeys(), ...problem.x.map((_, i) => `x${i + 1}`)]) {
        revealed[key] = values[key];
      }
      return { forward: shown.forward, backward: shown.backward, values: revealed };
    };
  }

  ui.mount("backprop", init);
})();
