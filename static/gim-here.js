/* GÎM maps: "what is here" (a click, a tap, or Enter on the keyboard crosshair), the emphasis
 * toggle (share of dwellings / circles of dwellings below the threshold), and the layer
 * control folded on small screens.
 *
 * The panel asks /api/lookup about the point; the municipality's figures are those of the
 * areas layer already drawn. Everything from the service is put in the page as text only.
 */
(function () {
  "use strict";

  var holder = document.getElementById("gim-client");
  var container = document.querySelector(".folium-map");
  var panel = document.getElementById("gim-here");
  if (!holder || !container || !panel || !window[container.id]) return;
  var map = window[container.id];
  var config = JSON.parse(holder.dataset.config);
  var texts = config.texts;
  var locale = config.lang === "en" ? "en-CA" : "fr-CA";
  var numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  var body = panel.querySelector(".gim-here-body");
  var areas = null;
  var marker = null;
  var crosshair = null;
  var circles = null;
  var asked = 0;
  var FAMILY_ORDER = config.families.map(function (pair) { return pair[0]; });
  var FAMILY_NAMES = {};
  config.families.forEach(function (pair) { FAMILY_NAMES[pair[0]] = pair[1]; });

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? values[name] : whole;
    });
  }

  function distance(metres) {
    if (metres === null || metres === undefined) return "—";
    if (metres < 1000) return numbers.format(metres) + "\u00a0m";
    var km = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    return km.format(metres / 1000) + "\u00a0km";
  }

  function speed(service) {
    var unit = "\u00a0" + texts.mbps;
    var pair = service.down_mbps + "/" + service.up_mbps;
    if (service.exact) return pair + unit;
    if (service.below_mbps) {
      return pair + "\u2013" + service.below_mbps.down + "/" + service.below_mbps.up + unit;
    }
    return pair + "+" + unit;
  }

  function pairs(rows) {
    var list = element("dl", "gim-here-pairs");
    rows.forEach(function (row) {
      list.appendChild(element("dt", "", row[0]));
      list.appendChild(element("dd", "", row[1]));
    });
    return list;
  }

  function areaFigures(code) {
    if (!areas) return null;
    var found = null;
    areas.eachLayer(function (layer) {
      if (layer.feature.properties.code === code) found = layer.feature.properties;
    });
    if (!found) return null;
    return pairs(areas._remote.tooltip.rows.map(function (row) { return [row[1], found[row[0]]]; }));
  }

  function where(answer) {
    var nodes = [];
    if (!answer.municipality) {
      var outside = answer.outside_region ? answer.outside_region.distance_m : null;
      nodes.push(element("p", "gim-here-outside", fill(texts.outside, { distance: distance(outside) })));
      return nodes;
    }
    nodes.push(pairs([[texts.municipality, answer.municipality.name], [texts.mrc, answer.mrc.name]]));
    if (answer.snapped_m) {
      nodes.push(element("p", "gim-note", fill(texts.snapped, { distance: distance(answer.snapped_m) })));
    }
    var figures = areaFigures(answer.municipality.code);
    if (figures) nodes.push(figures);
    return nodes;
  }

  function familyTable(nearby) {
    var table = element("table", "gim-here-table");
    var head = element("tr");
    [texts.family, texts.dwellings, texts.best].forEach(function (label) {
      var cell = element("th", "", label);
      cell.scope = "col";
      head.appendChild(cell);
    });
    table.appendChild(element("thead")).appendChild(head);
    var rows = table.appendChild(element("tbody"));
    var sorted = nearby.families.slice().sort(function (a, b) {
      return FAMILY_ORDER.indexOf(a.family) - FAMILY_ORDER.indexOf(b.family);
    });
    sorted.forEach(function (found) {
      var row = element("tr");
      var name = element("th", "", FAMILY_NAMES[found.family] || found.family);
      name.scope = "row";
      row.appendChild(name);
      row.appendChild(element("td", "gim-number", numbers.format(found.dwellings)));
      row.appendChild(element("td", "gim-number", speed(found.best)));
      rows.appendChild(row);
    });
    return table;
  }

  function around(answer) {
    var nearby = answer.nearby;
    var radius = distance(nearby.radius_m);
    var nodes = [element("h3", "", fill(texts.nearby, { radius: radius }))];
    if (!nearby.households) {
      nodes.push(element("p", "", fill(texts.nearby_none, { radius: radius })));
    } else {
      nodes.push(familyTable(nearby));
      nodes.push(element("p", "gim-here-classes", texts.classes));
      nodes.push(pairs(config.classes.map(function (pair) {
        return [pair[1], numbers.format(nearby.dwellings_by_class[pair[0]])];
      })));
    }
    var nearest = answer.nearest_household;
    if (nearest) {
      var label = fill(texts.nearest, { distance: distance(nearest.distance_m),
                                        label: nearest.service_class_label });
      var lte = nearest.lte === true ? texts.lte_yes : nearest.lte === false ? texts.lte_no : texts.lte_unknown;
      nodes.push(element("p", "", label));
      nodes.push(pairs([[texts.lte, lte]]));
    }
    return nodes;
  }

  function render(answer) {
    body.textContent = "";
    var point = answer.latitude.toFixed(4) + ", " + answer.longitude.toFixed(4);
    body.appendChild(element("p", "gim-here-point", fill(texts.point, { point: point })));
    where(answer).concat(around(answer)).forEach(function (node) { body.appendChild(node); });
    if (answer.municipality) {
      var link = element("a", "gim-here-open", fill(texts.open, { name: answer.municipality.name }));
      link.href = config.municipality + encodeURIComponent(answer.municipality.code) + config.query;
      body.appendChild(element("p")).appendChild(link);
      var card = element("a", "gim-here-card", fill(texts.card, { name: answer.municipality.name }));
      card.href = config.report + encodeURIComponent(answer.municipality.code) + ".pdf" + config.query;
      body.appendChild(element("p")).appendChild(card);
    }
  }

  function mark(latlng) {
    if (!map.getPane("gim-here")) map.createPane("gim-here").style.zIndex = 460;
    if (marker) marker.remove();
    marker = L.circleMarker(latlng, { pane: "gim-here", radius: 8, weight: 3, color: "#b45309",
                                      fill: false, interactive: false, className: "gim-here-marker" });
    marker.addTo(map);
  }

  function keepInSight(latlng) {
    // The panel lies over the map's lower left on wide screens: keep the point beside it.
    if (getComputedStyle(panel).position !== "absolute") return;
    map.panInside(latlng, { paddingTopLeft: [panel.offsetWidth + 24, 24], animate: false });
  }

  function here(latlng, byKeyboard) {
    mark(latlng);
    panel.hidden = false;
    if (!byKeyboard) keepInSight(latlng);
    body.textContent = texts.loading;
    var number = ++asked;
    var separator = config.query ? "&" : "?";
    var url = config.lookup + config.query + separator + "lat=" + latlng.lat.toFixed(5) +
              "&lon=" + latlng.lng.toFixed(5) + "&radius_m=" + config.radius;
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (answer) { if (number === asked) render(answer); })
      .catch(function () { if (number === asked) body.textContent = texts.failed; })
      .finally(function () {
        if (byKeyboard) { panel.focus(); } else if (window.innerWidth < 900) {
          panel.scrollIntoView({ block: "nearest" });
        }
      });
  }

  function closePanel() {
    panel.hidden = true;
    if (marker) { marker.remove(); marker = null; }
  }

  function toggleCrosshair(on) {
    if (on && !crosshair) {
      crosshair = element("div", "gim-crosshair");
      crosshair.setAttribute("role", "img");
      crosshair.setAttribute("aria-label", texts.crosshair);
      container.appendChild(crosshair);
      container.setAttribute("aria-description", texts.crosshair);
    } else if (!on && crosshair) {
      crosshair.remove();
      crosshair = null;
    }
  }

  container.addEventListener("keydown", function (event) {
    if (event.target !== container) return;
    if (event.key === "Enter") {
      event.preventDefault();
      if (!crosshair) { toggleCrosshair(true); } else { here(map.getCenter(), true); }
    } else if (event.key === "Escape") {
      toggleCrosshair(false);
      closePanel();
    }
  });
  container.addEventListener("blur", function () { toggleCrosshair(false); });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closePanel(); container.focus(); }
  });
  panel.querySelector(".gim-here-close").addEventListener("click", function () {
    closePanel();
    container.focus();
  });
  map.on("click", function (event) { here(event.latlng, false); });

  /* Emphasis: circles sized by the dwellings below the threshold (area follows the count). */
  var emphasis = document.querySelector(".gim-emphasis");
  var RADIUS_PER_ROOT = config.radius_per_root;

  function drawCircles() {
    if (circles) circles.clearLayers();
    if (!areas || !areas._remote.muted) return;
    if (!map.getPane("gim-circles")) map.createPane("gim-circles").style.zIndex = 445;
    circles = circles || L.layerGroup().addTo(map);
    areas.eachLayer(function (layer) {
      var properties = layer.feature.properties;
      if (!(properties.below_n > 0)) return;
      L.circleMarker([properties.anchor[1], properties.anchor[0]], {
        pane: "gim-circles", radius: Math.max(2, RADIUS_PER_ROOT * Math.sqrt(properties.below_n)),
        color: "#67001f", weight: 1.5, fillColor: "#d6604d", fillOpacity: 0.5,
        interactive: false, className: "gim-circle"
      }).addTo(circles);
    });
  }

  function setEmphasis(value) {
    if (!areas) return;
    areas._remote.muted = value === "below";
    areas.eachLayer(function (layer) { areas.resetStyle(layer); });
    emphasis.querySelector(".gim-emphasis-note").hidden = value !== "below";
    drawCircles();
  }

  if (emphasis) {
    emphasis.hidden = false;
    emphasis.addEventListener("change", function (event) { setEmphasis(event.target.value); });
  }

  // The areas layer may have its data already (this script runs after the map's): find it now,
  // and follow its later loads (another level of detail at another zoom).
  map.eachLayer(function (layer) {
    if (layer._remote && layer._remote.kind === "areas") areas = layer;
  });
  map.on("gimdata", function (event) {
    if (event.kind !== "areas") return;
    areas = event.layer;
    drawCircles();
  });

  /* The layer control: folded behind its button on small screens, opened by a tap. */
  var control = container.querySelector(".leaflet-control-layers");
  if (control) {
    var toggle = control.querySelector(".leaflet-control-layers-toggle");
    if (toggle) { toggle.title = texts.layers; toggle.setAttribute("aria-label", texts.layers); }
    var small = window.matchMedia("(max-width: 700px)");
    var fold = function () {
      if (small.matches) control.classList.remove("leaflet-control-layers-expanded");
      else control.classList.add("leaflet-control-layers-expanded");
    };
    fold();
    small.addEventListener("change", fold);
    map.on("click", function () { if (small.matches) fold(); });
  }

  /* On paper the map is another size: show the same area as on screen. */
  var home = map.getBounds();
  window.addEventListener("beforeprint", function () {
    map.invalidateSize({ animate: false });
    map.fitBounds(home, { animate: false });
  });

  window.GIM = window.GIM || {};
  window.GIM.here = here;
})();
