// geomap's popups: an incident with every source that reports it, the incidents of a province-level
// area, a place named in passing. Every string from an article is set with textContent, never innerHTML,
// so a title or a quote cannot inject markup. Popups are kept clear of the map's controls.

/* exported geomapPopups */

function geomapPopups(map, cfg, data) {
  "use strict";
  var X = cfg.columns.text, S = cfg.columns.source, A = cfg.columns.article, R = cfg.columns.area;
  var MN = cfg.columns.mention;
  var MARGIN = 8;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function line(parent, className, text) { return parent.appendChild(el("div", className, text)); }

  // A quote shown around the place it names (marked), with a button to show the whole sentence.
  function quote(text, markStart, markEnd, cutStart, cutEnd) {
    var node = el("blockquote");
    function show(from, to) {
      while (node.firstChild) { node.removeChild(node.firstChild); }
      if (from > 0) { node.appendChild(document.createTextNode("…")); }
      node.appendChild(document.createTextNode(text.slice(from, markStart)));
      if (markEnd > markStart) { node.appendChild(el("mark", null, text.slice(markStart, markEnd))); }
      node.appendChild(document.createTextNode(text.slice(markEnd, to)));
      if (to < text.length) {
        node.appendChild(document.createTextNode("… "));
        var more = node.appendChild(el("button", "gm-more", "whole sentence"));
        more.type = "button";
        more.addEventListener("click", function (event) {
          L.DomEvent.stop(event);
          show(0, text.length);
          if (node.geomapView) { node.geomapView.changed(); }
        });
      }
    }
    show(Math.min(cutStart, markStart), Math.max(cutEnd, markEnd));
    return node;
  }
  function articleLines(parent, a) {
    line(parent, "gm-title", a[A.title] || a[A.file]);
    var meta = [a[A.outlet], a[A.published]].filter(Boolean).join(" · ");
    if (meta) { line(parent, "gm-dim", meta); }
  }
  function linkLine(parent, a) {
    var div = line(parent, "gm-dim");
    var url = a[A.url];
    if (url && /^https?:\/\//i.test(url)) {
      var link = div.appendChild(el("a", null, url));
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      div.appendChild(document.createTextNode(" · "));
    }
    div.appendChild(document.createTextNode("file: " + a[A.file]));
  }
  function dateText(row) {
    var date = row[X.date];
    if (!date) { return "date unknown"; }
    var precision = cfg.datePrecisions[row[X.datePrecision]];
    return precision === "day" ? date : date + " (" + cfg.datePrecisionLabels[precision] + ")";
  }
  function casualties(i, row) {
    var parts = [];
    if (data.fatalities[i] >= 0) { parts.push("Killed: " + data.fatalities[i]); }
    if (row[X.injured] >= 0) { parts.push("injured: " + row[X.injured]); }
    return parts.join(" · ");
  }
  function sources(box, row, articles, view) {
    var list = row[X.sources];
    line(box, "gm-line", list.length === 1 ? "Source:" : list.length + " sources:");
    var ol = box.appendChild(el("ol"));
    list.forEach(function (s) {
      var item = ol.appendChild(el("li", "gm-source"));
      var a = articles[s[S.article]];
      articleLines(item, a);
      var q = item.appendChild(quote(s[S.text], s[S.markStart], s[S.markEnd], s[S.cutStart], s[S.cutEnd]));
      q.geomapView = view;
      // The article's other sentences that report the event.
      s[S.more].forEach(function (m) {
        item.appendChild(quote(m[0], m[1], m[2], m[3], m[4])).geomapView = view;
      });
      linkLine(item, a);
    });
  }

  /** The popup of incident ``i``: what the markers know at once, its text when its chunk is decoded.
   *  ``view`` lays the popup out again (changed) or replaces its content (swap). */
  function incident(i, view) {
    var key = cfg.order[data.type[i]];
    var box = el("div", "gm-popup gm-loading");
    box.setAttribute("data-incident", data.ids[i]);
    var head = line(box, "gm-head", cfg.types[key].label);
    var place = line(box, "gm-line");
    place.appendChild(el("strong", null, data.places[data.place[i]]));
    var body = line(box, "gm-body", "Loading its sources…");
    data.text(i).then(function (found) {
      var row = found[0], articles = found[1];
      head.textContent = cfg.types[key].label + " · " + dateText(row);
      place.appendChild(document.createTextNode(" — as written: «" + (row[X.placeText] || data.places[data.place[i]]) + "»"));
      body.textContent = "";
      var level = cfg.precisions[row[X.precision]];
      var text = "Precision: " + level + ", " + cfg.precisionLabels[level];
      if (row[X.radiusKm] > 0) { text += " (radius " + row[X.radiusKm] + " km)"; }
      line(body, "gm-line gm-dim", text);
      var toll = casualties(i, row);
      if (toll) { line(body, "gm-line gm-casualties", toll); }
      if (row[X.actor]) { line(body, "gm-line", "Actor: " + row[X.actor]); }
      if (row[X.launchedFrom]) { line(body, "gm-line", "Fired from: " + row[X.launchedFrom]); }
      if (row[X.optional]) { line(body, "gm-line gm-dim", "Reported only in the title of a related article."); }
      sources(body, row, articles, view);
      line(body, "gm-id", "incident " + data.ids[i]);
      box.className = "gm-popup";
      view.changed();
    });
    return box;
  }

  /** The incidents of an area (province or country), each opening its own popup in place. */
  function area(k, list, view) {
    var a = data.areas[k];
    var box = el("div", "gm-popup gm-area-list");
    var level = cfg.precisions[a[R.precision]];
    line(box, "gm-head", a[R.name] + ": " + list.length + (list.length === 1 ? " incident" : " incidents")
      + " known only to the " + (level === "country" ? "country" : "province"));
    line(box, "gm-line gm-dim", "The shaded area is where they may have happened, not a place.");
    picks(box, list, view, function () { return area(k, list, view); });
    return box;
  }

  /** The incidents of a cluster too big to spread out: a list like an area's. */
  function many(list, view) {
    var box = el("div", "gm-popup gm-area-list");
    line(box, "gm-head", list.length + " incidents at this spot");
    picks(box, list, view, function () { return many(list, view); });
    return box;
  }

  // A list of incidents, each a button that shows its popup in place, with a way back to the list.
  function picks(box, list, view, again) {
    var ol = box.appendChild(el("ol"));
    var shown = list.slice(0, cfg.areaListMax);
    shown.forEach(function (i) {
      var item = ol.appendChild(el("li"));
      var button = item.appendChild(el("button", "gm-pick", cfg.types[cfg.order[data.type[i]]].label));
      button.type = "button";
      button.setAttribute("data-incident", data.ids[i]);
      button.addEventListener("click", function (event) {
        L.DomEvent.stop(event);
        var detail = incident(i, view);
        var back = el("button", "gm-back", "‹ back to the list");
        back.type = "button";
        back.addEventListener("click", function (e) { L.DomEvent.stop(e); view.swap(again()); });
        detail.insertBefore(back, detail.firstChild);
        view.swap(detail);
      });
      data.text(i).then(function (found) {
        button.textContent = dateText(found[0]) + " · " + cfg.types[cfg.order[data.type[i]]].label;
      });
    });
    if (list.length > shown.length) { line(box, "gm-dim", "and " + (list.length - shown.length) + " more"); }
  }

  function mention(row, articles) {
    var box = el("div", "gm-popup");
    line(box, "gm-head", "Place named in an article (not an incident)");
    var place = line(box, "gm-line");
    place.appendChild(el("strong", null, row[MN.place]));
    place.appendChild(document.createTextNode(" — as written: «" + row[MN.placeText] + "»"));
    var level = cfg.precisions[row[MN.precision]];
    line(box, "gm-line gm-dim", "Precision: " + level + ", " + cfg.precisionLabels[level]);
    var a = articles[row[MN.article]];
    articleLines(box, a);
    box.appendChild(quote(row[MN.text], row[MN.markStart], row[MN.markEnd], row[MN.cutStart], row[MN.cutEnd]));
    linkLine(box, a);
    return box;
  }

  /** Pan the map so that the open popup lies inside it and overlaps none of its controls. */
  function clear(popup) {
    var node = popup && popup.getElement();
    if (!node || !map.hasLayer(popup)) { return; }
    var frame = map.getContainer().getBoundingClientRect();
    var width = frame.width, height = frame.height;
    function local(r) { return {left: r.left - frame.left, top: r.top - frame.top, right: r.right - frame.left, bottom: r.bottom - frame.top}; }
    var box = local(node.getBoundingClientRect());
    var controls = [];
    map.getContainer().querySelectorAll(".leaflet-control").forEach(function (c) {
      if (c.offsetWidth > 0 && c.offsetHeight > 0) { controls.push(local(c.getBoundingClientRect())); }
    });
    function moved(dx, dy) { return {left: box.left + dx, right: box.right + dx, top: box.top + dy, bottom: box.bottom + dy}; }
    function inside(r) { return r.left >= MARGIN && r.right <= width - MARGIN && r.top >= MARGIN && r.bottom <= height - MARGIN; }
    function hits(r) {
      return controls.filter(function (c) {
        return r.left < c.right + MARGIN && c.left - MARGIN < r.right && r.top < c.bottom + MARGIN && c.top - MARGIN < r.bottom;
      });
    }
    var dx = 0, dy = 0;
    // Into the map first (a popup taller than the map keeps its top in view).
    if (box.right - box.left <= width - 2 * MARGIN) {
      if (box.left < MARGIN) { dx = MARGIN - box.left; } else if (box.right > width - MARGIN) { dx = width - MARGIN - box.right; }
    }
    if (box.top < MARGIN || box.bottom - box.top > height - 2 * MARGIN) { dy = MARGIN - box.top; }
    else if (box.bottom > height - MARGIN) { dy = height - MARGIN - box.bottom; }
    // Then out from under each control it covers, by the smallest move that keeps it clear of all.
    for (var round = 0; round < 4; round++) {
      var r = moved(dx, dy);
      var found = hits(r);
      if (!found.length) { break; }
      var c = found[0];
      var options = [
        [c.right + MARGIN - r.left, 0], [c.left - MARGIN - r.right, 0],
        [0, c.bottom + MARGIN - r.top], [0, c.top - MARGIN - r.bottom]
      ];
      options.sort(function (a, b) { return Math.abs(a[0]) + Math.abs(a[1]) - Math.abs(b[0]) - Math.abs(b[1]); });
      var chosen = options.filter(function (o) { var m = moved(dx + o[0], dy + o[1]); return inside(m) && !hits(m).length; })[0]
        || options.filter(function (o) { return inside(moved(dx + o[0], dy + o[1])); })[0] || options[0];
      dx += chosen[0];
      dy += chosen[1];
    }
    if (dx || dy) { map.panBy([-dx, -dy], {animate: false}); }
  }

  return {incident: incident, area: area, many: many, mention: mention, clear: clear};
}
