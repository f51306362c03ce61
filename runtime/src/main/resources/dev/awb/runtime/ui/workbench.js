// The workbench's only script (served by awb ui itself; nothing is fetched from elsewhere).
// data-live="URL" data-every="MS": the element's content is replaced by the HTML fragment at URL every MS ms,
// so tables and charts follow a running study without reloading the page; data-load="now" fetches it at once too
// (for parts slower to compute than the page itself).
// input.filter[data-for=ID]: hides the rows of table ID that do not contain the typed text.
// th.sortable: a click sorts its table by that column (numbers as numbers).
// A live refresh keeps the filter typed and the sort chosen.
"use strict";
(function () {
  function live(el) {
    var every = parseInt(el.getAttribute("data-every") || "2000", 10);
    function tick() {
      fetch(el.getAttribute("data-live"), {cache: "no-store", credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html !== null && html !== el.innerHTML) {
            el.innerHTML = html;
            wire(el);
            reapply(el);
          }
        })
        .catch(function () { /* the server stopped: keep the last view */ })
        .finally(function () { setTimeout(tick, every); });
    }
    setTimeout(tick, el.getAttribute("data-load") === "now" ? 0 : every);
  }
  function filter(input) {
    input.addEventListener("input", function () {
      var table = document.getElementById(input.getAttribute("data-for"));
      if (!table) { return; }
      var text = input.value.toLowerCase();
      table.querySelectorAll("tbody tr").forEach(function (row) {
        row.style.display = row.textContent.toLowerCase().indexOf(text) >= 0 ? "" : "none";
      });
    });
  }
  // The sort chosen per table id, so that a live refresh keeps it.
  var sorted = {};
  function reapply(root) {
    root.querySelectorAll("table[id]").forEach(function (table) {
      var s = sorted[table.id];
      if (s) { sort(table, s.column, s.descending); }
    });
    document.querySelectorAll("input.filter[data-for]").forEach(function (input) {
      if (input.value) { input.dispatchEvent(new Event("input")); }
    });
  }
  function sortable(th) {
    th.addEventListener("click", function () {
      var table = th.closest("table");
      var column = Array.prototype.indexOf.call(th.parentNode.children, th);
      var descending = th.getAttribute("data-sorted") === "asc";
      if (table.id) { sorted[table.id] = {column: column, descending: descending}; }
      sort(table, column, descending);
    });
  }
  function sort(table, column, descending) {
    var th = table.tHead.rows[0].cells[column];
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("data-sorted"); });
    th.setAttribute("data-sorted", descending ? "desc" : "asc");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column] ? a.cells[column].textContent : "";
      var y = b.cells[column] ? b.cells[column].textContent : "";
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return descending ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function fileInput(input) {
    input.addEventListener("change", function () {
      var target = document.getElementById(input.getAttribute("data-into"));
      if (input.files.length && target) {
        input.files[0].text().then(function (text) { target.value = text; });
      }
    });
  }
  function wire(root) {
    root.querySelectorAll("input.filter[data-for]").forEach(filter);
    root.querySelectorAll("th.sortable").forEach(sortable);
    root.querySelectorAll("input[type=file][data-into]").forEach(fileInput);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-live]").forEach(live);
    wire(document);
  });
})();
