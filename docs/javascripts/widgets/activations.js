// Widget "activations" (chapter 3): an activation, its slope, and where the
// source's formulas fail in float32 and float64 against nnlit's stable ones.
//
// A choice picks g; a slider, a number box or a drag across the plot set z. The widget shows
// g(z) and g'(z) (nnlit's, float64), plots both near 0 with a mark at z, and
// tabulates g(z) and g'(z) in float32 and float64, as the source writes them
// (nnlit.errata) and as nnlit does, saying in words where the source's
// formula overflows or gives NaN. Below, where each failure starts: the first
// whole numbers nnlit.facts.source_fault finds, and where nnlit's own slope
// underflows.
//
// Words (see ui.js): title, g, g-NAME per activation, z, z-box, bad-z ({min}
// {max}), plot, legend-value, legend-slope, value, slope, table, float32,
// float64, row-source-value, row-nnlit-value, row-source-slope,
// row-nnlit-slope, nan, overflowed, at-z-overflow ({dtype}), at-z-nan
// ({dtype}), at-z-slope-lost ({dtype}), at-z-fine, faults-sigmoid
// ({overflow64} {overflow32} {zero64} {zero32} {under64} {under32} {one64}
// {one32}), faults-tanh ({nan64} {nan32} {under64} {under32}), faults-relu,
// faults-leaky_relu.
//
// For tests: controls carry data-control (g, z, z-box); numbers shown carry
// data-shown (value, slope, CELL-float32/float64 for CELL in source-value,
// nnlit-value, source-slope, nnlit-slope, and the fault placeholders);
// widget.nnlitState() returns {g, z, value, slope, cells, faults}, cells[dtype]
// = {source: {value, slope, overflow, nan}, nnlit: {value, slope}}.
(function () {
  "use strict";
  const { nnmath, nnlitUI: ui } = globalThis;

  const Z = { min: -800, max: 800, step: 0.1 }; // beyond float64's overflow at 710
  const START = { g: "sigmoid", z: -2 };
  const ORDER = ["sigmoid", "tanh", "relu", "leaky_relu"];
  const WINDOW = 8; // the plot shows z in [-8, 8]
  const W = 320;
  const H = 180;
  const DIGITS = 6; // significant figures shown
  const CELLS = ["source-value", "nnlit-value", "source-slope", "nnlit-slope"];

  // Where things fail, per activation: the placeholder and nnmath's kind.
  const FAULTS = {
    sigmoid: {
      overflow: "sigmoid_overflows",
      zero: "slope_is_zero",
      under: "sigmoid_slope_underflows",
      one: "sigmoid_is_one",
    },
    tanh: { nan: "tanh_is_nan", under: "tanh_slope_underflows" },
    relu: {},
    leaky_relu: {},
  };
  const faultCache = {};
  function faults(g) {
    if (!faultCache[g]) {
      const found = {};
      for (const [key, kind] of Object.entries(FAULTS[g])) {
        found[`${key}64`] = nnmath.firstFault(kind, "float64");
        found[`${key}32`] = nnmath.firstFault(kind, "float32");
      }
      faultCache[g] = found;
    }
    return faultCache[g];
  }

  function cellsAt(g, z) {
    const cells = {};
    for (const dtype of nnmath.DTYPES) {
      const r = nnmath.rounder(dtype);
      const ours = nnmath.activation(g, dtype);
      cells[dtype] = {
        source: nnmath.sourceActivation(g, z, dtype),
        nnlit: { value: ours.value(r(z)), slope: ours.slope(r(z)) },
      };
    }
    return cells;
  }

  function plot(parent, word) {
    const box = ui.el("div", { class: "nnlit-widget__plot" }, parent);
    const svg = ui.svg("svg", {
      viewBox: `0 0 ${W} ${H + 24}`,
      role: "img",
      "aria-label": word("plot"),
    }, box);
    const axes = ui.svg("g", {}, svg);
    const value = ui.svg("path", { class: "nnlit-widget__curve--value" }, svg);
    const slope = ui.svg("path", { class: "nnlit-widget__curve--slope" }, svg);
    const mark = ui.svg("line", { class: "nnlit-widget__mark" }, svg);
    const dot = ui.svg("circle", { class: "nnlit-widget__point", r: 6 }, svg);
    const legend = [
      ["nnlit-widget__curve--value", "legend-value", 8],
      ["nnlit-widget__curve--slope", "legend-slope", W / 2],
    ];
    for (const [cls, key, x] of legend) {
      ui.svg("line", { class: cls, x1: x, x2: x + 24, y1: H + 14, y2: H + 14 }, svg);
      const text = ui.svg("text", { x: x + 30, y: H + 19 }, svg);
      text.textContent = word(key);
    }
    return { svg, axes, value, slope, mark, dot };
  }

  function drawPlot(draw, g, z) {
    const f = nnmath.activation(g);
    const zs = Array.from({ length: 161 }, (_, i) => -WINDOW + (i * 2 * WINDOW) / 160);
    const ys = zs.flatMap((v) => [f.value(v), f.slope(v)]);
    const low = Math.min(0, ...ys);
    const high = Math.max(1, ...ys);
    const sx = (v) => ((v + WINDOW) / (2 * WINDOW)) * (W - 16) + 8;
    const sy = (v) => H - 8 - ((v - low) / (high - low)) * (H - 16);
    const path = (fn) =>
      zs.map((v, i) => `${i ? "L" : "M"}${sx(v).toFixed(1)},${sy(fn(v)).toFixed(1)}`).join("");
    draw.axes.textContent = "";
    ui.svg("line", { class: "nnlit-widget__grid", x1: 8, x2: W - 8, y1: sy(0), y2: sy(0) }, draw.axes);
    ui.svg("line", { class: "nnlit-widget__grid", x1: sx(0), x2: sx(0), y1: 8, y2: H - 8 }, draw.axes);
    draw.value.setAttribute("d", path(f.value));
    draw.slope.setAttribute("d", path(f.slope));
    const shown = Math.max(-WINDOW, Math.min(WINDOW, z));
    draw.mark.setAttribute("x1", sx(shown));
    draw.mark.setAttribute("x2", sx(shown));
    draw.mark.setAttribute("y1", 8);
    draw.mark.setAttribute("y2", H - 8);
    draw.dot.setAttribute("cx", sx(shown));
    draw.dot.setAttribute("cy", sy(f.value(shown)));
  }

  ui.mount("activations", (widget, word) => {
    ui.el("p", { class: "nnlit-widget__title" }, widget, word("title"));
    const body = ui.el("div", { class: "nnlit-widget__body" }, widget);
    const controls = ui.el("div", { class: "nnlit-widget__controls" }, body);
    const update = () => render();
    const gChoice = ui.choice(controls, {
      key: "g",
      label: word("g"),
      options: ORDER.map((name) => [name, word(`g-${name}`)]),
      value: START.g,
      onChange: update,
    });
    const zSlider = ui.slider(controls, {
      key: "z", label: word("z"), ...Z, value: START.z,
      onInput: (v) => {
        current = v;
        zBox.value = String(v);
        badZ.hidden = true;
        render();
      },
    });
    // A number box for exact values: out of range or not a number is said in words.
    const boxRow = ui.el("div", { class: "nnlit-widget__control" }, controls);
    const boxId = ui.uid("z-box");
    ui.el("label", { for: boxId }, boxRow, word("z-box"));
    const zBox = ui.el("input", {
      type: "number", id: boxId, min: Z.min, max: Z.max, step: "any", "data-control": "z-box",
    }, boxRow);
    zBox.value = String(START.z);
    const badZ = ui.el("p", { class: "nnlit-widget__warning", role: "status" }, controls);
    badZ.hidden = true;
    zBox.addEventListener("input", () => {
      const v = zBox.value.trim() === "" ? NaN : Number(zBox.value);
      if (!Number.isFinite(v) || v < Z.min || v > Z.max) {
        ui.setText(badZ, word("bad-z", { min: ui.fixed(Z.min, 0), max: ui.fixed(Z.max, 0) }));
        badZ.hidden = false;
        return;
      }
      badZ.hidden = true;
      current = v; // exactly as typed; the slider moves to its nearest step
      zSlider.value = String(v);
      zSlider.nnlitShow();
      render();
    });
    let current = START.z;

    const draw = plot(body, word);
    // Dragging across the plot sets z there (to the slider's step).
    const dragZ = (event) => {
      const m = draw.svg.getScreenCTM();
      if (!m) return;
      const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse());
      const v = ((p.x - 8) / (W - 16)) * 2 * WINDOW - WINDOW;
      const z = Number((Math.round(Math.max(-WINDOW, Math.min(WINDOW, v)) / Z.step) * Z.step).toFixed(1));
      current = z;
      zSlider.value = String(z);
      zSlider.nnlitShow();
      zBox.value = String(z);
      badZ.hidden = true;
      render();
    };
    draw.svg.addEventListener("pointerdown", (event) => {
      draw.svg.setPointerCapture(event.pointerId);
      dragZ(event);
    });
    draw.svg.addEventListener("pointermove", (event) => {
      if (draw.svg.hasPointerCapture(event.pointerId)) dragZ(event);
    });
    const readout = ui.live(body, { class: "nnlit-widget__readout" });
    const valueLine = ui.el("p", {}, readout);
    const slopeLine = ui.el("p", {}, readout);
    const atZ = ui.el("div", {}, readout);
    const tableBox = ui.el("div", { class: "nnlit-widget__table" }, widget);
    const table = ui.el("table", { class: "nnlit-widget__cells" }, tableBox);
    ui.el("caption", {}, table, word("table"));
    const headRow = ui.el("tr", {}, ui.el("thead", {}, table));
    ui.el("td", {}, headRow);
    for (const dtype of nnmath.DTYPES) ui.el("th", { scope: "col" }, headRow, word(dtype));
    const tbody = ui.el("tbody", {}, table);
    const cellNodes = {};
    for (const cell of CELLS) {
      const row = ui.el("tr", {}, tbody);
      ui.el("th", { scope: "row" }, row, word(`row-${cell}`));
      for (const dtype of nnmath.DTYPES) cellNodes[`${cell}-${dtype}`] = ui.el("td", {}, row);
    }
    const faultLine = ui.el("p", {}, widget);

    let state = null;

    function showCell(node, key, value, flags) {
      if (Number.isNaN(value)) {
        ui.render(node, word("nan"));
        return;
      }
      const text = `{${key}}${flags.overflow ? ` ${word("overflowed")}` : ""}`;
      ui.render(node, text, { [key]: ui.sig(value, DIGITS) });
    }

    function render() {
      const g = gChoice.value;
      const z = current;
      const f = nnmath.activation(g);
      const value = f.value(z);
      const slope = f.slope(z);
      const cells = cellsAt(g, z);
      const found = faults(g);
      state = { g, z, value, slope, cells, faults: found };

      ui.render(valueLine, `${word("value")} {value}`, { value: ui.sig(value, DIGITS) });
      ui.render(slopeLine, `${word("slope")} {slope}`, { slope: ui.sig(slope, DIGITS) });
      for (const dtype of nnmath.DTYPES) {
        const { source, nnlit } = cells[dtype];
        showCell(cellNodes[`source-value-${dtype}`], `source-value-${dtype}`, source.value, source);
        showCell(cellNodes[`source-slope-${dtype}`], `source-slope-${dtype}`, source.slope, source);
        showCell(cellNodes[`nnlit-value-${dtype}`], `nnlit-value-${dtype}`, nnlit.value, {});
        showCell(cellNodes[`nnlit-slope-${dtype}`], `nnlit-slope-${dtype}`, nnlit.slope, {});
      }
      const notes = [];
      for (const dtype of nnmath.DTYPES) {
        const { source, nnlit } = cells[dtype];
        const name = word(dtype);
        if (source.nan) notes.push(word("at-z-nan", { dtype: name }));
        else if (source.overflow) notes.push(word("at-z-overflow", { dtype: name }));
        if (source.slope === 0 && nnlit.slope > 0) {
          notes.push(word("at-z-slope-lost", { dtype: name }));
        }
      }
      if (!notes.length) notes.push(word("at-z-fine"));
      const text = notes.join(" ");
      if (atZ.textContent !== text) {
        atZ.textContent = "";
        notes.forEach((note) => ui.el("p", { class: "nnlit-widget__warning" }, atZ, note));
        if (notes.length === 1 && notes[0] === word("at-z-fine")) atZ.firstChild.className = "";
      }
      const numbers = Object.fromEntries(
        Object.entries(found).map(([key, v]) => [key, ui.fixed(v, 0)]),
      );
      ui.render(faultLine, word(`faults-${g}`), numbers);
      drawPlot(draw, g, z);
    }

    render();
    return () => JSON.parse(JSON.stringify(state, (k, v) =>
      typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
  });
})();
