// geomap's areas: incidents known only to a province or a country are drawn as that area, shaded, lighter
// than a point. One canvas draws every area in view (a province's box when the gazetteer knows it, else a
// circle of its extent; a country's outline), darker the more incidents it holds; a click on an area lists
// its incidents. Thousands of areas cost one drawing pass, not thousands of Leaflet layers.

/* exported geomapAreaLayer */

function geomapAreaLayer(options) {
  "use strict";
  // options: shape(k) -> {kind: "circle", lat, lon, radius} | {kind: "box", bbox: [w, s, e, n]} |
  //          {kind: "outline", geometry} ; label(k, count) -> text ; onClick(k, latlng) ;
  //          crowd: past this many areas in view, they are drawn coarser
  var EARTH = 40075016.686;  // metres round the equator
  var shapes = {};

  function shapeOf(k) {
    if (!shapes[k]) {
      var s = options.shape(k);
      if (s.kind === "circle") {
        var dLat = s.radius / 111320, dLon = dLat / Math.max(Math.cos(s.lat * Math.PI / 180), 0.01);
        s.bounds = L.latLngBounds([s.lat - dLat, s.lon - dLon], [s.lat + dLat, s.lon + dLon]);
      } else if (s.kind === "box") {
        s.bounds = L.latLngBounds([s.bbox[1], s.bbox[0]], [s.bbox[3], s.bbox[2]]);
      } else {
        s.polygons = s.geometry.type === "Polygon" ? [s.geometry.coordinates] : s.geometry.coordinates;
        s.bounds = L.geoJSON(s.geometry).getBounds();
      }
      shapes[k] = s;
    }
    return shapes[k];
  }
  function inside(s, latlng) {
    if (s.kind === "circle") { return L.latLng(s.lat, s.lon).distanceTo(latlng) <= s.radius; }
    if (!s.bounds.contains(latlng)) { return false; }
    if (s.kind === "box") { return true; }
    var x = latlng.lng, y = latlng.lat, hit = false;
    s.polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {  // even-odd: holes cancel
        for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
          if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) { hit = !hit; }
        }
      });
    });
    return hit;
  }

  var Layer = L.Layer.extend({
    initialize: function () {
      this._members = {};
      this._keys = [];
      this._hovered = -1;
      this._tooltip = L.tooltip({sticky: true, direction: "top", offset: [0, -6]});
    },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "gm-areas leaflet-zoom-hide", this.getPane());
      map.on("moveend zoomend resize", this._draw, this);
      map.on("click", this._click, this);
      map.on("mousemove", this._hover, this);
      map.on("mouseout", this._leave, this);
      this._draw();
    },
    onRemove: function (map) {
      map.off("moveend zoomend resize", this._draw, this);
      map.off("click", this._click, this);
      map.off("mousemove", this._hover, this);
      map.off("mouseout", this._leave, this);
      this._leave();
      L.DomUtil.remove(this._canvas);
      if (this._pending) { cancelAnimationFrame(this._pending); this._pending = null; }
    },
    /** The incidents of each area shown: {area index: [incident indices]}. */
    setMembers: function (members) {
      this._members = members;
      this._keys = Object.keys(members).map(Number).sort(function (a, b) { return a - b; });
      if (this._map) { this._draw(); }
      return this;
    },
    /** Forget the shapes made so far (a country's outline has become known). */
    reshape: function () {
      shapes = {};
      if (this._map) { this._draw(); }
    },
    count: function () { return this._keys.length; },
    /** The area drawn topmost under ``latlng``, or -1. */
    at: function (latlng) {
      for (var n = this._keys.length - 1; n >= 0; n--) {
        if (inside(shapeOf(this._keys[n]), latlng)) { return this._keys[n]; }
      }
      return -1;
    },
    /** A point of area ``k`` to click on: its centre when that lies in it. */
    centre: function (k) { return shapeOf(k).bounds.getCenter(); },
    // Drawn in the next frame: the markers show first, and several changes cost one drawing.
    _draw: function () {
      var self = this;
      if (this._pending) { return; }
      this._pending = requestAnimationFrame(function () { self._pending = null; if (self._map) { self._paint(); } });
    },
    _paint: function () {
      var map = this._map;
      var size = map.getSize();
      var view = map.getBounds().pad(0.1);
      var visible = this._keys.filter(function (k) { return view.intersects(shapeOf(k).bounds); });
      // Thousands of overlapping areas: drawn at half resolution, without outlines (dashed outlines and
      // overlapping fills cost seconds of software rasterising; a few areas keep both).
      var crowded = visible.length > options.crowd;
      var ratio = (window.devicePixelRatio || 1) * (crowded ? 0.5 : 1);
      var canvas = this._canvas;
      var origin = map.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(canvas, origin);
      canvas.width = Math.round(size.x * ratio);
      canvas.height = Math.round(size.y * ratio);
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
      var ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, -origin.x * ratio, -origin.y * ratio);
      var metresPerPixel = EARTH / (256 * Math.pow(2, map.getZoom()));
      var members = this._members;
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 1.2;
      ctx.strokeStyle = "rgba(74,90,106,0.9)";
      visible.forEach(function (k) {
        var s = shapeOf(k);
        ctx.beginPath();
        if (s.kind === "circle") {
          var centre = map.latLngToLayerPoint([s.lat, s.lon]);
          ctx.arc(centre.x, centre.y, s.radius / (metresPerPixel * Math.cos(s.lat * Math.PI / 180)), 0, 2 * Math.PI);
        } else if (s.kind === "box") {
          var a = map.latLngToLayerPoint([s.bbox[3], s.bbox[0]]), b = map.latLngToLayerPoint([s.bbox[1], s.bbox[2]]);
          ctx.rect(a.x, a.y, b.x - a.x, b.y - a.y);
        } else {
          s.polygons.forEach(function (polygon) {
            polygon.forEach(function (ring) {
              ring.forEach(function (point, i) {
                var p = map.latLngToLayerPoint([point[1], point[0]]);
                if (i) { ctx.lineTo(p.x, p.y); } else { ctx.moveTo(p.x, p.y); }
              });
              ctx.closePath();
            });
          });
        }
        // Lighter than a point: more incidents, a little darker.
        var opacity = Math.min(0.32, 0.1 + 0.04 * Math.log2(members[k].length));
        ctx.fillStyle = "rgba(107,141,181," + opacity.toFixed(3) + ")";
        ctx.fill("evenodd");
        if (!crowded) { ctx.stroke(); }
      });
      this._painted = visible.length;
    },
    _click: function (event) {
      var k = this.at(event.latlng);
      if (k >= 0) { options.onClick(k, event.latlng); }
    },
    _hover: function (event) {
      var k = this.at(event.latlng);
      var map = this._map;
      map.getContainer().style.cursor = k >= 0 ? "pointer" : "";
      if (k < 0) { this._leave(); return; }
      this._tooltip.setLatLng(event.latlng);
      if (k !== this._hovered) {
        this._hovered = k;
        this._tooltip.setContent(options.label(k, (this._members[k] || []).length));
      }
      if (!map.hasLayer(this._tooltip)) { map.openTooltip(this._tooltip); }
    },
    _leave: function () {
      this._hovered = -1;
      if (this._map) {
        this._map.getContainer().style.cursor = "";
        this._map.closeTooltip(this._tooltip);
      }
    }
  });
  return new Layer();
}
