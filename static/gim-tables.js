// Sortable tables and the MRC filter of the page's data tables (progressive enhancement:
// without this script the tables are complete and readable, in the server's order).
(function () {
  "use strict";

  var section = document.getElementById("data");
  if (!section) { return; }
  var lang = document.documentElement.lang || "fr";
  var collator = new Intl.Collator(lang, { sensitivity: "base", numeric: true });
  var live = document.createElement("p");
  live.className = "gim-visually-hidden";
  live.setAttribute("aria-live", "polite");
  section.appendChild(live);

  function text(name, values) {
    var template = section.getAttribute("data-text-" + name) || "";
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  // "1 234", "92,5 %", "< 0,1 %" (French) or "1,234", "92.5%" (English) as numbers; NaN else.
  function number(cell) {
    var raw = cell.textContent.replace(/[\s\u00a0\u202f<%]/g, "");
    raw = lang === "fr" ? raw.replace(/\./g, "").replace(",", ".") : raw.replace(/,/g, "");
    return /^-?\d+(\.\d+)?$/.test(raw) ? parseFloat(raw) : NaN;
  }

  function compare(numeric) {
    return function (a, b) {
      if (numeric) {
        var x = a.value, y = b.value;
        if (isNaN(x) || isNaN(y)) { return isNaN(x) - isNaN(y); }  // no figure: always last
        return x - y;
      }
      return collator.compare(a.value, b.value);
    };
  }

  function sortBy(table, headers, index, direction) {
    var body = table.tBodies[0];
    var numeric = headers[index].classList.contains("gim-number");
    var rows = Array.prototype.map.call(body.rows, function (row, order) {
      var cell = row.cells[index];
      return { row: row, order: order, value: numeric ? number(cell) : cell.textContent.trim() };
    });
    var byValue = compare(numeric);
    rows.sort(function (a, b) {
      var result = byValue(a, b);
      if (direction === "descending" && !(numeric && (isNaN(a.value) || isNaN(b.value)))) {
        result = -result;
      }
      return result || a.order - b.order;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
    headers.forEach(function (header, other) {
      if (other === index) { header.setAttribute("aria-sort", direction); }
      else { header.removeAttribute("aria-sort"); }
    });
    var name = headers[index].querySelector(".gim-sort-label").textContent;
    live.textContent = text(direction, { column: name });
  }

  function sortable(table) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "gim-sort";
      var label = document.createElement("span");
      label.className = "gim-sort-label";
      while (header.firstChild) { label.appendChild(header.firstChild); }
      button.appendChild(label);
      button.setAttribute("aria-label", text("sort", { column: label.textContent }));
      header.appendChild(button);
      button.addEventListener("click", function () {
        var next = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        sortBy(table, headers, index, next);
      });
    });
  }

  function filterable(table) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var index = headers.findIndex(function (header) { return header.hasAttribute("data-filter"); });
    if (index < 0) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var names = rows.map(function (row) { return row.cells[index].textContent.trim(); });
    var unique = names.filter(function (name, at) { return name && names.indexOf(name) === at; });
    unique.sort(collator.compare);
    var wrap = table.closest(".gim-table-wrap") || table;
    var form = document.createElement("p");
    form.className = "gim-filter";
    var select = document.createElement("select");
    select.id = table.id + "-filter";
    var label = document.createElement("label");
    label.htmlFor = select.id;
    label.textContent = text("filter", {});
    select.appendChild(new Option(text("all", {}), ""));
    unique.forEach(function (name) { select.appendChild(new Option(name, name)); });
    form.appendChild(label);
    form.appendChild(document.createTextNode(" "));
    form.appendChild(select);
    wrap.parentNode.insertBefore(form, wrap);
    select.addEventListener("change", function () {
      var shown = 0;
      rows.forEach(function (row) {
        var keep = !select.value || row.cells[index].textContent.trim() === select.value;
        row.hidden = !keep;
        shown += keep ? 1 : 0;
      });
      // The footer totals the whole area: hidden while only part of it is listed.
      if (table.tFoot) { table.tFoot.hidden = Boolean(select.value); }
      live.textContent = text("shown", { shown: shown, total: rows.length });
    });
  }

  var tables = section.querySelectorAll("table[data-sortable]");
  if (tables.length) {
    var help = document.createElement("p");
    help.className = "gim-note";
    help.textContent = text("help", {});
    var title = document.getElementById("data-title");
    title.parentNode.insertBefore(help, title.nextSibling);
  }
  Array.prototype.forEach.call(tables, function (table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    sortable(table);
    filterable(table);
  });
})();
