// geomap's map page: markers, popups, the date filter and the controls, made from the compact rows that
// geomap/outputs/map.py writes into the page. Every string from an article is set with textContent, never
// innerHTML, so a title or a quote cannot inject markup. Rows are arrays; cfg.columns names their slots.

/* exported geomapRuntime, geomapControl, geomapDateFilter */

function geomapRuntime(map, cfg, articles) {
  "use strict";
  var I = cfg.columns.incident, M = cfg.columns.mention, A = cfg.columns.article, Q = cfg.columns.quote;
  var groups = {};  // event type -> {subgroup, markers}
  var icons = {};
  var areas = null;
  var cluster = null;
  var mentions = null;
  var busy = false;
  var areaRenderer = L.canvas({padding: 0.5});
  var filter = {from: "", to: "", undated: true};

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function line(parent, className, text) { return parent.appendChild(el("div", className, text)); }
  function clusterSize(n) { return n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48; }
  function icon(key, approx) {
    var id = key + (approx ? ":approx" : "");
    if (!icons[id]) {
      var size = approx ? 22 : 20;
      icons[id] = L.divIcon({
        className: "gm-marker gm-" + key + (approx ? " gm-approx" : ""),
        html: "", iconSize: [size, size], popupAnchor: [0, -size / 2]
      });
    }
    return icons[id];
  }
  // Partial ISO dates ("2020-01", "2020") cover a range; comparing strings works because "-31" sorts
  // after every real day of a month. A day and month without a year ("--04-05") cannot be placed.
  function dateRange(date) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(date)) { return [date, date]; }
    if (/^\d{4}-\d{2}$/.test(date)) { return [date + "-01", date + "-31"]; }
    if (/^\d{4}$/.test(date)) { return [date + "-01-01", date + "-12-31"]; }
    return null;
  }
  function passes(marker) {
    var range = marker.geomap.range;
    if (!range) { return filter.undated; }
    if (filter.from && range[1] < filter.from) { return false; }
    if (filter.to && range[0] > filter.to) { return false; }
    return true;
  }
  // A quote is [before, the place as written, after]: the place is marked.
  function quote(parts) {
    var node = el("blockquote");
    node.appendChild(document.createTextNode(parts[Q.before]));
    if (parts[Q.place]) { node.appendChild(el("mark", null, parts[Q.place])); }
    node.appendChild(document.createTextNode(parts[Q.after]));
    return node;
  }
  function articleLines(parent, index) {
    var a = articles[index];
    line(parent, "gm-title", a[A.title] || a[A.file]);
    var meta = [a[A.outlet], a[A.published]].filter(Boolean).join(" · ");
    if (meta) { line(parent, "gm-dim", meta); }
    return a;
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
  function incidentPopup(key, row) {
    var box = el("div", "gm-popup");
    var date = row[I.date];
    var dateText = date ? date : "date unknown";
    var precision = cfg.datePrecisions[row[I.datePrecision]];
    if (date && precision !== "day") { dateText += " (" + cfg.datePrecisionLabels[precision] + ")"; }
    line(box, "gm-head", cfg.types[key].label + " · " + dateText);
    var place = line(box, "gm-line");
    place.appendChild(el("strong", null, row[I.place]));
    place.appendChild(document.createTextNode(" — as written: «" + (row[I.placeText] || row[I.place]) + "»"));
    var level = cfg.precisions[row[I.precision]];
    var text = "Precision: " + level + ", " + cfg.precisionLabels[level];
    if (row[I.radius] > 0) { text += " (radius " + Math.round(row[I.radius] / 1000) + " km)"; }
    line(box, "gm-line gm-dim", text);
    if (row[I.actor]) { line(box, "gm-line", "Actor: " + row[I.actor]); }
    if (row[I.optional]) { line(box, "gm-line gm-dim", "Reported only in the title of a related article."); }
    var sources = row[I.sources];
    line(box, "gm-line", sources.length === 1 ? "Source:" : sources.length + " sources:");
    var list = box.appendChild(el("ol"));
    sources.forEach(function (s) {
      // A source is [article index, quote before the place, the place, quote after].
      var item = list.appendChild(el("li"));
      var a = articleLines(item, s[0]);
      item.appendChild(quote(s.slice(1)));
      linkLine(item, a);
    });
    line(box, "gm-id", "incident " + row[I.id]);
    return box;
  }
  function mentionPopup(row) {
    var box = el("div", "gm-popup");
    line(box, "gm-head", "Place named in an article (not an incident)");
    var place = line(box, "gm-line");
    place.appendChild(el("strong", null, row[M.place]));
    place.appendChild(document.createTextNode(" — as written: «" + row[M.placeText] + "»"));
    var level = cfg.precisions[row[M.precision]];
    line(box, "gm-line gm-dim", "Precision: " + level + ", " + cfg.precisionLabels[level]);
    var a = articleLines(box, row[M.article]);
    box.appendChild(quote(row.slice(M.before, M.after + 1)));
    linkLine(box, a);
    return box;
  }
  function makeIncidentMarker(key, row) {
    var approx = row[I.radius] > 0;
    var at = [row[I.lat], row[I.lon]];
    var marker = L.marker(at, {icon: icon(key, approx), title: row[I.place]});
    marker.geomap = {id: row[I.id], type: key, range: dateRange(row[I.date]), circle: null};
    if (approx) {
      marker.geomap.circle = L.circle(at, {
        radius: row[I.radius], renderer: areaRenderer, interactive: false, color: cfg.types[key].colour,
        weight: 1.5, dashArray: "6 5", fillOpacity: 0.07
      });
    }
    marker.bindPopup(function () { return incidentPopup(key, row); }, {maxWidth: 380, minWidth: 260});
    return marker;
  }
  // The areas follow what is shown: a circle is drawn while its incident's type is ticked and its
  // date passes the filter.
  function refreshAreas() {
    if (!areas || busy) { return; }
    areas.clearLayers();
    Object.keys(groups).forEach(function (key) {
      var group = groups[key];
      if (!map.hasLayer(group.subgroup)) { return; }
      group.subgroup.eachLayer(function (m) { if (m.geomap.circle) { areas.addLayer(m.geomap.circle); } });
    });
  }
  // A subgroup on the map is taken off and put back, so that the cluster removes and adds its markers
  // in two batches rather than one by one.
  function refresh() {
    var shown = 0;
    busy = true;
    Object.keys(groups).forEach(function (key) {
      var group = groups[key];
      var keep = group.markers.filter(passes);
      var onMap = map.hasLayer(group.subgroup);
      if (onMap) { map.removeLayer(group.subgroup); }
      group.subgroup.clearLayers();
      keep.forEach(function (m) { group.subgroup.addLayer(m); });
      if (onMap) { map.addLayer(group.subgroup); shown += keep.length; }
    });
    busy = false;
    refreshAreas();
    return shown;
  }

  map.attributionControl.addAttribution(cfg.attribution);
  map.on("overlayadd overlayremove", refreshAreas);

  return {
    groups: groups,
    setAreas: function (layer) { areas = layer; },
    setCluster: function (layer) { cluster = layer; },
    setMentions: function (layer) { mentions = layer; },
    addIncidents: function (key, subgroup, rows) {
      var group = groups[key] = {subgroup: subgroup, markers: []};
      for (var i = 0; i < rows.length; i++) {
        var marker = makeIncidentMarker(key, rows[i]);
        group.markers.push(marker);
        subgroup.addLayer(marker);
        if (marker.geomap.circle && areas) { areas.addLayer(marker.geomap.circle); }
      }
    },
    mentionMarker: function () {
      var mentionIcon = L.divIcon({className: "gm-mention", html: "", iconSize: [12, 12]});
      return function (row) {
        var marker = L.marker([row[M.lat], row[M.lon]], {icon: mentionIcon, title: row[M.place]});
        marker.bindPopup(function () { return mentionPopup(row); }, {maxWidth: 380, minWidth: 240});
        return marker;
      };
    },
    // A cluster is a pie of its incidents' type colours, with their number in the middle.
    clusterIcon: function (group) {
      var markers = group.getAllChildMarkers();
      var counts = {};
      markers.forEach(function (m) { counts[m.geomap.type] = (counts[m.geomap.type] || 0) + 1; });
      var stops = [];
      var start = 0;
      cfg.order.forEach(function (key) {
        if (!counts[key]) { return; }
        var end = start + 360 * counts[key] / markers.length;
        stops.push(cfg.types[key].colour + " " + start.toFixed(1) + "deg " + end.toFixed(1) + "deg");
        start = end;
      });
      var pie = el("div", "gm-pie");
      pie.style.background = "conic-gradient(" + stops.join(",") + ")";
      pie.appendChild(el("span", null, markers.length));
      var size = clusterSize(markers.length);
      return L.divIcon({html: pie, className: "gm-cluster", iconSize: [size, size]});
    },
    mentionClusterIcon: function (group) {
      var n = group.getChildCount();
      var pie = el("div", "gm-pie gm-pie-mention");
      pie.appendChild(el("span", null, n));
      var size = clusterSize(n) - 6;
      return L.divIcon({html: pie, className: "gm-cluster", iconSize: [size, size]});
    },
    applyFilter: function (from, to, undated) {
      filter = {from: from || "", to: to || "", undated: undated !== false};
      return refresh();
    },
    /** Incident markers that Leaflet's cluster holds right now. */
    incidentCount: function () { return cluster ? cluster.getLayers().length : 0; },
    mentionCount: function () { return mentions ? mentions.getLayers().length : 0; },
    findIncident: function (id) {
      var keys = Object.keys(groups);
      for (var k = 0; k < keys.length; k++) {
        var markers = groups[keys[k]].markers;
        for (var i = 0; i < markers.length; i++) {
          if (markers[i].geomap.id === id) { return {marker: markers[i], cluster: cluster}; }
        }
      }
      return null;
    }
  };
}

// A box of the page (legend, filter) made a Leaflet control at a corner of the map.
function geomapControl(map, boxId, position) {
  "use strict";
  var box = document.getElementById(boxId);
  var control = L.control({position: position});
  control.onAdd = function () {
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  control.addTo(map);
  return box;
}

// Two date inputs that show only the incidents whose (possibly partial) date overlaps the range.
function geomapDateFilter(map, geomap, boxId, total) {
  "use strict";
  var box = geomapControl(map, boxId, "topleft");
  var field = function (name) { return box.querySelector("[name=" + name + "]"); };
  var count = box.querySelector(".gm-count");
  function update() {
    var shown = geomap.applyFilter(field("from").value, field("to").value, field("undated").checked);
    count.textContent = shown + " of " + total + " incidents shown";
  }
  ["from", "to", "undated"].forEach(function (name) { field(name).addEventListener("change", update); });
  field("reset").addEventListener("click", function () {
    field("from").value = ""; field("to").value = ""; field("undated").checked = true; update();
  });
  count.textContent = total + " incidents";
}
