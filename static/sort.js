// The institutions' scorecard, sortable by any column: an addition to the table, which reads in
// alphabetical order without it. Each header becomes a button; aria-sort says the order.
(function () {
  "use strict";
  var table = document.getElementById("scorecard");
  if (!table) return;
  var body = table.tBodies[0];
  var collator = new Intl.Collator(document.documentElement.lang || undefined);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var original = Array.prototype.slice.call(body.rows);

  function value(row, i, kind) {
    var text = row.cells[i].textContent.trim();
    return kind === "number" ? parseInt(text.replace(/\D/g, ""), 10) || 0 : text;
  }

  function sort(i, kind, descending) {
    var rows = original.slice();
    if (i > 0 || descending) {
      rows.sort(function (a, b) {
        var x = value(a, i, kind), y = value(b, i, kind);
        var d = kind === "number" ? x - y : collator.compare(x, y);
        return (descending ? -d : d) || original.indexOf(a) - original.indexOf(b);
      });
    }
    rows.forEach(function (r) { body.appendChild(r); });
    headers.forEach(function (h, j) {
      if (j === i) h.setAttribute("aria-sort", descending ? "descending" : "ascending");
      else h.removeAttribute("aria-sort");
    });
  }

  headers.forEach(function (th, i) {
    var kind = th.dataset.sort;
    if (!kind) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () {
      // numbers first from the largest, names from A; a second click turns the order round
      var now = th.getAttribute("aria-sort");
      var descending = now ? now === "ascending" : kind === "number";
      sort(i, kind, descending);
    });
  });
  headers[0].setAttribute("aria-sort", "ascending");
  table.classList.add("sortable");  // on a phone the headers come back as a row of sort buttons
})();
