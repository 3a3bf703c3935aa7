//! The report page's style sheet and script, inline in every page.
//!
//! Invariant: neither loads anything: no `url(...)`, no `@import`, no
//! `fetch`, no element with a `src`; the script builds the click panel
//! with `textContent` only, never with markup.

/// Screen and print style.
pub const CSS: &str = r##"
body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 1.5em auto; max-width: 1200px; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.2em; margin: 1.4em 0 .4em; border-bottom: 1px solid #ccc; }
.made, .note, .hint { color: #666; font-size: .9em; }
code { background: #f3f3f3; padding: 0 .2em; }
#figure { display: grid; grid-template-columns: minmax(0, 3fr) minmax(14em, 1fr); gap: .8em; }
.controls { grid-column: 1 / 3; display: flex; gap: .4em; align-items: center; }
.controls button { font-size: 1em; min-width: 2em; }
#picture { border: 1px solid #ccc; height: 70vh; overflow: hidden; cursor: grab; background: #fff; }
#picture svg { width: 100%; height: 100%; }
#picture g.node, #picture g.edge { cursor: pointer; }
#picture g.selected polygon, #picture g.selected path, #picture g.selected ellipse { stroke: #e67e22; stroke-width: 3; }
#details { border: 1px solid #ccc; padding: .6em; height: 70vh; overflow: auto; font-size: .9em; }
#details h3 { font-size: 1em; margin: 0 0 .5em; }
#details .fact { margin: 0 0 .8em; }
#details .status { font-weight: bold; }
#details blockquote { margin: .2em 0 .2em .8em; padding-left: .5em; border-left: 3px solid #bbb; font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { border: 1px solid #ddd; padding: .25em .4em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  .controls, #details { display: none; }
  #figure { display: block; }
  #picture { height: auto; border: none; overflow: visible; }
  #picture svg { height: auto; max-height: 24cm; }
  section { break-inside: auto; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"##;

/// Zoom and pan (the SVG's viewBox), the click panel, and `#open=ID` links.
pub const SCRIPT: &str = r##"
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("casus-facts").textContent);
  var svg = document.querySelector("#picture svg");
  var panel = document.getElementById("details");
  if (!svg) { return; }
  var v0 = svg.viewBox.baseVal;
  var home = [v0.x, v0.y, v0.width, v0.height];
  function view() { var v = svg.viewBox.baseVal; return [v.x, v.y, v.width, v.height]; }
  function set(b) { svg.setAttribute("viewBox", b.join(" ")); }
  function zoom(k, fx, fy) {
    var b = view();
    var px = b[0] + fx * b[2], py = b[1] + fy * b[3];
    set([px - (px - b[0]) * k, py - (py - b[1]) * k, b[2] * k, b[3] * k]);
  }
  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var r = svg.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 0.8 : 1.25, (e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height);
  }, { passive: false });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.8, 0.5, 0.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1.25, 0.5, 0.5); });
  document.getElementById("zoom-reset").addEventListener("click", function () { set(home); });
  var drag = null, moved = false;
  svg.addEventListener("pointerdown", function (e) { drag = [e.clientX, e.clientY, view()]; moved = false; });
  window.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("pointermove", function (e) {
    if (!drag) { return; }
    var r = svg.getBoundingClientRect(), b = drag[2];
    var dx = (e.clientX - drag[0]) * b[2] / r.width, dy = (e.clientY - drag[1]) * b[3] / r.height;
    if (Math.abs(e.clientX - drag[0]) + Math.abs(e.clientY - drag[1]) > 3) { moved = true; }
    set([b[0] - dx, b[1] - dy, b[2], b[3]]);
  });
  function el(tag, text, cls) {
    var n = document.createElement(tag);
    if (text) { n.textContent = text; }
    if (cls) { n.className = cls; }
    return n;
  }
  function show(id) {
    var d = data[id];
    if (!d) { return false; }
    var old = svg.querySelectorAll("g.selected");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("selected"); }
    var g = document.getElementById(id);
    if (g) { g.classList.add("selected"); }
    panel.textContent = "";
    panel.appendChild(el("h3", d.title));
    if (d.facts.length === 0) { panel.appendChild(el("p", "No fact drawn.", "hint")); }
    d.facts.forEach(function (f) {
      var box = el("div", null, "fact");
      var head = el("p");
      head.appendChild(el("span", f.sentence + " "));
      head.appendChild(el("span", "[" + f.status + "]", "status"));
      if (f.when) { head.appendChild(el("span", " " + f.when)); }
      box.appendChild(head);
      if (f.details.length) { box.appendChild(el("p", f.details.join("; "))); }
      if (f.note) { box.appendChild(el("p", f.note, "note")); }
      f.sources.forEach(function (s) {
        if (s.quote) { box.appendChild(el("blockquote", "\u201C" + s.quote + "\u201D")); }
        box.appendChild(el("p", "[" + s.n + "] " + s.text, "note"));
      });
      panel.appendChild(box);
    });
    return true;
  }
  svg.addEventListener("click", function (e) {
    if (moved) { return; }
    var g = e.target.closest("g.node, g.edge");
    if (g && show(g.id)) { history.replaceState(null, "", "#open=" + g.id); }
  });
  window.casusShow = show;
  // page.html#open=ID opens ID as a click on it would.
  var m = /^#open=(.+)$/.exec(location.hash);
  if (m) {
    var key = decodeURIComponent(m[1]);
    var target = document.getElementById(key);
    if (target) { target.dispatchEvent(new MouseEvent("click", { bubbles: true })); } else { show(key); }
  }
})();
"##;
