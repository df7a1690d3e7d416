// Widget 3, chapter 5: gradient descent on the two-weight bowl, live.
//
// The page: <div class="nnlit-widget" data-widget="descent" hidden
// data-problem="JSON from nnlit.training_widgets.descent_problem"> holding
// the words as <span data-word=KEY>: lr (the slider's label), step, run,
// reset (the buttons), w1 and w2 (the axes), plot (the drawing's name),
// readout ("after {steps} steps: ... {w1} ... {w2} ... {loss}"), smooth,
// zigzag and diverge (where the learning rate sits, with {half} = 1/lam_max
// and {threshold} = 2/lam_max), and diverged, settled, capped (how a run
// ended, with {at}: the step at which it did).
//
// Changing the learning rate starts again from the start. Step takes one
// step; Run steps until the weights settle, the loss overflows or
// problem.max_steps is reached: a step a frame at first, then faster, and
// at once when the reader asks for reduced motion.
//
// Each number shown sits alone in an element [data-shown=KEY], KEY one of
// the template names above. For tests, widget.nnlitState() returns, at full
// precision: lr, steps, w (the weights shown), loss, lamMin, lamMax, half,
// threshold, regime ("smooth", "zigzag", "diverge"), end ("", "settled",
// "capped", "diverged"), at (the step at which the run ended, or null) and
// running (true while Run animates).
(function () {
  "use strict";

  const math = globalThis.nnmath;
  const ui = globalThis.nnlitUI;
  const SCALE = 80; // drawing units per unit of weight
  const MARGIN = { left: 34, right: 8, top: 8, bottom: 40 };
  const SIDES = 120; // of the polygon that draws a contour ellipse
  const FAR = 1e6; // a step with a weight further out than this is not drawn
  const DOTS = 60; // steps drawn as dots; later ones only as the line

  /** ui.fixed's typography, in exponent form: 1.235e−5. */
  function exponent(x, digits) {
    const text = x.toExponential(digits).replace("e+", "e").replace("e-", `e${ui.MINUS}`);
    return text.replace(/^-/, ui.MINUS);
  }

  /** A weight or a loss: four decimals, or exponent form once it is huge. */
  function number(x) {
    return Math.abs(x) < 1e5 ? ui.fixed(x, 4) : exponent(x, 3);
  }

  /**
   * The part of the segment p-q inside box {lo: [w1, w2], hi: [w1, w2]}, or
   * null (Liang and Barsky's clipping). In weights, not in drawing units, so
   * a point at 1e150 still gives the right direction.
   */
  function clip(p, q, box) {
    // Far out, p + t (q - p) loses every digit: such a step is not drawn.
    if (Math.max(...p.map(Math.abs), ...q.map(Math.abs)) > FAR) return null;
    let [t0, t1] = [0, 1];
    for (let k = 0; k < 2; k++) {
      const d = q[k] - p[k];
      for (const [edge, sign] of [[box.lo[k], -1], [box.hi[k], 1]]) {
        const room = sign * (edge - p[k]);
        const move = sign * d;
        if (move === 0) {
          if (room < 0) return null;
        } else {
          const t = room / move;
          if (move > 0) t1 = Math.min(t1, t);
          else t0 = Math.max(t0, t);
        }
      }
    }
    if (t0 > t1) return null;
    const at = (t) => [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
    return [at(t0), at(t1)];
  }

  /**
   * An SVG path through `points` (weights), cut to the box: nothing of it
   * leaves the drawing, not even for the browser's layout.
   */
  function clippedPath(points, box, toDrawing) {
    let d = "";
    let last = null;
    for (let k = 1; k < points.length; k++) {
      const part = clip(points[k - 1], points[k], box);
      if (!part) {
        last = null;
        continue;
      }
      const [from, to] = part.map(toDrawing);
      if (last === null || from[0] !== last[0] || from[1] !== last[1]) d += `M${from}`;
      d += `L${to}`;
      last = to;
    }
    return d;
  }

  /** The drawing: contour ellipses, the axes, the minimum, the start, the path. */
  function drawing(parent, problem, bowl, word) {
    const [lo1, hi1] = problem.view.w1;
    const [lo2, hi2] = problem.view.w2;
    const view = { lo: [lo1, lo2], hi: [hi1, hi2] };
    const inner = { width: (hi1 - lo1) * SCALE, height: (hi2 - lo2) * SCALE };
    const px = (w1) => MARGIN.left + (w1 - lo1) * SCALE;
    const py = (w2) => MARGIN.top + (hi2 - w2) * SCALE;
    const toDrawing = ([w1, w2]) => [px(w1), py(w2)];
    const svg = ui.svg("svg", {
      viewBox: `0 0 ${MARGIN.left + inner.width + MARGIN.right} ${MARGIN.top + inner.height + MARGIN.bottom}`,
      role: "img",
      "aria-label": word("plot"),
    }, parent);
    ui.svg("rect", { x: px(lo1), y: py(hi2), ...inner, class: "nnlit-descent__frame" }, svg);

    // Each contour is an ellipse, (w - w*)' H (w - w*) = 2 (level - E(w*)),
    // drawn as a polygon of many sides and cut to the drawing.
    const [c, s] = bowl.axis; // the steep axis; the shallow one is (-s, c)
    const w = bowl.minimum.w;
    for (const level of problem.levels) {
      const rise = 2 * (level - bowl.minimum.error);
      if (!(rise > 0)) continue;
      const [a, b] = [Math.sqrt(rise / bowl.lamMax), Math.sqrt(rise / bowl.lamMin)];
      const ring = [];
      for (let k = 0; k <= SIDES; k++) {
        const t = (2 * Math.PI * k) / SIDES;
        const [u, v] = [a * Math.cos(t), b * Math.sin(t)];
        ring.push([w[0] + u * c - v * s, w[1] + u * s + v * c]);
      }
      ui.svg("path", { d: clippedPath(ring, view, toDrawing), class: "nnlit-descent__contour" }, svg);
    }
    const [cx, cy] = toDrawing(w);
    const d = 5;
    ui.svg("path", {
      d: `M${cx - d} ${cy - d}L${cx + d} ${cy + d}M${cx - d} ${cy + d}L${cx + d} ${cy - d}`,
      class: "nnlit-descent__minimum",
    }, svg);
    const path = ui.svg("path", { class: "nnlit-descent__path" }, svg);
    const dots = ui.svg("g", { class: "nnlit-descent__dots" }, svg);
    const [sx, sy] = toDrawing(problem.start);
    ui.svg("circle", { cx: sx, cy: sy, r: 5, class: "nnlit-descent__start" }, svg);

    const labels = ui.svg("g", { "aria-hidden": "true" }, svg);
    const label = (x, y, text, anchor) => {
      ui.svg("text", { x, y, "text-anchor": anchor }, labels).textContent = text;
    };
    for (let t = Math.ceil(lo1); t <= hi1; t++) label(px(t), py(lo2) + 16, ui.fixed(t, 0), "middle");
    for (let t = Math.ceil(lo2); t <= hi2; t++) label(px(lo1) - 5, py(t) + 4, ui.fixed(t, 0), "end");
    label(px(hi1), py(lo2) + 34, word("w1"), "end");
    label(px(lo1) + 6, py(hi2) + 16, word("w2"), "start");

    const inView = ([w1, w2]) => w1 >= lo1 && w1 <= hi1 && w2 >= lo2 && w2 <= hi2;
    return (points) => {
      path.setAttribute("d", clippedPath(points, view, toDrawing));
      dots.replaceChildren();
      for (const p of points.slice(1, DOTS + 1).filter(inView)) {
        const [x, y] = toDrawing(p);
        ui.svg("circle", { cx: x, cy: y, r: 3 }, dots);
      }
    };
  }

  function init(widget, word) {
    const problem = JSON.parse(widget.dataset.problem);
    const { X, y, start } = problem;
    const bowl = { ...math.bowlCurvature(X), minimum: math.bowlMinimum(X, y) };
    const half = 1 / bowl.lamMax;
    const threshold = 2 / bowl.lamMax;

    const body = ui.el("div", { class: "nnlit-widget__body" }, widget);
    const draw = drawing(ui.el("div", { class: "nnlit-widget__plot" }, body), problem, bowl, word);
    const controls = ui.el("div", { class: "nnlit-widget__controls" }, body);
    const slider = ui.slider(controls, { key: "lr", label: word("lr"), ...problem.lr, onInput: () => reset() });
    const buttons = ui.el("div", { class: "nnlit-widget__buttons" }, controls);
    const button = {};
    for (const key of ["step", "run", "reset"]) {
      button[key] = ui.button(buttons, { key, label: word(key) });
    }
    const readout = ui.live(widget, { class: "nnlit-widget__readout" });
    const readoutLine = ui.el("p", {}, readout);
    const regimeLine = ui.el("p", {}, readout);
    const messageLine = ui.el("p", {}, readout);

    let state; // lr, the points visited, their losses, how the run ended
    let frame = 0; // Run's pending animation frame; 0 when none

    function stopRun() {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      readout.setAttribute("aria-busy", "false");
    }

    function reset() {
      stopRun();
      state = { lr: Number(slider.value), points: [start], losses: [math.bowlError(X, y, start)], end: "", at: null };
      render();
    }

    /** One step; false once the run is over (settled, capped or diverged). */
    function advance() {
      if (state.end) return false;
      const steps = state.points.length - 1;
      const w = state.points[steps];
      const next = math.bowlStep(X, y, w, state.lr);
      const loss = math.bowlError(X, y, next);
      if (!Number.isFinite(loss) || !next.every(Number.isFinite)) {
        // The overflowing step is not taken: the numbers shown stay finite.
        Object.assign(state, { end: "diverged", at: steps + 1 });
        return false;
      }
      state.points.push(next);
      state.losses.push(loss);
      if (Math.max(Math.abs(next[0] - w[0]), Math.abs(next[1] - w[1])) < 1e-9) {
        Object.assign(state, { end: "settled", at: steps + 1 });
      } else if (steps + 1 >= problem.max_steps) {
        Object.assign(state, { end: "capped", at: steps + 1 });
      }
      return !state.end;
    }

    function render() {
      const steps = state.points.length - 1;
      const [w1, w2] = state.points[steps];
      ui.render(readoutLine, word("readout"), {
        steps: String(steps),
        w1: number(w1),
        w2: number(w2),
        loss: number(state.losses[steps]),
      });
      const regime = math.descentRegime(state.lr, bowl.lamMax);
      ui.render(regimeLine, word(regime), { half: ui.fixed(half, 3), threshold: ui.fixed(threshold, 3) });
      if (state.end) {
        ui.render(messageLine, word(state.end), { at: String(state.at) });
      } else {
        ui.setText(messageLine, "");
      }
      messageLine.classList.toggle("nnlit-widget__warning", state.end === "diverged");
      button.step.disabled = Boolean(state.end);
      button.run.disabled = Boolean(state.end) || frame !== 0;
      draw(state.points);
    }

    function run() {
      if (ui.reducedMotion()) {
        while (advance());
        render();
        button.reset.focus(); // Step and Run are disabled now
        return;
      }
      readout.setAttribute("aria-busy", "true");
      const tick = () => {
        const burst = 1 + Math.floor((state.points.length - 1) / 20);
        let going = true;
        for (let k = 0; k < burst && going; k++) going = advance();
        frame = going ? requestAnimationFrame(tick) : 0;
        if (!going) {
          stopRun();
          button.reset.focus();
        }
        render();
      };
      frame = requestAnimationFrame(tick);
      render();
    }

    button.step.addEventListener("click", () => {
      stopRun();
      advance();
      render();
      if (state.end) button.reset.focus();
    });
    button.run.addEventListener("click", run);
    button.reset.addEventListener("click", reset);
    reset();

    return () => {
      const steps = state.points.length - 1;
      return {
        lr: state.lr,
        steps,
        w: state.points[steps],
        loss: state.losses[steps],
        lamMin: bowl.lamMin,
        lamMax: bowl.lamMax,
        half,
        threshold,
        regime: math.descentRegime(state.lr, bowl.lamMax),
        end: state.end,
        at: state.at,
        running: frame !== 0,
      };
    };
  }

  ui.mount("descent", init);
})();
