// geomap's basemaps: map tiles when they load, else the offline basemap carried by the page (country
// outlines, provinces (their names, and their boxes when the gazetteer knows them), capitals and towns
// named more densely as one zooms in).

/* exported geomapBasemap */

function geomapBasemap(map, cfg) {
  "use strict";
  var P = cfg.columns.province, T = cfg.columns.label;
  var group = null;  // the offline basemap: a base layer of the layer control
  var tiles = null;
  var countries = {};  // ISO alpha-2 -> GeoJSON feature
  var provinces = [];
  var labels = [];
  var provinceLayer = L.layerGroup();
  var provinceRenderer = L.canvas({padding: 0.3, pane: "provinces"});
  var provinceShapes = null;
  var loaded = 0;
  var fellBack = false;
  var notice = null;

  var LabelLayer = L.Layer.extend({
    onAdd: function (m) {
      this._box = L.DomUtil.create("div", "gm-labels leaflet-zoom-hide", m.getPane("labels"));
      m.on("zoomend moveend", this._draw, this);
      this._draw();
    },
    onRemove: function (m) {
      m.off("zoomend moveend", this._draw, this);
      L.DomUtil.remove(this._box);
    },
    // Capitals first, then province names (from their zoom on), then towns by population: each placed
    // where it overlaps none placed before it.
    _draw: function () {
      var box = this._box;
      while (box.firstChild) { box.removeChild(box.firstChild); }
      var zoom = map.getZoom();
      var view = map.getBounds().pad(0.05);
      var placed = [];
      var wanted = [];
      labels.forEach(function (row) { if (row[T.capital] && row[T.minZoom] <= zoom) { wanted.push([row, "gm-capital"]); } });
      if (zoom >= cfg.labelZooms.province) {
        provinces.forEach(function (row) { wanted.push([[row[P.name], row[P.lat], row[P.lon]], "gm-province"]); });
      }
      labels.forEach(function (row) { if (!row[T.capital] && row[T.minZoom] <= zoom) { wanted.push([row, "gm-town"]); } });
      for (var k = 0; k < wanted.length && placed.length < cfg.labelZooms.max; k++) {
        var row = wanted[k][0], kind = wanted[k][1];
        if (!view.contains([row[1], row[2]])) { continue; }
        var at = map.latLngToLayerPoint([row[1], row[2]]);
        var width = String(row[0]).length * (kind === "gm-capital" ? 7.5 : 6.5) + 10;
        var rect = kind === "gm-province"
          ? [at.x - width / 2, at.y - 8, at.x + width / 2, at.y + 8]
          : [at.x - 4, at.y - 8, at.x + width, at.y + 8];
        if (placed.some(function (r) { return rect[0] < r[2] && r[0] < rect[2] && rect[1] < r[3] && r[1] < rect[3]; })) {
          continue;
        }
        placed.push(rect);
        var label = L.DomUtil.create("div", "gm-label " + kind, box);
        label.textContent = row[0];
        label.style.left = at.x + "px";
        label.style.top = at.y + "px";
      }
    }
  });
  var labelLayer = new LabelLayer();

  function showProvinces() {
    var want = map.getZoom() >= cfg.labelZooms.province;
    // A province's box when the gazetteer knows it; its radius alone would draw circles across its
    // neighbours, so a province without a box is shown by its name only.
    if (want && !provinceShapes) {
      var style = {renderer: provinceRenderer, interactive: false, color: "#8a8a8a", weight: 1, dashArray: "2 4", fill: false};
      provinceShapes = provinces.filter(function (row) { return row[P.bbox]; }).map(function (row) {
        var bbox = row[P.bbox];
        return L.rectangle([[bbox[1], bbox[0]], [bbox[3], bbox[2]]], style);
      });
      provinceShapes.forEach(function (shape) { provinceLayer.addLayer(shape); });
    }
    if (want && group && !group.hasLayer(provinceLayer)) { group.addLayer(provinceLayer); }
    if (!want && group && group.hasLayer(provinceLayer)) { group.removeLayer(provinceLayer); }
  }

  function fallBack() {
    if (fellBack) { return; }
    fellBack = true;
    if (tiles && map.hasLayer(tiles)) {
      map.removeLayer(tiles);
      if (group) { map.addLayer(group); }
    }
    notice = L.control({position: "bottomright"});
    notice.onAdd = function () {
      var div = L.DomUtil.create("div", "gm-notice");
      div.setAttribute("data-geomap", "tile-notice");
      div.textContent = "Map tiles could not load (offline?): showing the built-in basemap.";
      return div;
    };
    notice.addTo(map);
  }

  map.on("zoomend", showProvinces);

  return {
    /** The offline basemap's layer (a base layer): outlines, provinces and labels go into it. */
    setGroup: function (layer) {
      group = layer;
      group.addLayer(labelLayer);
      showProvinces();
    },
    /** The tile layer: the first tile that fails before any has loaded switches to the offline basemap. */
    setTiles: function (layer) {
      tiles = layer;
      tiles.on("tileload", function () { loaded++; });
      tiles.on("tileerror", function () { if (loaded === 0) { fallBack(); } });
    },
    /** The decoded outlines and provinces. */
    setShapes: function (data) {
      provinces = data.provinces;
      data.countries.features.forEach(function (f) { if (f.properties.iso_a2) { countries[f.properties.iso_a2] = f; } });
      var outlines = L.geoJSON(data.countries, {
        pane: "outlines",
        interactive: false,
        style: function () { return {color: "#8c8c8c", weight: 0.7, fillColor: "#f3f0e8", fillOpacity: 1}; }
      });
      if (group) { group.addLayer(outlines); }
      provinceShapes = null;
      provinceLayer.clearLayers();
      showProvinces();
      if (labelLayer._map) { labelLayer._draw(); }
    },
    setLabels: function (rows) {
      labels = rows;
      if (labelLayer._map) { labelLayer._draw(); }
    },
    country: function (iso) { return countries[iso] || null; },
    /** Province boxes drawn now (only provinces whose box the gazetteer knows have one). */
    provinceBoxes: function () { return group && map.hasLayer(group) && group.hasLayer(provinceLayer) ? provinceLayer.getLayers().length : 0; },
    fellBack: function () { return fellBack; },
    /** Switch to the offline basemap (as the layer control would). */
    useOffline: function () {
      if (tiles && map.hasLayer(tiles)) { map.removeLayer(tiles); }
      if (group && !map.hasLayer(group)) { map.addLayer(group); }
    },
    offline: function () { return Boolean(group && map.hasLayer(group)); }
  };
}
