// Unit tests of the widgets' shared number formats and templates
// (docs/javascripts/widgets/ui.js): what needs no page. The controls it builds
// are tested in the browser (tests/site/test_widgets.py).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

require(path.join(__dirname, "..", "..", "docs", "javascripts", "widgets", "ui.js"));
const ui = globalThis.nnlitUI;
const M = "\u2212";

test("fixed rounds as Python's f-strings do, with a real minus and no -0", () => {
  assert.equal(ui.fixed(0.43291, 4), "0.4329");
  assert.equal(ui.fixed(-0.27, 4), `${M}0.2700`);
  assert.equal(ui.fixed(-0.00001, 4), "0.0000");
  assert.equal(ui.fixed(-0, 2), "0.00");
  assert.equal(ui.fixed(2.5, 0), "3"); // 2.5 is exact: toFixed rounds half up
  assert.equal(ui.fixed(0.125, 2), "0.13");
  assert.equal(ui.fixed(710, 0), "710");
});

test("sig keeps significant figures and writes exponents plainly", () => {
  assert.equal(ui.sig(0.11920292202211755, 6), "0.119203");
  assert.equal(ui.sig(4.248354255291589e-18, 4), `4.248e${M}18`);
  assert.equal(ui.sig(-1e21, 3), `${M}1e21`);
  assert.equal(ui.sig(0.01, 6), "0.01");
  assert.equal(ui.sig(0.25, 6), "0.25");
  assert.equal(ui.sig(100, 2), "1e2");
  assert.equal(ui.sig(120, 6), "120");
  assert.equal(ui.sig(0, 6), "0");
});

test("a value that is not a finite number is never formatted", () => {
  for (const bad of [NaN, Infinity, -Infinity, "1", undefined]) {
    assert.throws(() => ui.fixed(bad, 2), /put it in words/);
    assert.throws(() => ui.sig(bad, 2), /put it in words/);
  }
});

test("templates fill every name and refuse a missing one", () => {
  assert.equal(ui.fill("from {a} to {b-2}", { a: 1, "b-2": "x" }), "from 1 to x");
  assert.throws(() => ui.fill("{steps} steps", {}), /no value for \{steps\}/);
  assert.equal(ui.decimalsOf(0.1), 1);
  assert.equal(ui.decimalsOf(0.05), 2);
  assert.equal(ui.decimalsOf(1), 0);
});
