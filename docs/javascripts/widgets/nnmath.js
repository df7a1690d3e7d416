// nnmath: the maths of nnlit's widgets, one small module that every widget shares.
//
// A classic script (no import/export: Chrome refuses module scripts from
// file://). In a browser it sets `globalThis.nnmath`; under Node,
// `module.exports`, which tests/js/*.test.js load. Each function follows the
// nnlit function named beside it operation for operation, so the browser tests
// can hold every value a widget shows to nnlit's Python to 1e-12.
//
// float32: `dtype` "float32" rounds after every operation with Math.fround,
// which for + - * / is exactly IEEE single precision. Math.exp and Math.tanh
// are float64 functions rounded once, so they may differ from NumPy's float32
// ones by an ulp; the whole-number thresholds below do not depend on that.
//
// Layout: the shared part (activations) and the sections of widgets 1 and 2
// sit in the first block, which creates the module. A widget that needs more
// maths appends a block of its own at the end of the file, in the shape of
// the last block here: it receives the module and adds its functions with
// Object.assign (add, never rename).
(function (root) {
  "use strict";

  // ---- Shared: numbers, activations -------------------------------------

  const LEAKY_SLOPE = 0.01; // nnlit.activations.LEAKY_SLOPE
  const DTYPES = ["float32", "float64"];

  /** The rounding of a float format: float32 rounds, float64 keeps. */
  function rounder(dtype) {
    if (dtype === "float32") return Math.fround;
    if (dtype === "float64" || dtype === undefined) return (v) => v;
    throw new RangeError(`unknown dtype ${dtype}`);
  }

  /** The largest finite number of a float format. */
  function maxFloat(dtype) {
    return dtype === "float32" ? 3.4028234663852886e38 : Number.MAX_VALUE;
  }

  // nnlit.activations: each g and its slope g', in the same operations.
  // Every exp sees only -|z|, so nothing overflows (the "stable" forms).
  function makeActivations(r) {
    const exp = (v) => r(Math.exp(r(v)));
    const sigmoid = (z) => {
      const e = exp(-Math.abs(z));
      return z >= 0 ? r(1 / r(1 + e)) : r(e / r(1 + e));
    };
    const sigmoidPrime = (z) => {
      const e = exp(-Math.abs(z));
      const d = r(1 + e);
      return Math.min(r(e / r(d * d)), 0.25);
    };
    const tanhPrime = (z) => {
      const e = exp(r(-2 * Math.abs(z)));
      const d = r(1 + e);
      return Math.min(r(r(4 * e) / r(d * d)), 1);
    };
    return {
      sigmoid: { value: sigmoid, slope: sigmoidPrime },
      tanh: { value: (z) => r(Math.tanh(z)), slope: tanhPrime },
      relu: { value: (z) => Math.max(z, 0), slope: (z) => (z > 0 ? 1 : 0) },
      leaky_relu: {
        value: (z) => Math.max(r(r(LEAKY_SLOPE) * z), z), // NumPy: 0.01 in z's dtype
        slope: (z) => (z > 0 ? 1 : r(LEAKY_SLOPE)),
      },
      identity: { value: (z) => z, slope: () => 1 },
    };
  }

  const BY_DTYPE = {
    float64: makeActivations(rounder("float64")),
    float32: makeActivations(rounder("float32")),
  };

  /** nnlit.activations.ACTIVATIONS[name] as {value, slope}, in float64 or float32. */
  function activation(name, dtype = "float64") {
    const table = BY_DTYPE[dtype];
    if (!table) throw new RangeError(`unknown dtype ${dtype}`);
    if (!Object.hasOwn(table, name)) throw new RangeError(`unknown activation ${name}`);
    return table[name];
  }

  const ACTIVATION_NAMES = Object.keys(BY_DTYPE.float64);

  // ---- Widget 1, chapter 1: one neuron ----------------------------------

  /** nnlit.one_neuron.neuron_input: z = w . x + b (float64). */
  function neuronInput(x, w, b) {
    if (x.length !== w.length) throw new RangeError("x and w differ in length");
    let z = 0;
    for (let i = 0; i < w.length; i++) z += w[i] * x[i];
    return z + b;
  }

  /** nnlit.one_neuron.neuron: a = g(w . x + b) (float64). */
  function neuron(x, w, b, g = "sigmoid") {
    return activation(g).value(neuronInput(x, w, b));
  }

  /**
   * Where the line w1 x1 + w2 x2 + b = 0 crosses the square [-half, half]^2.
   *
   * Returns the two ends [[x1, x2], [x1, x2]] of the visible piece, or null
   * when both weights are 0 (then z = b everywhere: no line) or when the line
   * misses the square.
   */
  function decisionLine(w1, w2, b, half) {
    if (w1 === 0 && w2 === 0) return null;
    const ends = [];
    const add = (p) => {
      const inside = Math.abs(p[0]) <= half * (1 + 1e-12) && Math.abs(p[1]) <= half * (1 + 1e-12);
      const seen = ends.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < 1e-9 * half);
      if (inside && !seen) ends.push(p);
    };
    for (const s of [-half, half]) {
      if (w2 !== 0) add([s, -(b + w1 * s) / w2]); // crosses x1 = s
      if (w1 !== 0) add([-(b + w2 * s) / w1, s]); // crosses x2 = s
    }
    return ends.length >= 2 ? [ends[0], ends[1]] : null;
  }

  // ---- Widget 2, chapter 3: the source's formulas against nnlit's --------

  // nnlit.errata, as the source writes them, in a float format; each result
  // says whether NumPy would have warned of an overflow (an exp beyond the
  // largest float) and whether it is NaN.
  function sourceFormulas(dtype) {
    const r = rounder(dtype);
    const exp = (v) => r(Math.exp(r(v)));
    const sigmoid = (x) => {
      const e = exp(-x);
      return { value: r(1 / r(1 + e)), overflow: e === Infinity };
    };
    const tanh = (x) => {
      const p = exp(x);
      const m = exp(-x);
      const value = r(r(p - m) / r(p + m));
      return { value, overflow: p === Infinity || m === Infinity };
    };
    const sigmoidPrime = (x) => {
      const s = sigmoid(x);
      return { value: r(s.value * r(1 - s.value)), overflow: s.overflow };
    };
    // tanh' as 1 - tanh^2 of the source's tanh (the form chapter 3 derives).
    const tanhPrime = (x) => {
      const t = tanh(x);
      return { value: r(1 - r(t.value * t.value)), overflow: t.overflow };
    };
    return { sigmoid, tanh, sigmoidPrime, tanhPrime };
  }

  const SOURCE = { float64: sourceFormulas("float64"), float32: sourceFormulas("float32") };

  /**
   * g(z) and g'(z) as the source writes them, in `dtype`, for an activation.
   *
   * Returns {value, slope, overflow, nan}; ReLU and leaky ReLU have no exp, so
   * the source's forms are nnlit's.
   */
  function sourceActivation(name, z, dtype = "float64") {
    const src = SOURCE[dtype];
    const r = rounder(dtype);
    if (name === "sigmoid" || name === "tanh") {
      const v = src[name](r(z));
      const s = src[`${name}Prime`](r(z));
      return {
        value: v.value,
        slope: s.value,
        overflow: v.overflow || s.overflow,
        nan: Number.isNaN(v.value) || Number.isNaN(s.value),
      };
    }
    const g = activation(name, dtype);
    return { value: g.value(r(z)), slope: g.slope(r(z)), overflow: false, nan: false };
  }

  // What goes wrong, tried at a whole number x > 0 (nnlit.facts._SOURCE_FAULTS).
  const FAULTS = {
    sigmoid_overflows: (x, d) => SOURCE[d].sigmoid(-x).overflow,
    tanh_is_nan: (x, d) =>
      Number.isNaN(SOURCE[d].tanh(x).value) && Number.isNaN(SOURCE[d].tanh(-x).value),
    slope_is_zero: (x, d) => SOURCE[d].sigmoidPrime(x).value === 0,
    // nnlit's own forms: where the slope of sigmoid or tanh underflows to 0.
    sigmoid_slope_underflows: (x, d) => activation("sigmoid", d).slope(x) === 0,
    tanh_slope_underflows: (x, d) => activation("tanh", d).slope(x) === 0,
    // Where the sigmoid rounds to exactly 1, in either form. (Not tanh: where
    // it reaches 1 depends on the maths library by an ulp, NumPy's or V8's.)
    sigmoid_is_one: (x, d) => activation("sigmoid", d).value(x) === 1,
  };

  /**
   * The first whole number x = 1, 2, 3, ... at which `kind` happens in `dtype`.
   *
   * nnlit.facts.source_fault for the kinds it knows; null if not below 100000.
   */
  function firstFault(kind, dtype = "float64") {
    const fails = FAULTS[kind];
    if (!fails) throw new RangeError(`unknown fault ${kind}`);
    rounder(dtype);
    for (let x = 1; x < 100000; x++) if (fails(x, dtype)) return x;
    return null;
  }

  const FAULT_KINDS = Object.keys(FAULTS);

  const nnmath = {
    LEAKY_SLOPE,
    DTYPES,
    ACTIVATION_NAMES,
    FAULT_KINDS,
    rounder,
    maxFloat,
    activation,
    neuronInput,
    neuron,
    decisionLine,
    sourceActivation,
    firstFault,
  };

  if (typeof module === "object" && module.exports) module.exports = nnmath;
  else root.nnmath = nnmath;
})(globalThis);

// ---- Template for a later section (append below, one block per widget) -----
// (function (nnmath) {
//   "use strict";
//   function step(...) { ... }
//   Object.assign(nnmath, { step });
// })(typeof module === "object" && module.exports ? module.exports : globalThis.nnmath);

// ---- Training: chapter 5's bowl, chapter 6's backpropagation step ---------
// Widgets 3 (descent.js) and 4 (backprop.js). Each function mirrors the nnlit
// function it names, operation for operation, so that tests/js/training.test.js
// and the browser tests can hold its results to nnlit's to 1e-12.
(function (nnmath) {
  "use strict";

  const sigmoid = nnmath.activation("sigmoid", "float64").value;

  /** x @ w for the bowl: the linear unit's outputs, one per record (column). */
  function bowlOutputs(X, w) {
    return X[0].map((_, mu) => w[0] * X[0][mu] + w[1] * X[1][mu]);
  }

  /** nnlit.gradient_descent.bowl_error: E(w) = mean((y - w X)^2) / 2. */
  function bowlError(X, y, w) {
    const out = bowlOutputs(X, w);
    let sum = 0;
    for (let mu = 0; mu < y.length; mu++) sum += (y[mu] - out[mu]) ** 2;
    return 0.5 * (sum / y.length);
  }

  /** One step of nnlit.gradient_descent.bowl_path: w + lr X (y - w X) / m. */
  function bowlStep(X, y, w, lr) {
    const out = bowlOutputs(X, w);
    const residual = y.map((target, mu) => target - out[mu]);
    return w.map((wi, i) => {
      let sum = 0;
      for (let mu = 0; mu < y.length; mu++) sum += lr * X[i][mu] * residual[mu];
      return wi + sum / y.length;
    });
  }

  /** The bowl's Hessian X X^T / m, [[a, b], [b, d]]. */
  function bowlHessian(X) {
    const m = X[0].length;
    const dot = (u, v) => u.reduce((s, ui, k) => s + ui * v[k], 0);
    const b = dot(X[0], X[1]) / m;
    return [[dot(X[0], X[0]) / m, b], [b, dot(X[1], X[1]) / m]];
  }

  /**
   * nnlit.gradient_descent.bowl_curvature: the Hessian's eigenvalues, smallest
   * first, and the unit eigenvector of the largest ([cos, sin]).
   */
  function bowlCurvature(X) {
    const [[a, b], [, d]] = bowlHessian(X);
    const mean = (a + d) / 2;
    const radius = Math.hypot((a - d) / 2, b);
    const angle = 0.5 * Math.atan2(2 * b, a - d); // of the steepest axis
    return {
      lamMin: mean - radius,
      lamMax: mean + radius,
      axis: [Math.cos(angle), Math.sin(angle)],
    };
  }

  /** The bowl's lowest point w* (solves H w* = X y / m) and E there. */
  function bowlMinimum(X, y) {
    const [[a, b], [, d]] = bowlHessian(X);
    const m = y.length;
    const r = [0, 1].map((i) => X[i].reduce((s, xi, mu) => s + xi * y[mu], 0) / m);
    const det = a * d - b * b;
    const w = [(d * r[0] - b * r[1]) / det, (a * r[1] - b * r[0]) / det];
    return { w, error: bowlError(X, y, w) };
  }

  /**
   * Where a learning rate sits against chapter 5's thresholds: "smooth" below
   * 1/lamMax (one side), "zigzag" below 2/lamMax (overshoots, converges),
   * "diverge" from 2/lamMax on (each step overshoots further).
   */
  function descentRegime(lr, lamMax) {
    if (lr * lamMax < 1) return "smooth";
    return lr * lamMax < 2 ? "zigzag" : "diverge";
  }

  /**
   * nnlit.backprop.two_layer_step on one record, every quantity on the way.
   * x (n), y, W1 (n_hidden rows of n), w2 (n_hidden), lr. Returns the hidden
   * inputs h and outputs a, the output's input ho and yHat, the error, the
   * error terms deltaO and deltaH, and the weight changes lr * step: dw2
   * (n_hidden) and dW1 (n_hidden rows of n), as the source adds them.
   */
  function backpropStep(x, y, W1, w2, lr) {
    const h = W1.map((row) => row.reduce((s, wij, i) => s + wij * x[i], 0));
    const a = h.map(sigmoid);
    const ho = a.reduce((s, aj, j) => s + aj * w2[j], 0);
    const yHat = sigmoid(ho);
    const error = y - yHat;
    const deltaO = error * yHat * (1 - yHat);
    const deltaH = a.map((aj, j) => w2[j] * deltaO * aj * (1 - aj));
    return {
      h, a, ho, yHat, error, deltaO, deltaH,
      dw2: a.map((aj) => lr * (deltaO * aj)),
      dW1: deltaH.map((dj) => x.map((xi) => lr * (dj * xi))),
    };
  }

  Object.assign(nnmath, {
    bowlError,
    bowlStep,
    bowlHessian,
    bowlCurvature,
    bowlMinimum,
    descentRegime,
    backpropStep,
  });
})(typeof module === "object" && module.exports ? module.exports : globalThis.nnmath);
