/* GÎM gap maps: GeoJSON layers fetched from the service at the detail the zoom needs.
 *
 * The server renders the page with folium; each data layer is created by
 * GIM.remoteLayer(options) (see app/maps/builders.py for the options). Feature
 * properties are only ever put in the page with textContent, never as HTML.
 */
(function () {
  "use strict";

  var PANES = { areas: 410, cells: 420, outlines: 430, points: 440 };

  function levelFor(levels, zoom) {
    for (var i = 0; i < levels.length; i++) {
      if (zoom <= levels[i]) return i;
    }
    return levels.length - 1;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function tooltipContent(properties, tooltip) {
    var box = element("div", "gim-tooltip-body");
    if (tooltip.title) box.appendChild(element("strong", "", properties[tooltip.title]));
    if (tooltip.subtitle) box.appendChild(element("div", "gim-tooltip-sub", properties[tooltip.subtitle]));
    if (tooltip.rows.length) {
      var list = element("dl", "");
      tooltip.rows.forEach(function (row) {
        list.appendChild(element("dt", "", row[1]));
        list.appendChild(element("dd", "", properties[row[0]]));
      });
      box.appendChild(list);
    }
    return box;
  }

  function pathStyle(options, feature) {
    var properties = feature.properties;
    if (options.kind === "outlines") {
      return { color: options.colour, weight: 2, fill: false, interactive: false };
    }
    if (options.kind === "cells") {  // drawn over the areas but not in the way of their pointer
      return { fillColor: options.palette[properties.cls], fillOpacity: 0.6,
               color: "#3f007d", weight: 0.5, className: "gim-cell", interactive: false };
    }
    if (options.kind === "points") {
      return { radius: 3.5, weight: 1, color: "#333333", fillOpacity: 1,
               fillColor: options.palette[properties.cls], className: "gim-point" };
    }
    var focus = options.focus;
    var inFocus = !focus || properties[focus.field] === focus.value;
    var isFocus = focus && focus.field === "code" && inFocus;
    // Light enough for the base map's place names to show through; muted under the circles.
    // An area of very few homes is hatched in its class colour (patterns: templates/here.html).
    var opacity = options.muted ? 0.12 : (inFocus ? 0.55 : 0.25);
    var hatched = properties.sparse && !options.muted && document.getElementById("gim-hatch-0");
    return { fillColor: hatched ? "url(#gim-hatch-" + properties.cls + ")" : options.palette[properties.cls],
             fillOpacity: hatched ? (inFocus ? 0.9 : 0.5) : opacity,
             color: isFocus ? "#000000" : (properties.sparse ? "#333333" : "#ffffff"),
             weight: isFocus ? 3 : (properties.sparse ? 1.2 : 0.8),
             dashArray: properties.sparse && !isFocus ? "5 4" : null,
             className: "gim-area" + (properties.sparse ? " gim-sparse" : "") };
  }

  function pending(map, change) {
    var container = map.getContainer();
    var count = Number(container.dataset.gimPending || 0) + change;
    container.dataset.gimPending = String(count);
  }

  var RemoteLayer = L.GeoJSON.extend({
    initialize: function (options) {
      var pane = "gim-" + options.kind;
      this._remote = options;
      this._level = null;
      L.GeoJSON.prototype.initialize.call(this, null, {
        pane: pane,
        interactive: options.kind !== "cells",
        attribution: options.attribution,
        style: function (feature) { return pathStyle(options, feature); },
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, L.extend({ pane: pane }, pathStyle(options, feature)));
        },
        onEachFeature: function (feature, layer) { this._bind(feature, layer); }.bind(this)
      });
    },

    onAdd: function (map) {
      if (!map.getPane(this.options.pane)) {
        map.createPane(this.options.pane).style.zIndex = PANES[this._remote.kind];
      }
      L.GeoJSON.prototype.onAdd.call(this, map);
      map.on("zoomend", this._refresh, this);
      this._refresh();
    },

    onRemove: function (map) {
      map.off("zoomend", this._refresh, this);
      L.GeoJSON.prototype.onRemove.call(this, map);
    },

    _bind: function (feature, layer) {
      var options = this._remote;
      if (options.tooltip && options.kind !== "cells") {
        layer.bindTooltip(function () { return tooltipContent(feature.properties, options.tooltip); },
                          { sticky: true, className: "gim-tooltip" });
      }
      if (options.kind === "areas") {
        layer.on("add", function () { layer.getElement().setAttribute("data-code", feature.properties.code); });
        layer.on("mouseover", function () { layer.setStyle({ weight: 3 }); layer.bringToFront(); });
        layer.on("mouseout", function () { layer.setStyle(pathStyle(options, feature)); });
      }
      if (options.link) {
        layer.on("click", function () { window.location.href = feature.properties[options.link]; });
      }
    },

    _refresh: function () {
      var map = this._map;
      var level = levelFor(this._remote.levels, map.getZoom());
      if (level === this._level) return;
      this._level = level;
      var self = this;
      pending(map, 1);
      fetch(this._remote.url.replace("{level}", String(level)), { headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status + " " + response.url);
          return response.json();
        })
        .then(function (data) {
          if (level !== self._level) return;
          self.clearLayers();
          self.addData(data);
          map.fire("gimdata", { kind: self._remote.kind, layer: self });
        })
        .catch(function (error) {
          map.getContainer().dataset.gimError = String(error);
          console.error("GIM layer", self._remote.kind, error);
        })
        .finally(function () { pending(map, -1); });
    }
  });

  window.GIM = {
    levelFor: levelFor,
    panes: PANES,
    pathStyle: pathStyle,
    tooltipContent: tooltipContent,
    pending: pending,
    // A layer too large to send whole comes as vector tiles (static/gim-tiles.js).
    remoteLayer: function (options) {
      return options.tiles ? GIM.tileLayer(options) : new RemoteLayer(options);
    }
  };
})();
