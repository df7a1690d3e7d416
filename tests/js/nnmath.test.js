// Unit tests of the widgets' shared maths (docs/javascripts/widgets/nnmath.js),
// run by Node's built-in runner: `node --test tests/js/`. tests/site/
// test_widget_maths.py runs them from pytest with the pinned Node, and also
// holds nnmath's values to nnlit's Python; these tests check the maths on
// its own terms (known values, identities, no overflow, the float32 rounding).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const nnmath = require(path.join(__dirname, "..", "..", "docs", "javascripts", "widgets", "nnmath.js"));

const close = (actual, expected, tolerance, what) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} is not within ${tolerance} of ${expected}`,
  );

test("every activation of nnlit is there, with a value and a slope", () => {
  assert.deepEqual(nnmath.ACTIVATION_NAMES.sort(), [
    "identity",
    "leaky_relu",
    "relu",
    "sigmoid",
    "tanh",
  ]);
  for (const name of nnmath.ACTIVATION_NAMES) {
    for (const dtype of nnmath.DTYPES) {
      const g = nnmath.activation(name, dtype);
      assert.equal(typeof g.value, "function");
      assert.equal(typeof g.slope, "function");
    }
  }
  assert.throws(() => nnmath.activation("softplus"), /unknown activation/);
  assert.throws(() => nnmath.activation("sigmoid", "float16"), /unknown dtype/);
});

test("known values at 0 and the sigmoid's symmetry", () => {
  const s = nnmath.activation("sigmoid");
  assert.equal(s.value(0), 0.5);
  assert.equal(s.slope(0), 0.25);
  assert.equal(nnmath.activation("tanh").slope(0), 1);
  assert.equal(nnmath.activation("relu").slope(0), 0);
  assert.equal(nnmath.activation("leaky_relu").slope(0), nnmath.LEAKY_SLOPE);
  assert.equal(nnmath.activation("leaky_relu").value(-2), -0.02);
  for (const z of [0.1, 1, 3.5, 20, 700]) {
    close(s.value(z) + s.value(-z), 1, 1e-15, `sigmoid(${z}) + sigmoid(-${z})`);
    close(s.slope(z), s.value(z) * (1 - s.value(z)), 1e-15, `sigmoid'(${z})`);
  }
});

test("each slope is the slope of its value (central differences)", () => {
  const h = 1e-6;
  for (const name of nnmath.ACTIVATION_NAMES) {
    const g = nnmath.activation(name);
    for (const z of [-4, -1.3, -0.2, 0.3, 1, 2.7, 6]) {
      const chord = (g.value(z + h) - g.value(z - h)) / (2 * h);
      close(g.slope(z), chord, 1e-8, `${name}'(${z})`);
    }
  }
});

test("nnlit's forms never overflow and never give NaN, in either float", () => {
  for (const dtype of nnmath.DTYPES) {
    for (const name of nnmath.ACTIVATION_NAMES) {
      const g = nnmath.activation(name, dtype);
      for (const z of [-1e308, -1e6, -800, -100, 100, 800, 1e6, 1e308]) {
        if (name !== "identity" && !name.includes("relu")) {
          assert.ok(Number.isFinite(g.value(z)), `${name}(${z}) in ${dtype}`);
        }
        assert.ok(Number.isFinite(g.slope(z)), `${name}'(${z}) in ${dtype}`);
      }
    }
  }
});

test("float32 rounds every result to a float32", () => {
  for (const name of nnmath.ACTIVATION_NAMES) {
    const g = nnmath.activation(name, "float32");
    for (const z of [-3.3, -0.7, 0.1, 1.9, 5.5]) {
      const zf = Math.fround(z);
      assert.equal(g.value(zf), Math.fround(g.value(zf)), `${name}(${z})`);
      assert.equal(g.slope(zf), Math.fround(g.slope(zf)), `${name}'(${z})`);
    }
  }
  // float32 keeps about 7 digits: the sigmoid's value is 1 from z = 17 on.
  assert.equal(nnmath.activation("sigmoid", "float32").value(17), 1);
  assert.ok(nnmath.activation("sigmoid", "float64").value(17) < 1);
});

test("the neuron: z = w . x + b, a = g(z)", () => {
  assert.equal(nnmath.neuronInput([3], [0.5], -1), 0.5);
  assert.equal(nnmath.neuronInput([1, 2], [3, 4], 5), 16);
  close(nnmath.neuron([3], [0.5], -1), 1 / (1 + Math.exp(-0.5)), 1e-16, "neuron");
  assert.equal(nnmath.neuron([1, 1], [1, -1], 0, "relu"), 0);
  assert.throws(() => nnmath.neuronInput([1, 2], [1], 0), /differ in length/);
});

test("the decision line lies on z = 0 and ends on the square's edge", () => {
  const cases = [
    [1, 1, 0],
    [1, 0, -1],
    [0, 2, 1],
    [-1.5, 0.4, 0.7],
    [3, -2, 5],
  ];
  for (const [w1, w2, b] of cases) {
    const line = nnmath.decisionLine(w1, w2, b, 3);
    assert.ok(line, `a line for ${[w1, w2, b]}`);
    for (const [x1, x2] of line) {
      close(w1 * x1 + w2 * x2 + b, 0, 1e-12, `z at an end for ${[w1, w2, b]}`);
      assert.ok(Math.abs(Math.max(Math.abs(x1), Math.abs(x2)) - 3) < 1e-12, "on the edge");
    }
    assert.ok(Math.hypot(line[0][0] - line[1][0], line[0][1] - line[1][1]) > 0);
  }
  assert.equal(nnmath.decisionLine(0, 0, 1, 3), null, "no weights: no line");
  assert.equal(nnmath.decisionLine(1, 1, 100, 3), null, "the line misses the square");
});

test("the source's formulas fail where the largest float says they must", () => {
  for (const dtype of nnmath.DTYPES) {
    // e^x overflows once x > ln(largest float): the first whole number beyond it.
    const beyond = Math.floor(Math.log(nnmath.maxFloat(dtype))) + 1;
    assert.equal(nnmath.firstFault("sigmoid_overflows", dtype), beyond, dtype);
    assert.equal(nnmath.firstFault("tanh_is_nan", dtype), beyond, dtype);
  }
  // s (1 - s) is 0 once 1 + e^-x rounds to 1: e^-x below half an ulp of 1.
  assert.equal(nnmath.firstFault("slope_is_zero", "float64"), Math.ceil(53 * Math.LN2));
  assert.equal(nnmath.firstFault("slope_is_zero", "float32"), Math.ceil(24 * Math.LN2));
  assert.throws(() => nnmath.firstFault("nonsense"), /unknown fault/);
});

test("the source's sigmoid warns but is right; its tanh is NaN; nnlit's are not", () => {
  const far = nnmath.sourceActivation("sigmoid", -1000, "float64");
  assert.equal(far.value, 0);
  assert.ok(far.overflow);
  assert.ok(!far.nan);
  const tanh = nnmath.sourceActivation("tanh", 800, "float64");
  assert.ok(tanh.nan && tanh.overflow);
  assert.equal(nnmath.activation("tanh").value(800), 1);
  const near = nnmath.sourceActivation("sigmoid", 0.5, "float64");
  assert.equal(near.value, nnmath.activation("sigmoid").value(0.5));
  assert.ok(!near.overflow && !near.nan);
  const relu = nnmath.sourceActivation("relu", -3, "float32");
  assert.deepEqual(relu, { value: 0, slope: 0, overflow: false, nan: false });
  // float32 overflows much sooner than float64.
  assert.ok(nnmath.sourceActivation("sigmoid", -100, "float32").overflow);
  assert.ok(!nnmath.sourceActivation("sigmoid", -100, "float64").overflow);
});

test("nnlit's slopes underflow to 0 only far beyond the source's", () => {
  for (const dtype of nnmath.DTYPES) {
    const source = nnmath.firstFault("slope_is_zero", dtype);
    const ours = nnmath.firstFault("sigmoid_slope_underflows", dtype);
    assert.ok(ours > 2 * source, `${dtype}: ${ours} vs ${source}`);
    assert.ok(nnmath.firstFault("tanh_slope_underflows", dtype) < ours);
  }
});
