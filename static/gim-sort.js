// Sortable tables: a click on a column header's button sorts the rows by that column's
// data-sort values (numbers when they all read as numbers), then the other way on a second click.
(function () {
  "use strict";

  function value(row, index) {
    var cell = row.children[index];
    return cell ? cell.getAttribute("data-sort") || cell.textContent : "";
  }

  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var numeric = rows.every(function (row) { var v = value(row, index); return v === "" || !isNaN(Number(v)); });
    rows.sort(function (a, b) {
      var x = value(a, index), y = value(b, index);
      if (numeric) {
        if (x === "") return 1;
        if (y === "") return -1;
        return ascending ? Number(x) - Number(y) : Number(y) - Number(x);
      }
      return ascending ? x.localeCompare(y) : y.localeCompare(x);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(header.parentNode.children, function (other) {
      other.setAttribute("aria-sort", "none");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.gim-sortable").forEach(function (table) {
      Array.prototype.forEach.call(table.tHead.rows[0].children, function (header, index) {
        var button = header.querySelector("button");
        if (button) button.addEventListener("click", function () { sortBy(table, index, header); });
      });
    });
  });
})();
