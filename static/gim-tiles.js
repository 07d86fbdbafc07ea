/* GÎM gap maps: a layer too large to send whole, drawn from vector tiles (/tiles).
 *
 * GIM.remoteLayer (static/gim-map.js) hands a layer whose options carry "tiles" (the address
 * template) and "tileLayer" (the layer's name in the tiles) to GIM.tileLayer. The tiles are
 * drawn by Leaflet.VectorGrid (npm, installed by make), with the same styles and tooltips as
 * the GeoJSON layers. Properties are only ever put in the page with textContent.
 */
(function () {
  "use strict";

  var TiledLayer = L.VectorGrid.Protobuf.extend({
    onAdd: function (map) {
      var pane = this.options.pane;
      if (!map.getPane(pane)) map.createPane(pane).style.zIndex = GIM.panes[this._remote.kind];
      L.VectorGrid.Protobuf.prototype.onAdd.call(this, map);
    },

    // Leaflet's redraw() asks tiles at the map's zoom as it is, which may be fractional (the
    // maps snap to quarters): tiles exist at whole zooms only.
    _clampZoom: function (zoom) {
      return Math.round(L.VectorGrid.Protobuf.prototype._clampZoom.call(this, zoom));
    },

    // What static/gim-here.js asks of the areas layer, as of a GeoJSON one: each municipality
    // drawn (once, in whichever tile), with its properties and its emphasis anchor.
    eachLayer: function (callback) {
      var seen = {};
      Object.keys(this._vectorTiles || {}).forEach(function (key) {
        var features = this._vectorTiles[key]._features || {};
        Object.keys(features).forEach(function (id) {
          if (seen[id]) return;
          seen[id] = true;
          var properties = L.extend({}, features[id].feature.properties);
          properties.anchor = [properties.anchor_lon, properties.anchor_lat];
          callback({ feature: { properties: properties } });
        });
      }, this);
      return this;
    },

    // Styles are read when tiles are drawn: a change of style (emphasis) draws them again, once.
    resetStyle: function () {
      var self = this;
      if (!self._restyling) {
        self._restyling = setTimeout(function () { self._restyling = null; self.redraw(); }, 0);
      }
      return this;
    },

    // Counted as pending while it loads, as the GeoJSON layers are; an error is kept in sight.
    _getVectorTilePromise: function (coords) {
      var map = this._map;
      GIM.pending(map, 1);
      var self = this;
      return L.VectorGrid.Protobuf.prototype._getVectorTilePromise.call(this, coords)
        .then(function (tile) {
          // Once VectorGrid has drawn the tile's features (its own continuation runs first).
          setTimeout(function () {
            map.fire("gimdata", { kind: self._remote.kind, layer: self });
            GIM.pending(map, -1);
          }, 0);
          return tile;
        }, function (error) {
          map.getContainer().dataset.gimError = String(error);
          console.error("GIM tiles", self._remote.kind, error);
          GIM.pending(map, -1);
          return { layers: [] };
        });
    }
  });

  function bind(layer, options) {
    var tooltip = L.tooltip({ sticky: true, className: "gim-tooltip", direction: "auto" });
    var shown = null;
    function styleOf(properties) { return GIM.pathStyle(options, { properties: properties }); }
    layer.on("mouseover", function (event) {
      var properties = event.layer.properties;
      if (shown !== null) layer.resetFeatureStyle(shown);
      shown = properties.code;
      layer.setFeatureStyle(shown, L.extend(styleOf(properties), { weight: 3 }));
      tooltip.setContent(GIM.tooltipContent(properties, options.tooltip));
      tooltip.setLatLng(event.latlng).addTo(layer._map);
    });
    layer.on("mousemove", function (event) { tooltip.setLatLng(event.latlng); });
    layer.on("mouseout", function () {
      if (shown !== null) layer.resetFeatureStyle(shown);
      shown = null;
      tooltip.remove();
    });
    if (options.link) {
      layer.on("click", function (event) { window.location.href = event.layer.properties[options.link]; });
    }
  }

  GIM.tileLayer = function (options) {
    var styles = {};
    styles[options.tileLayer] = function (properties) {
      return L.extend(GIM.pathStyle(options, { properties: properties }), { fill: true });
    };
    var interactive = options.kind === "areas";
    var layer = new TiledLayer(options.tiles, {
      pane: "gim-" + options.kind,
      rendererFactory: L.svg.tile,
      vectorTileLayerStyles: styles,
      interactive: interactive,
      attribution: options.attribution,
      getFeatureId: function (feature) { return feature.properties.code; },
      fetchOptions: { headers: { Accept: "application/vnd.mapbox-vector-tile" } },
      maxNativeZoom: 20
    });
    layer._remote = options;
    if (interactive) bind(layer, options);
    return layer;
  };
})();
