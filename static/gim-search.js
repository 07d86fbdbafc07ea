/* GÎM maps: the place search box, an ARIA 1.2 combobox with a listbox of suggestions.
 *
 * Suggestions come from /api/search (the address is in #gim-client's data-config). Enter opens
 * the page of a municipality or MRC; a community point is zoomed to and looked up instead.
 * Names are put in the page with textContent only.
 */
(function () {
  "use strict";

  var box = document.getElementById("gim-search");
  var holder = document.getElementById("gim-client");
  if (!box || !holder) return;
  var config = JSON.parse(holder.dataset.config);
  var input = document.getElementById("gim-search-input");
  var list = document.getElementById("gim-search-list");
  var status = document.getElementById("gim-search-status");
  var hits = [];
  var active = -1;
  var timer = null;
  var asked = 0;
  var enterWaiting = false;  // Enter pressed before the suggestions came: open the first
  box.hidden = false;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function theMap() {
    var container = document.querySelector(".folium-map");
    return container ? window[container.id] : null;
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var options = list.querySelectorAll("[role=option]");
    active = index;
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show(found) {
    hits = found;
    list.textContent = "";
    if (!found.length) {
      list.appendChild(element("li", "gim-search-empty", config.texts.none));
    }
    found.forEach(function (hit, i) {
      var option = element("li", "gim-search-option");
      option.id = "gim-search-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.appendChild(element("span", "gim-search-name", hit.name));
      var where = hit.kind === "mrc" ? hit.kind_label : hit.kind_label + " · " + hit.mrc.name;
      option.appendChild(element("span", "gim-search-kind", where));
      option.addEventListener("mousedown", function (event) { event.preventDefault(); });
      option.addEventListener("click", function () { choose(i); });
      list.appendChild(option);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = found.length ? "" : config.texts.none;
    active = -1;
  }

  function ask() {
    var query = input.value.trim();
    if (!query) { close(); return; }
    var number = ++asked;
    var separator = config.query ? "&" : "?";
    var url = config.search + config.query + separator + "limit=8&q=" + encodeURIComponent(query);
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (answer) {
        if (number !== asked) return;
        show(answer.hits);
        if (enterWaiting && answer.hits.length) choose(0);
        enterWaiting = false;
      })
      .catch(function () { if (number === asked) status.textContent = config.texts.failed; });
  }

  function choose(index) {
    var hit = hits[index];
    if (!hit) return;
    close();
    input.value = hit.name;
    var map = theMap();
    if (hit.point && map) {
      var at = L.latLng(hit.point[1], hit.point[0]);
      map.setView(at, Math.max(map.getZoom(), 12), { animate: false });
      if (window.GIM && window.GIM.here) window.GIM.here(at, true);
      return;
    }
    window.location.href = hit.url;
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 120);
  });

  input.addEventListener("keydown", function (event) {
    var open = !list.hidden && hits.length;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (list.hidden) { ask(); return; }
      if (open) highlight((active + 1) % hits.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (open) highlight(active <= 0 ? hits.length - 1 : active - 1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (open && active >= 0) { choose(active); return; }
      if (!input.value.trim()) return;
      enterWaiting = true;  // the latest suggestions may not have come yet: ask now
      clearTimeout(timer);
      ask();
    } else if (event.key === "Escape") {
      if (!list.hidden) { event.preventDefault(); close(); } else { input.value = ""; }
    }
  });

  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
