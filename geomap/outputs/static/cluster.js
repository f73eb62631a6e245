// geomap's marker clustering: a Leaflet layer that draws tens of thousands of points as clusters.
//
// The points are indices into arrays of coordinates. A zoom level's clusters are made when that zoom is
// first drawn (one pass over the points with a grid of cells the size of the cluster radius: each point
// joins the nearest cluster seeded within the radius, or seeds one), so that showing 50,000 points or
// filtering them costs one pass, not one per zoom level. Only the clusters and points in view become
// Leaflet markers. A cluster whose points lie at one spot (or at the deepest zoom) is spread out around
// it ("spiderfied") when clicked.

/* exported geomapClusterLayer */

function geomapClusterLayer(options) {
  "use strict";
  // options: lat, lon (Float64Array, degrees, by point index), radius (px), maxZoom, pane,
  //          pointMarker(i) -> L.Marker (made once per point, reused), clusterIcon(members) -> L.Icon,
  //          tooMany (members past which a click lists them instead of spreading them), onTooMany(members, latlng)
  var n = options.lat.length;
  var x0 = new Float64Array(n);
  var y0 = new Float64Array(n);
  var MAX_LAT = 85.0511287798;
  for (var i = 0; i < n; i++) {
    // Leaflet's EPSG:3857 pixel coordinates at zoom 0 (a 256-pixel world).
    var lat = Math.max(Math.min(options.lat[i], MAX_LAT), -MAX_LAT) * Math.PI / 180;
    x0[i] = 256 * (0.5 + options.lon[i] / 360);
    y0[i] = 256 * (0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI));
  }
  var CELLS = 4194304;  // 2^22 cells a row: enough for the deepest zoom (256 * 2^18 / radius)

  var Layer = L.Layer.extend({
    initialize: function () {
      this._points = new Int32Array(0);
      this._levels = {};
      this._shown = new Map();  // key -> marker on the map
      this._group = L.layerGroup();
      this._spider = null;
    },
    onAdd: function (map) {
      this._group.addTo(map);
      map.on("zoomend moveend", this._render, this);
      map.on("zoomstart click", this.unspiderfy, this);
      this._render();
    },
    onRemove: function (map) {
      this.unspiderfy();
      map.off("zoomend moveend", this._render, this);
      map.off("zoomstart click", this.unspiderfy, this);
      map.removeLayer(this._group);
      this._group.clearLayers();
      this._shown.clear();
    },
    /** Show these points (an Int32Array of indices), and only them. */
    setPoints: function (points) {
      this.unspiderfy();
      this._points = points;
      this._levels = {};
      // A cluster's key names its zoom, number and size: after a change it may name another cluster.
      this._group.clearLayers();
      this._shown.clear();
      if (this._map) { this._render(); }
      return this;
    },
    count: function () { return this._points.length; },
    /** The clusters of a zoom level: their centres and members, and each point's cluster. */
    level: function (zoom) {
      var found = this._levels[zoom];
      if (!found) { found = this._levels[zoom] = makeLevel(this._points, zoom); }
      return found;
    },
    /** Make the point's own marker show (zooming in or spreading out its cluster); returns the marker. */
    showPoint: function (index) {
      var map = this._map;
      var at = L.latLng(options.lat[index], options.lon[index]);
      for (var zoom = Math.max(map.getZoom(), 0); zoom <= options.maxZoom; zoom++) {
        var level = this.level(zoom);
        var c = level.of[index];
        if (c < 0) { return null; }
        if (level.count[c] === 1 || zoom === options.maxZoom || samePlace(members(level, c))) {
          map.setView(at, zoom, {animate: false});
          if (level.count[c] > 1) { this.spiderfy(members(level, c), clusterLatLng(level, c)); }
          return options.pointMarker(index);
        }
      }
      return null;
    },
    spiderfy: function (list, centre) {
      this.unspiderfy();
      var map = this._map;
      var middle = map.latLngToLayerPoint(centre);
      var places = list.length > 8 ? spiral(list.length, middle) : circle(list.length, middle);
      var group = L.layerGroup().addTo(map);
      var moved = [];
      list.forEach(function (index, k) {
        var marker = options.pointMarker(index);
        var to = map.layerPointToLatLng(places[k]);
        moved.push({marker: marker, from: marker.getLatLng()});
        L.polyline([centre, to], {weight: 1.5, color: "#222", opacity: 0.5, interactive: false}).addTo(group);
        marker.setLatLng(to);
        marker.setZIndexOffset(1000);
        group.addLayer(marker);
      });
      this._spider = {group: group, moved: moved};
      this._group.eachLayer(function (m) {
        if (m.geomapCluster && m.getLatLng().equals(centre)) { m.setOpacity(0.3); }
      });
    },
    unspiderfy: function () {
      var spider = this._spider;
      if (!spider) { return; }
      this._spider = null;
      if (this._map) { this._map.removeLayer(spider.group); }
      spider.moved.forEach(function (m) { m.marker.setLatLng(m.from); m.marker.setZIndexOffset(0); });
      this._group.eachLayer(function (m) { if (m.geomapCluster) { m.setOpacity(1); } });
    },
    _render: function () {
      var map = this._map;
      if (!map) { return; }
      var zoom = Math.round(map.getZoom());
      var level = this.level(zoom);
      var bounds = map.getPixelBounds();
      var size = bounds.getSize();
      var scale = Math.pow(2, zoom);
      var minX = bounds.min.x - size.x / 2, maxX = bounds.max.x + size.x / 2;
      var minY = bounds.min.y - size.y / 2, maxY = bounds.max.y + size.y / 2;
      var wanted = new Map();
      var spread = this._spider ? new Set(this._spider.moved.map(function (m) { return m.marker; })) : null;
      for (var c = 0; c < level.clusters; c++) {
        var x = level.sx[c] / level.count[c] * scale, y = level.sy[c] / level.count[c] * scale;
        if (x < minX || x > maxX || y < minY || y > maxY) { continue; }
        var key = level.count[c] === 1 ? "p" + level.head[c] : "c" + zoom + ":" + c + ":" + level.count[c];
        var marker = this._shown.get(key);
        if (!marker) {
          marker = level.count[c] === 1 ? options.pointMarker(level.head[c]) : this._clusterMarker(level, c);
        }
        if (spread && spread.has(marker)) { continue; }
        wanted.set(key, marker);
      }
      var group = this._group;
      this._shown.forEach(function (marker, key) {
        if (!wanted.has(key)) { group.removeLayer(marker); }
      });
      wanted.forEach(function (marker) { if (!group.hasLayer(marker)) { group.addLayer(marker); } });
      this._shown = wanted;
    },
    _clusterMarker: function (level, c) {
      var list = members(level, c);
      var at = clusterLatLng(level, c);
      var marker = L.marker(at, {icon: options.clusterIcon(list), pane: options.pane || "markerPane"});
      marker.geomapCluster = true;
      var self = this;
      marker.on("click", function () {
        var map = self._map;
        if (map.getZoom() >= options.maxZoom || samePlace(list)) {
          if (list.length > options.tooMany) { options.onTooMany(list, at); } else { self.spiderfy(list, at); }
          return;
        }
        var box = L.latLngBounds(list.map(function (k) { return [options.lat[k], options.lon[k]]; }));
        var target = Math.min(map.getBoundsZoom(box, false, L.point(60, 60)), options.maxZoom);
        if (target <= map.getZoom()) {
          map.setView(at, map.getZoom() + 1);
        } else {
          map.fitBounds(box, {padding: [30, 30], maxZoom: target});
        }
      });
      return marker;
    }
  });

  function makeLevel(points, zoom) {
    var r = options.radius;
    var scale = Math.pow(2, zoom);
    var cells = new Map();
    var seedX = [], seedY = [];
    var m = points.length;
    var sx = new Float64Array(m), sy = new Float64Array(m);
    var count = new Int32Array(m), head = new Int32Array(m), tail = new Int32Array(m);
    var next = new Int32Array(n).fill(-1);
    var of = new Int32Array(n).fill(-1);
    var clusters = 0;
    for (var k = 0; k < m; k++) {
      var p = points[k];
      var px = x0[p] * scale, py = y0[p] * scale;
      var gx = Math.floor(px / r), gy = Math.floor(py / r);
      var best = -1, bestD = r * r;
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          var list = cells.get((gx + dx) * CELLS + gy + dy);
          if (!list) { continue; }
          for (var j = 0; j < list.length; j++) {
            var c = list[j];
            var ex = seedX[c] - px, ey = seedY[c] - py;
            var d = ex * ex + ey * ey;
            if (d < bestD || (d === bestD && best < 0)) { bestD = d; best = c; }
          }
        }
      }
      if (best < 0) {
        best = clusters++;
        seedX.push(px); seedY.push(py);
        var key = gx * CELLS + gy;
        var cell = cells.get(key);
        if (cell) { cell.push(best); } else { cells.set(key, [best]); }
        head[best] = p;
      } else {
        next[tail[best]] = p;
      }
      tail[best] = p;
      count[best]++;
      sx[best] += x0[p];
      sy[best] += y0[p];
      of[p] = best;
    }
    return {clusters: clusters, sx: sx, sy: sy, count: count, head: head, next: next, of: of};
  }
  function members(level, c) {
    var out = [];
    for (var p = level.head[c]; p >= 0 && out.length < level.count[c]; p = level.next[p]) { out.push(p); }
    return out;
  }
  function clusterLatLng(level, c) {
    var x = level.sx[c] / level.count[c], y = level.sy[c] / level.count[c];
    var lon = (x / 256 - 0.5) * 360;
    var lat = (2 * Math.atan(Math.exp((0.5 - y / 256) * 2 * Math.PI)) - Math.PI / 2) * 180 / Math.PI;
    return L.latLng(lat, lon);
  }
  function samePlace(list) {
    for (var k = 1; k < list.length; k++) {
      if (Math.abs(x0[list[k]] - x0[list[0]]) > 1e-9 || Math.abs(y0[list[k]] - y0[list[0]]) > 1e-9) { return false; }
    }
    return true;
  }
  // Where spread-out markers go (the layout of Leaflet.markercluster's spiderfier).
  function circle(count, middle) {
    var radius = Math.max(35, 25 * (2 + count) / (2 * Math.PI));
    var out = [];
    for (var k = 0; k < count; k++) {
      var angle = 2 * Math.PI * k / count;
      out.push(L.point(middle.x + radius * Math.cos(angle), middle.y + 10 + radius * Math.sin(angle)).round());
    }
    return out;
  }
  function spiral(count, middle) {
    var legLength = 11, angle = 0, out = [];
    for (var k = count; k >= 0; k--) {
      if (k < count) { out[k] = L.point(middle.x + legLength * Math.cos(angle), middle.y + legLength * Math.sin(angle)).round(); }
      angle += 28 / legLength + k * 0.0005;
      legLength += 5 * 2 * Math.PI / angle;
    }
    return out;
  }
  return new Layer();
}
