// nnmath.js's training section against nnlit: chapter 5's bowl, chapter 6's step.
// training-reference.json is nnlit's output (tests/support/training_reference.py).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");

const nnmath = require(path.join(__dirname, "../../docs/javascripts/widgets/nnmath.js"));
const reference = JSON.parse(
  fs.readFileSync(path.join(__dirname, "training-reference.json"), "utf8"),
);
const { X, y, start } = reference.descent.problem;

/** Equal to 1e-12, relative to the size of the numbers (a long run grows them). */
function close(actual, expected, what) {
  const tolerance = 1e-12 * Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: nnmath gives ${actual}, nnlit ${expected}`,
  );
}

function run(lr, steps) {
  let w = start;
  for (let k = 0; k < steps; k++) w = nnmath.bowlStep(X, y, w, lr);
  return w;
}

test("the bowl's curvatures and lowest point are nnlit's", () => {
  const c = reference.descent.curvature;
  const curvature = nnmath.bowlCurvature(X);
  close(curvature.lamMin, c.lam_min, "lam_min");
  close(curvature.lamMax, c.lam_max, "lam_max");
  const minimum = nnmath.bowlMinimum(X, y);
  close(minimum.w[0], c.w_min[0], "w*_1");
  close(minimum.w[1], c.w_min[1], "w*_2");
  close(minimum.error, c.error_min, "E(w*)");
});

test("the steepest axis is an eigenvector of the Hessian, for lam_max", () => {
  const [[a, b], [, d]] = nnmath.bowlHessian(X);
  const { axis, lamMax } = nnmath.bowlCurvature(X);
  close(a * axis[0] + b * axis[1], lamMax * axis[0], "H v, first entry");
  close(b * axis[0] + d * axis[1], lamMax * axis[1], "H v, second entry");
});

test("every step of gradient descent lands where nnlit's bowl_path does", () => {
  for (const expected of reference.descent.runs) {
    const w = run(expected.lr, expected.steps);
    const what = `lr ${expected.lr}, ${expected.steps} steps`;
    close(w[0], expected.w[0], `${what}: w1`);
    close(w[1], expected.w[1], `${what}: w2`);
    close(nnmath.bowlError(X, y, w), expected.loss, `${what}: E`);
  }
});

test("a run ends (settled, capped, diverged) at nnlit's step", () => {
  const max = reference.descent.problem.max_steps;
  for (const expected of reference.descent.ends) {
    let w = start;
    let end = { end: "capped", steps: max };
    for (let step = 1; step <= max; step++) {
      const next = nnmath.bowlStep(X, y, w, expected.lr);
      if (!Number.isFinite(nnmath.bowlError(X, y, next))) {
        end = { end: "diverged", steps: step - 1, diverged_at: step };
        break;
      }
      const moved = Math.max(Math.abs(next[0] - w[0]), Math.abs(next[1] - w[1]));
      w = next;
      if (moved < 1e-9) {
        end = { end: "settled", steps: step };
        break;
      }
    }
    const { lr, ...wanted } = expected;
    assert.deepEqual(end, wanted, `lr ${lr}`);
  }
});

test("the regimes change at 1/lam_max and 2/lam_max", () => {
  const { half, threshold, lam_max: lamMax } = reference.descent.curvature;
  const below = (v) => v * (1 - 1e-9);
  const above = (v) => v * (1 + 1e-9);
  assert.equal(nnmath.descentRegime(below(half), lamMax), "smooth");
  assert.equal(nnmath.descentRegime(above(half), lamMax), "zigzag");
  assert.equal(nnmath.descentRegime(below(threshold), lamMax), "zigzag");
  assert.equal(nnmath.descentRegime(above(threshold), lamMax), "diverge");
});

test("below 2/lam_max the error falls towards its minimum; above, it grows", () => {
  const { threshold, error_min: lowest } = reference.descent.curvature;
  const after = (lr, steps) => nnmath.bowlError(X, y, run(lr, steps));
  assert.ok(after(0.95 * threshold, 400) - lowest < 1e-6);
  assert.ok(after(1.05 * threshold, 400) > 1e3 * after(1.05 * threshold, 0));
});

test("the backpropagation step reveals nnlit's every value", () => {
  const { x, y: label, W1, w2, lr } = reference.backprop.problem;
  const step = nnmath.backpropStep(x, label, W1, w2, lr);
  const got = { ho: step.ho, yhat: step.yHat, error: step.error, deltaO: step.deltaO };
  step.h.forEach((h, j) => {
    Object.assign(got, {
      [`h${j + 1}`]: h,
      [`a${j + 1}`]: step.a[j],
      [`deltaH${j + 1}`]: step.deltaH[j],
      [`dw2_${j + 1}`]: step.dw2[j],
    });
    step.dW1[j].forEach((d, i) => {
      got[`dW1_${j + 1}_${i + 1}`] = d;
    });
  });
  x.forEach((xi, i) => {
    got[`x${i + 1}`] = xi;
  });
  assert.deepEqual(Object.keys(got).sort(), Object.keys(reference.backprop.values).sort());
  for (const [key, expected] of Object.entries(reference.backprop.values)) {
    close(got[key], expected, key);
  }
});
