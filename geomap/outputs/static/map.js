// geomap's map page: decodes the data geomap/outputs/mapdata.py packs into the page, draws the incidents
// (clustered points, and shaded areas for those known only to a province or country), filters them by
// type and date, keeps the view and the filters in the URL's hash, and opens popups on demand.

/* exported geomapRuntime, geomapControl, geomapLegend */

function geomapRuntime(map, cfg) {
  "use strict";
  var M = cfg.columns;
  var n = 0;
  var data = null;  // the decoded markers, with text(i) for the popups
  var payload = null;  // the id prefix of the data blocks
  var layout = {};
  var layers = {areas: null, incidents: null, mentions: null, control: null};
  var cluster = null, mentionCluster = null;
  var popups = null;
  var basemap = geomapBasemap(map, cfg);
  var state = {from: null, to: null, undated: true, hidden: {}};
  var counts = {shown: 0, total: 0, undated: 0, byType: {}};
  var listeners = [];
  var pointMarkers = new Map();
  var areaLayer = null;
  var areaMembers = {};
  var chunks = {};
  var articles = null;
  var hashWritten = null;
  var readyResolve;
  var ready = new Promise(function (resolve) { readyResolve = resolve; });

  // Milestones of opening the page, for benchmarks (performance.getEntriesByType("mark")).
  function mark(name) { if (window.performance && performance.mark) { performance.mark(name); } }

  // -- decoding ------------------------------------------------------------------------------------------
  function inflate(base64) {
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    // Written straight into the stream (a Blob would go through the browser's blob store and back).
    var gunzip = new DecompressionStream("gzip");
    var writer = gunzip.writable.getWriter();
    writer.write(bytes);
    writer.close();
    return new Response(gunzip.readable).text().then(JSON.parse);
  }
  // A part of the page's data: the text of its data block.
  function part(name) { return document.getElementById(payload + name).textContent; }
  function articleTable() {
    if (!articles) { articles = inflate(part("articles")); }
    return articles;
  }
  function text(i) {
    var k = Math.floor(i / data.chunk);
    if (!chunks[k]) { chunks[k] = inflate(part("text-" + k)); }
    return Promise.all([chunks[k], articleTable()]).then(function (found) {
      return [found[0][i - k * data.chunk], found[1]];
    });
  }
  function markers(m) {
    n = m.id.length;
    var scale = cfg.coordinateScale;
    data = {
      n: n,
      lat: Float64Array.from(m.lat, function (v) { return v / scale; }),
      lon: Float64Array.from(m.lon, function (v) { return v / scale; }),
      type: Uint8Array.from(m.type),
      ids: m.id,
      from: Int32Array.from(m.from),
      to: Int32Array.from(m.to),
      place: Int32Array.from(m.place),
      places: m.places,
      area: Int32Array.from(m.area),
      areas: m.areas,
      fatalities: Int32Array.from(m.fatalities),
      chunk: m.chunk,
      text: text
    };
    counts.total = n;
    counts.undated = 0;
    for (var i = 0; i < n; i++) { if (data.from[i] < 0) { counts.undated++; } }
  }

  // -- markers -------------------------------------------------------------------------------------------
  var icons = {};
  function markerSize(i) {
    var killed = data.fatalities[i];
    if (killed <= 0) { return cfg.markerPx; }
    return cfg.markerPx + Math.min(cfg.markerMaxExtraPx, Math.round(4 * Math.log2(1 + killed)));
  }
  function icon(key, size) {
    var id = key + ":" + size;
    if (!icons[id]) {
      icons[id] = L.divIcon({className: "gm-marker gm-" + key, html: "", iconSize: [size, size], popupAnchor: [0, -size / 2]});
    }
    return icons[id];
  }
  function pointMarker(i) {
    var marker = pointMarkers.get(i);
    if (marker) { return marker; }
    var key = cfg.order[data.type[i]];
    marker = L.marker([data.lat[i], data.lon[i]], {icon: icon(key, markerSize(i)), title: data.places[data.place[i]]});
    marker.geomap = {index: i, id: data.ids[i], type: key};
    marker.on("add", function () {
      var element = marker.getElement();
      if (element) { element.setAttribute("data-incident", data.ids[i]); }
    });
    bindPopup(marker, function (view) { return popups.incident(i, view); });
    pointMarkers.set(i, marker);
    return marker;
  }
  // A popup whose content may grow (text decoded on demand) or be replaced (an area's list, then one of its
  // incidents) is laid out and cleared of the controls again each time.
  function popupView(popup) {
    function changed() { if (popup.isOpen()) { popup.update(); popups.clear(popup); } }
    return {changed: changed, swap: function (node) { popup.setContent(node); changed(); }};
  }
  // As wide as a quote needs, but never wider than a small screen leaves room for.
  function newPopup() {
    var room = map.getSize().x - 60;
    return L.popup({maxWidth: Math.min(380, room), minWidth: Math.min(260, room), autoPan: false});
  }
  function bindPopup(layer, make) {
    var popup = newPopup();
    layer.bindPopup(popup);
    layer.on("popupopen", function () { popup.setContent(make(popupView(popup))); });
  }
  function clusterIcon(list) {
    var byType = {};
    list.forEach(function (i) { var key = cfg.order[data.type[i]]; byType[key] = (byType[key] || 0) + 1; });
    var stops = [], start = 0;
    cfg.order.forEach(function (key) {
      if (!byType[key]) { return; }
      var end = start + 360 * byType[key] / list.length;
      stops.push(cfg.types[key].colour + " " + start.toFixed(1) + "deg " + end.toFixed(1) + "deg");
      start = end;
    });
    var pie = document.createElement("div");
    pie.className = "gm-pie";
    pie.style.background = "conic-gradient(" + stops.join(",") + ")";
    var label = pie.appendChild(document.createElement("span"));
    label.textContent = String(list.length);
    var size = list.length < 10 ? 30 : list.length < 100 ? 36 : list.length < 1000 ? 42 : 48;
    return L.divIcon({html: pie, className: "gm-cluster", iconSize: [size, size]});
  }
  function listPopup(list, at) {
    var popup = newPopup().setLatLng(at);
    popup.setContent(popups.many(list, popupView(popup))).openOn(map);
  }

  // -- areas: incidents known only to a province or a country ---------------------------------------------
  function areaShape(k) {
    var A = M.area, a = data.areas[k];
    var outline = cfg.precisions[a[A.precision]] === "country" ? basemap.country(a[A.country]) : null;
    if (outline) { return {kind: "outline", geometry: outline.geometry}; }
    if (a[A.bbox]) { return {kind: "box", bbox: a[A.bbox]}; }
    return {kind: "circle", lat: a[A.lat], lon: a[A.lon], radius: a[A.radius]};
  }
  function openArea(k, at) {
    var popup = newPopup().setLatLng(at);
    popup.setContent(popups.area(k, areaMembers[k] || [], popupView(popup))).openOn(map);
  }
  function areaLabel(k, count) {
    return data.areas[k][M.area.name] + ": " + count + (count === 1 ? " incident" : " incidents") + " (click for the list)";
  }
  function drawAreas(members) {
    areaMembers = members;
    if (!areaLayer) {
      areaLayer = geomapAreaLayer({shape: areaShape, label: areaLabel, onClick: openArea, crowd: cfg.areaCrowd});
      if (layers.areas) { layers.areas.addLayer(areaLayer); }
    }
    areaLayer.setMembers(members);
  }
  var areas = {countriesKnown: function () { if (areaLayer) { areaLayer.reshape(); } }};

  // -- filters ---------------------------------------------------------------------------------------------
  function refresh(what) {
    if (!data) { return 0; }
    var points = new Int32Array(n);
    var np = 0;
    var members = {};
    var perType = new Int32Array(cfg.order.length);
    var hidden = cfg.order.map(function (key) { return Boolean(state.hidden[key]); });
    var from = state.from === null ? -Infinity : state.from, to = state.to === null ? Infinity : state.to;
    var type = data.type, first = data.from, last = data.to, area = data.area;
    for (var i = 0; i < n; i++) {
      var t = type[i];
      if (hidden[t]) { continue; }
      if (first[i] < 0 ? !state.undated : last[i] < from || first[i] > to) { continue; }
      perType[t]++;
      var a = area[i];
      if (a >= 0) { (members[a] = members[a] || []).push(i); } else { points[np++] = i; }
    }
    map.closePopup();
    cluster.setPoints(points.subarray(0, np));
    drawAreas(members);
    counts.byType = {};
    counts.shown = 0;
    cfg.order.forEach(function (key, k) { counts.byType[key] = perType[k]; counts.shown += perType[k]; });
    listeners.forEach(function (fn) { fn(what || "filter"); });
    writeHash();
    return counts.shown;
  }
  function dayOf(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    return m ? Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000) : null;
  }
  function dayString(day) { return new Date(day * 86400000).toISOString().slice(0, 10); }

  // -- the URL's hash: the view and the filters, so that a link shows what one sees ------------------------
  function hashText() {
    var c = map.getCenter();
    var parts = ["v=" + map.getZoom() + "/" + c.lat.toFixed(4) + "/" + c.lng.toFixed(4)];
    if (state.from !== null) { parts.push("from=" + dayString(state.from)); }
    if (state.to !== null) { parts.push("to=" + dayString(state.to)); }
    if (!state.undated) { parts.push("undated=0"); }
    var hidden = cfg.order.filter(function (key) { return state.hidden[key]; });
    if (hidden.length) { parts.push("hide=" + hidden.join(",")); }
    // Chosen, not fallen back to: a link opened where tiles load should show them.
    if (cfg.tiles && basemap.offline() && !basemap.fellBack()) { parts.push("base=offline"); }
    if (layers.mentions && map.hasLayer(layers.mentions)) { parts.push("mentions=1"); }
    return parts.join("&");
  }
  function writeHash() {
    if (!data) { return; }
    var text = hashText();
    if (text === hashWritten) { return; }
    hashWritten = text;
    try {
      history.replaceState(null, "", "#" + text);
    } catch (e) {
      location.replace("#" + text);  // a file: page may refuse replaceState
    }
  }
  function readHash() {
    var found = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var k = part.indexOf("=");
      if (k > 0) { found[decodeURIComponent(part.slice(0, k))] = decodeURIComponent(part.slice(k + 1)); }
    });
    state.from = dayOf(found.from);
    state.to = dayOf(found.to);
    state.undated = found.undated !== "0";
    state.hidden = {};
    (found.hide || "").split(",").forEach(function (key) { if (cfg.types[key]) { state.hidden[key] = true; } });
    if (found.base === "offline") { basemap.useOffline(); }
    if (found.mentions === "1" && layers.mentions) { map.addLayer(layers.mentions); }
    var view = /^(\d+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(found.v || "");
    if (view) { map.setView([+view[2], +view[3]], +view[1], {animate: false}); }
  }

  // -- mentions: places named in passing, decoded when their layer is ticked ------------------------------
  function showMentions() {
    if (mentionCluster || !layout.mentions) { return; }
    Promise.all([inflate(part("mentions")), articleTable()]).then(function (found) {
      var m = found[0], table = found[1];
      var lat = Float64Array.from(m.lat, function (v) { return v / cfg.coordinateScale; });
      var lon = Float64Array.from(m.lon, function (v) { return v / cfg.coordinateScale; });
      var mentionIcon = L.divIcon({className: "gm-mention", html: "", iconSize: [12, 12]});
      var made = new Map();
      mentionCluster = geomapClusterLayer({
        lat: lat, lon: lon, radius: cfg.clusterRadius, maxZoom: cfg.maxZoom, tooMany: 1e9,
        pointMarker: function (i) {
          if (!made.has(i)) {
            var marker = L.marker([lat[i], lon[i]], {icon: mentionIcon, title: m.rows[i][M.mention.place]});
            var popup = newPopup();
            marker.bindPopup(popup);
            marker.on("popupopen", function () { popup.setContent(popups.mention(m.rows[i], table)); });
            made.set(i, marker);
          }
          return made.get(i);
        },
        clusterIcon: function (list) {
          var pie = document.createElement("div");
          pie.className = "gm-pie gm-pie-mention";
          pie.appendChild(document.createElement("span")).textContent = String(list.length);
          return L.divIcon({html: pie, className: "gm-cluster", iconSize: [28, 28]});
        }
      });
      mentionCluster.setPoints(Int32Array.from(m.rows, function (_, i) { return i; }));
      layers.mentions.addLayer(mentionCluster);
    });
  }

  map.attributionControl.addAttribution(cfg.attribution);
  map.on("moveend", writeHash);
  map.on("baselayerchange overlayadd overlayremove", writeHash);
  map.on("popupopen", function (event) {
    // Once laid out: then its size is known.
    requestAnimationFrame(function () { popups.clear(event.popup); });
  });
  window.addEventListener("hashchange", function () {
    if (location.hash.replace(/^#/, "") === hashWritten || !data) { return; }
    readHash();
    refresh("types");
  });

  var api = {
    cfg: cfg,
    map: map,
    ready: ready,
    basemap: basemap,
    setAreas: function (layer) { layers.areas = layer; },
    setIncidents: function (layer) { layers.incidents = layer; },
    setTiles: function (layer) { basemap.setTiles(layer); },
    setBasemap: function (layer) { basemap.setGroup(layer); },
    setMentions: function (layer) {
      layers.mentions = layer;
      layer.on("add", showMentions);
    },
    setLayerControl: function (control) { layers.control = control; },
    /** The page's data (in data blocks named ``prefix + part``): decodes it, draws it, applies the hash. */
    load: function (prefix, parts) {
      payload = prefix;
      layout = parts;
      if (typeof DecompressionStream === "undefined") {
        var warning = L.control({position: "topright"});
        warning.onAdd = function () {
          var div = L.DomUtil.create("div", "gm-box gm-error");
          div.textContent = "This browser is too old to open this map: it needs DecompressionStream"
            + " (Chrome 80, Firefox 113, Safari 16.4 or later).";
          return div;
        };
        warning.addTo(map);
        return ready;
      }
      // The markers first; then the offline basemap (an area drawn before its country's outline is known
      // is drawn again with it).
      inflate(part("markers")).then(function (found) {
        mark("geomap-decoded");
        markers(found);
        popups = geomapPopups(map, cfg, data);
        cluster = geomapClusterLayer({
          lat: data.lat, lon: data.lon, radius: cfg.clusterRadius, maxZoom: cfg.maxZoom, pane: "markerPane",
          pointMarker: pointMarker, clusterIcon: clusterIcon, tooMany: cfg.spiderMax, onTooMany: listPopup
        });
        layers.incidents.addLayer(cluster);
        mark("geomap-indexed");
        readHash();
        refresh("types");
        mark("geomap-drawn");
        readyResolve(api);
        inflate(part("basemap")).then(function (shapes) {
          basemap.setShapes(shapes);
          areas.countriesKnown();
          mark("geomap-basemap");
        });
        inflate(part("labels")).then(basemap.setLabels);
      });
      return ready;
    },
    onChange: function (fn) { listeners.push(fn); },
    state: function () { return {from: state.from, to: state.to, undated: state.undated, hidden: L.extend({}, state.hidden)}; },
    counts: function () { return L.extend({}, counts); },
    dayRange: function () { return cfg.dayRange; },
    /** fn(from, to) for each dated incident of the types shown. */
    eachDated: function (fn) {
      for (var i = 0; i < n; i++) {
        if (data.from[i] >= 0 && !state.hidden[cfg.order[data.type[i]]]) { fn(data.from[i], data.to[i]); }
      }
    },
    setDates: function (from, to) { state.from = from; state.to = to; return refresh(); },
    setUndated: function (undated) { state.undated = undated; return refresh(); },
    setTypeVisible: function (key, visible) { state.hidden[key] = !visible; return refresh("types"); },
    reset: function () { state = {from: null, to: null, undated: true, hidden: {}}; return refresh("types"); },
    /** Dates as "YYYY-MM-DD" (or "" for none): the incidents whose date overlaps them stay. */
    applyFilter: function (from, to, undated) {
      state.from = dayOf(from);
      state.to = dayOf(to);
      state.undated = undated !== false;
      return refresh();
    },
    /** Incidents shown: points in the cluster and incidents of the areas drawn. */
    incidentCount: function () {
      if (!cluster) { return 0; }
      var inAreas = 0;
      Object.keys(areaMembers).forEach(function (k) { inAreas += areaMembers[k].length; });
      return cluster.count() + inAreas;
    },
    pointCount: function () { return cluster ? cluster.count() : 0; },
    areaCount: function () { return areaLayer && layers.areas && map.hasLayer(layers.areas) ? areaLayer.count() : 0; },
    /** Incident ``id``'s area (its index, and a point in it), or null when it is a point incident. */
    areaOf: function (id) {
      var i = data.ids.indexOf(id);
      if (i < 0 || data.area[i] < 0) { return null; }
      var centre = areaLayer.centre(data.area[i]);
      return {index: data.area[i], lat: centre.lat, lon: centre.lng, members: (areaMembers[data.area[i]] || []).length};
    },
    /** The name of the area drawn topmost at (lat, lon), or null. */
    areaAt: function (lat, lon) {
      var k = areaLayer ? areaLayer.at(L.latLng(lat, lon)) : -1;
      return k < 0 ? null : data.areas[k][M.area.name];
    },
    mentionCount: function () { return mentionCluster ? mentionCluster.count() : 0; },
    /** Bring incident ``id``'s marker into view (zooming, spreading its cluster); returns it, or null. */
    showIncident: function (id) {
      var i = data.ids.indexOf(id);
      if (i < 0 || data.area[i] >= 0) { return null; }
      return cluster.showPoint(i);
    }
  };
  return api;
}

// A box of the page (the legend) made a Leaflet control at a corner of the map; collapsible.
function geomapControl(map, boxId, position, cfg) {
  "use strict";
  var box = document.getElementById(boxId);
  var control = L.control({position: position});
  control.onAdd = function () {
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  control.addTo(map);
  var toggle = box.querySelector(".gm-toggle");
  if (toggle) {
    var collapse = function (collapsed) {
      box.classList.toggle("gm-collapsed", collapsed);
      toggle.setAttribute("aria-expanded", String(!collapsed));
    };
    toggle.addEventListener("click", function () { collapse(!box.classList.contains("gm-collapsed")); });
    collapse(map.getSize().x < cfg.smallScreen);
  }
  return box;
}

// The legend: a box per type that shows or hides it, with the number of its incidents shown.
function geomapLegend(map, geomap, boxId, cfg) {
  "use strict";
  var box = geomapControl(map, boxId, "bottomleft", cfg);
  box.querySelectorAll("input[data-type]").forEach(function (input) {
    input.addEventListener("change", function () { geomap.setTypeVisible(input.getAttribute("data-type"), input.checked); });
  });
  geomap.onChange(function () {
    var counts = geomap.counts(), state = geomap.state();
    box.querySelectorAll("input[data-type]").forEach(function (input) {
      input.checked = !state.hidden[input.getAttribute("data-type")];
    });
    box.querySelectorAll("[data-count]").forEach(function (span) {
      var key = span.getAttribute("data-count");
      var shown = counts.byType[key] || 0, total = cfg.counts.byType[key] || 0;
      span.textContent = shown === total ? String(total) : shown + "/" + total;
    });
  });
}
