// Widget "neuron" (chapter 1): one neuron with two inputs, live.
//
// Sliders set w1, w2, b and the input point x = (x1, x2); a choice sets the
// activation g. The widget shows z = w1 x1 + w2 x2 + b and a = g(z), and
// draws the input plane: the line z = 0, the side where z > 0 (orange) and
// where z < 0 (blue), and the point x, which can also be dragged.
//
// Words: every word shown comes from the page (see ui.js); the keys are
// title, neuron, point, w1, w2, b, g, g-NAME for each activation, x1, x2,
// plane (the drawing's name), axis-x1, axis-x2, z, a, side-positive,
// side-negative, side-line, line ({start_x1} {start_x2} {end_x1} {end_x2}),
// no-line ({b}), off-plane and drag.
//
// For tests: each number shown sits alone in an element with data-shown
// (z, a, start_x1, start_x2, end_x1, end_x2, b), each control has
// data-control (w1, w2, b, g, x1, x2), and widget.nnlitState() returns
// {w1, w2, b, g, x1, x2, z, a, line, side}: the inputs as read, z and a at
// full precision, the line's ends [[x1, x2], [x1, x2]] (or null) and the
// side of x (1: z > 0, -1: z < 0, 0: on the line).
(function () {
  "use strict";
  const { nnmath, nnlitUI: ui } = globalThis;

  const HALF = 3; // the plane shown: [-3, 3] in both inputs
  const SIZE = 300; // the drawing's width and height, in SVG units
  const PAD = 24; // room for the axis names
  const WEIGHT = { min: -5, max: 5, step: 0.1 };
  const INPUT = { min: -HALF, max: HALF, step: 0.1 };
  // Chapter 4's first network: x = (0.7, -0.3), w = (0.1, 0.8), b = -0.1.
  const START = { w1: 0.1, w2: 0.8, b: -0.1, x1: 0.7, x2: -0.3, g: "sigmoid" };
  const ORDER = ["sigmoid", "tanh", "relu", "leaky_relu", "identity"];

  const toSvg = ([x1, x2]) => [
    PAD + ((x1 + HALF) / (2 * HALF)) * SIZE,
    ((HALF - x2) / (2 * HALF)) * SIZE,
  ];
  const fromSvg = (sx, sy) => [
    ((sx - PAD) / SIZE) * 2 * HALF - HALF,
    HALF - (sy / SIZE) * 2 * HALF,
  ];

  /** The part of the square where w . x + b > 0, as a polygon (may be empty). */
  function positiveRegion(w1, w2, b) {
    const corners = [
      [-HALF, -HALF],
      [HALF, -HALF],
      [HALF, HALF],
      [-HALF, HALF],
    ];
    const z = ([x1, x2]) => w1 * x1 + w2 * x2 + b;
    const out = [];
    corners.forEach((p, i) => {
      const q = corners[(i + 1) % 4];
      const [zp, zq] = [z(p), z(q)];
      if (zp > 0) out.push(p);
      if ((zp > 0) !== (zq > 0) && zp !== zq) {
        const t = zp / (zp - zq);
        out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    });
    return out;
  }

  const points = (list) => list.map((p) => toSvg(p).map((v) => v.toFixed(2)).join(",")).join(" ");

  function drawing(parent, word) {
    const box = ui.el("div", { class: "nnlit-widget__plot" }, parent);
    const svg = ui.svg("svg", {
      viewBox: `0 0 ${SIZE + PAD} ${SIZE + PAD}`,
      role: "img",
      "aria-label": word("plane"),
    }, box);
    const [x0, y0] = toSvg([-HALF, HALF]);
    ui.svg("rect", {
      class: "nnlit-widget__area--negative", x: x0, y: y0, width: SIZE, height: SIZE,
    }, svg);
    const positive = ui.svg("polygon", { class: "nnlit-widget__area--positive" }, svg);
    for (let v = -HALF; v <= HALF; v += 1) {
      const [a, top] = toSvg([v, HALF]);
      const [, bottom] = toSvg([v, -HALF]);
      const [left, c] = toSvg([-HALF, v]);
      const [right] = toSvg([HALF, v]);
      const wide = v === 0 ? { "stroke-width": 1.5 } : { "stroke-opacity": 0.5 };
      ui.svg("line", { class: "nnlit-widget__grid", x1: a, y1: top, x2: a, y2: bottom, ...wide }, svg);
      ui.svg("line", { class: "nnlit-widget__grid", x1: left, y1: c, x2: right, y2: c, ...wide }, svg);
    }
    const across = ui.svg("text", { x: PAD + SIZE - 4, y: SIZE + PAD - 6, "text-anchor": "end" }, svg);
    across.textContent = word("axis-x1");
    const up = ui.svg("text", { x: 4, y: 14 }, svg);
    up.textContent = word("axis-x2");
    const line = ui.svg("line", { class: "nnlit-widget__line" }, svg);
    const dot = ui.svg("circle", { class: "nnlit-widget__point", r: 8 }, svg);
    return { svg, positive, line, dot };
  }

  ui.mount("neuron", (widget, word) => {
    ui.el("p", { class: "nnlit-widget__title" }, widget, word("title"));
    const body = ui.el("div", { class: "nnlit-widget__body" }, widget);
    const controls = ui.el("div", { class: "nnlit-widget__controls" }, body);
    const neuronSet = ui.el("fieldset", { class: "nnlit-widget__controls" }, controls);
    ui.el("legend", {}, neuronSet, word("neuron"));
    const inputs = {};
    const update = () => render();
    for (const key of ["w1", "w2", "b"]) {
      inputs[key] = ui.slider(neuronSet, {
        key, label: word(key), ...WEIGHT, value: START[key], onInput: update,
      });
    }
    inputs.g = ui.choice(neuronSet, {
      key: "g",
      label: word("g"),
      options: ORDER.map((name) => [name, word(`g-${name}`)]),
      value: START.g,
      onChange: update,
    });
    const pointSet = ui.el("fieldset", { class: "nnlit-widget__controls" }, controls);
    ui.el("legend", {}, pointSet, word("point"));
    for (const key of ["x1", "x2"]) {
      inputs[key] = ui.slider(pointSet, {
        key, label: word(key), ...INPUT, value: START[key], onInput: update,
      });
    }
    ui.el("p", {}, pointSet, word("drag"));
    const draw = drawing(body, word);
    const readout = ui.live(body, { class: "nnlit-widget__readout" });
    const zLine = ui.el("p", {}, readout);
    const aLine = ui.el("p", {}, readout);
    const sideLine = ui.el("p", {}, readout);
    const lineLine = ui.el("p", {}, readout);

    let state = null;
    const read = (key) => Number(inputs[key].value);

    function render() {
      const [w1, w2, b, x1, x2] = ["w1", "w2", "b", "x1", "x2"].map(read);
      const g = inputs.g.value;
      const z = nnmath.neuronInput([x1, x2], [w1, w2], b);
      const a = nnmath.activation(g).value(z);
      const line = nnmath.decisionLine(w1, w2, b, HALF);
      const side = Math.sign(z);
      state = { w1, w2, b, g, x1, x2, z, a, line, side };

      ui.render(zLine, `${word("z")} {z}`, { z: ui.fixed(z, 4) });
      ui.render(aLine, `${word("a")} {a}`, { a: ui.fixed(a, 4) });
      const sideKey = side > 0 ? "side-positive" : side < 0 ? "side-negative" : "side-line";
      ui.setText(sideLine, word(sideKey));
      if (w1 === 0 && w2 === 0) {
        ui.render(lineLine, word("no-line"), { b: ui.fixed(b, 1) });
      } else if (!line) {
        ui.setText(lineLine, word("off-plane"));
      } else {
        ui.render(lineLine, word("line"), {
          start_x1: ui.fixed(line[0][0], 2),
          start_x2: ui.fixed(line[0][1], 2),
          end_x1: ui.fixed(line[1][0], 2),
          end_x2: ui.fixed(line[1][1], 2),
        });
      }

      draw.positive.setAttribute("points", points(positiveRegion(w1, w2, b)));
      if (line) {
        const [[ax, ay], [bx, by]] = line.map(toSvg);
        Object.entries({ x1: ax, y1: ay, x2: bx, y2: by }).forEach(([k, v]) =>
          draw.line.setAttribute(k, v.toFixed(2)),
        );
        draw.line.removeAttribute("visibility");
      } else {
        draw.line.setAttribute("visibility", "hidden");
      }
      const [px, py] = toSvg([x1, x2]);
      draw.dot.setAttribute("cx", px.toFixed(2));
      draw.dot.setAttribute("cy", py.toFixed(2));
    }

    // Dragging the point moves the x sliders, to their steps.
    const drag = (event) => {
      const m = draw.svg.getScreenCTM();
      if (!m) return;
      const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse());
      fromSvg(p.x, p.y).forEach((v, i) => {
        const input = inputs[`x${i + 1}`];
        const snapped = Math.round(Math.min(HALF, Math.max(-HALF, v)) / INPUT.step) * INPUT.step;
        input.value = String(Number(snapped.toFixed(1)));
        input.nnlitShow();
      });
      render();
    };
    draw.svg.addEventListener("pointerdown", (event) => {
      draw.svg.setPointerCapture(event.pointerId);
      drag(event);
    });
    draw.svg.addEventListener("pointermove", (event) => {
      if (draw.svg.hasPointerCapture(event.pointerId)) drag(event);
    });

    render();
    return () => ({ ...state });
  });
})();
