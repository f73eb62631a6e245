// geomap's timeline: a histogram of the incidents per day, week or month under the map. Dragging over it
// selects a period (the date inputs follow, and drive it too); the map, the counts and the legend show only
// the incidents of that period. Incidents known to the day are solid bars; those known only to a month or
// a year are spread over it, lighter. Undated incidents are counted apart, with a box to show or hide them.

/* exported geomapTimeline */

function geomapTimeline(map, geomap, boxId, cfg) {
  "use strict";
  var DAY_MS = 86400000;
  var box = document.getElementById(boxId);
  var canvas = box.querySelector("canvas");
  var field = function (name) { return box.querySelector("[name=" + name + "]"); };
  var counter = box.querySelector(".gm-count");
  var undatedCount = box.querySelector(".gm-undated-n");
  var outliers = box.querySelector(".gm-outliers");
  var edges = null;  // the bins' first days, and the day after the last bin
  var exact = null, spread = null;
  var drag = null;

  function dayString(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }
  function parseDay(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    return m ? Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS) : null;
  }
  function makeEdges(range) {
    var first = range[0], last = range[1], out = [];
    var span = last - first + 1;
    if (span <= cfg.timeline.dayMax) {
      for (var d = first; d <= last + 1; d++) { out.push(d); }
    } else if (span <= cfg.timeline.weekMax) {
      var monday = first - ((first + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
      for (var w = monday; w <= last + 7; w += 7) { out.push(w); if (w > last) { break; } }
    } else {
      var date = new Date(first * DAY_MS);
      var y = date.getUTCFullYear(), mo = date.getUTCMonth();
      for (;;) {
        var start = Math.round(Date.UTC(y, mo, 1) / DAY_MS);
        out.push(start);
        if (start > last) { break; }
        mo += 1;
        if (mo === 12) { mo = 0; y += 1; }
      }
    }
    return out;
  }
  function binOf(day) {
    var lo = 0, hi = edges.length - 2;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (edges[mid] <= day) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }
  function count() {
    var bins = edges.length - 1;
    exact = new Float64Array(bins);
    spread = new Float64Array(bins);
    geomap.eachDated(function (from, to) {
      if (from === to) { exact[binOf(from)] += 1; return; }
      var total = to - from + 1;
      for (var b = binOf(from); b < bins && edges[b] <= to; b++) {
        var overlap = Math.min(edges[b + 1] - 1, to) - Math.max(edges[b], from) + 1;
        if (overlap > 0) { spread[b] += overlap / total; }
      }
    });
  }
  function xOf(day, width) { return (day - edges[0]) / (edges[edges.length - 1] - edges[0]) * width; }
  function dayAt(x, width) {
    var day = edges[0] + x / width * (edges[edges.length - 1] - edges[0]);
    return Math.max(edges[0], Math.min(edges[edges.length - 1] - 1, Math.floor(day)));
  }
  function draw() {
    var ratio = window.devicePixelRatio || 1;
    var width = canvas.clientWidth, height = canvas.clientHeight;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (!edges) {
      ctx.fillStyle = "#666";
      ctx.font = "12px system-ui, Arial, sans-serif";
      ctx.fillText("No incident has a date that can be placed on a timeline.", 8, 20);
      return;
    }
    var axis = 14, chart = height - axis;
    var state = geomap.state();
    var top = 0;
    for (var b = 0; b < exact.length; b++) { top = Math.max(top, exact[b] + spread[b]); }
    for (b = 0; b < exact.length; b++) {
      var x1 = xOf(edges[b], width), x2 = xOf(edges[b + 1], width);
      var inRange = (state.from === null || edges[b + 1] - 1 >= state.from) && (state.to === null || edges[b] <= state.to);
      var solid = top ? exact[b] / top * (chart - 2) : 0;
      var light = top ? spread[b] / top * (chart - 2) : 0;
      var w = Math.max(1, x2 - x1 - (x2 - x1 > 3 ? 1 : 0));
      ctx.fillStyle = inRange ? "#3b6ea5" : "#c3ccd6";
      ctx.fillRect(x1, chart - solid, w, solid);
      ctx.fillStyle = inRange ? "#9bb8d8" : "#e1e6ec";
      ctx.fillRect(x1, chart - solid - light, w, light);
    }
    // Axis: a tick and label at each year (or month, on a short timeline).
    ctx.fillStyle = "#555";
    ctx.strokeStyle = "#999";
    ctx.font = "10px system-ui, Arial, sans-serif";
    ctx.beginPath();
    ctx.moveTo(0, chart + 0.5);
    ctx.lineTo(width, chart + 0.5);
    ctx.stroke();
    var months = edges[edges.length - 1] - edges[0] < 400;
    var d = new Date(edges[0] * DAY_MS);
    var y = d.getUTCFullYear(), mo = months ? d.getUTCMonth() : 0;
    var lastLabel = -100;
    for (;;) {
      var day = Math.round(Date.UTC(y, mo, 1) / DAY_MS);
      if (day > edges[edges.length - 1]) { break; }
      if (day >= edges[0]) {
        var x = xOf(day, width);
        ctx.fillRect(Math.round(x), chart, 1, 4);
        var text = months ? dayString(day).slice(0, 7) : String(y);
        if (x - lastLabel > ctx.measureText(text).width + 8) { ctx.fillText(text, x + 2, height - 2); lastLabel = x; }
      }
      if (months) { mo += 1; if (mo === 12) { mo = 0; y += 1; } } else { y += 1; }
    }
    if (drag) {
      ctx.fillStyle = "rgba(59,110,165,0.18)";
      ctx.fillRect(Math.min(drag.start, drag.end), 0, Math.abs(drag.end - drag.start), chart);
    }
  }
  function update(what) {
    var state = geomap.state();
    var counts = geomap.counts();
    if (what === "types" || !exact) { if (edges) { count(); } }
    field("from").value = state.from === null ? "" : dayString(state.from);
    field("to").value = state.to === null ? "" : dayString(state.to);
    field("undated").checked = state.undated;
    counter.textContent = counts.shown === counts.total
      ? counts.total + " incidents"
      : counts.shown + " of " + counts.total + " incidents shown";
    undatedCount.textContent = String(counts.undated);
    draw();
  }

  var range = geomap.dayRange();
  edges = range ? makeEdges(range) : null;
  canvas.addEventListener("pointerdown", function (event) {
    if (!edges) { return; }
    var x = event.offsetX;
    drag = {start: x, end: x};
    canvas.setPointerCapture(event.pointerId);
    draw();
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    drag.end = Math.max(0, Math.min(canvas.clientWidth, event.offsetX));
    draw();
  });
  canvas.addEventListener("pointerup", function (event) {
    if (!drag) { return; }
    var width = canvas.clientWidth;
    drag.end = Math.max(0, Math.min(width, event.offsetX));
    var a = Math.min(drag.start, drag.end), b = Math.max(drag.start, drag.end);
    drag = null;
    if (b - a < 3) { geomap.setDates(null, null); return; }  // a click clears the period
    // Whole bins: from the first day of the bin under the start to the last day of the bin under the end.
    var first = edges[binOf(dayAt(a, width))];
    var last = edges[binOf(dayAt(b, width)) + 1] - 1;
    geomap.setDates(first, last);
  });
  ["from", "to"].forEach(function (name) {
    field(name).addEventListener("change", function () {
      geomap.setDates(parseDay(field("from").value), parseDay(field("to").value));
    });
  });
  field("undated").addEventListener("change", function () { geomap.setUndated(field("undated").checked); });
  field("reset").addEventListener("click", function () { geomap.reset(); });
  if (outliers && cfg.bounds && cfg.bounds.outliers > 0) {
    outliers.hidden = false;
    outliers.textContent = cfg.bounds.outliers === 1
      ? "1 incident lies far from the others: show all"
      : cfg.bounds.outliers + " incidents lie far from the others: show all";
    outliers.addEventListener("click", function (event) {
      event.preventDefault();
      map.fitBounds(cfg.bounds.all, {padding: [30, 30], animate: false});
    });
  }
  window.addEventListener("resize", draw);
  geomap.onChange(update);
  update("types");
  return {draw: draw, edges: function () { return edges; }};
}
