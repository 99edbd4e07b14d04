// The all-measures table, narrowed as you choose: an addition to the filter pages, which work without it.
// Every row carries data-status, data-level, data-section, data-due, data-institution (the ids of its
// implementers only) and data-late; data-recommended (the bodies it is only recommended to) is kept
// apart and has no select here, so "institution" with "late only" finds an implementer's late measures.
(function () {
  "use strict";
  var form = document.getElementById("live-filter");
  var table = document.querySelector("table.all-measures");
  if (!form || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var shown = form.querySelector(".shown");

  function apply() {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var lateOnly = form.elements.late.checked;
    var count = 0;
    rows.forEach(function (tr) {
      var d = tr.dataset;
      var ok = selects.every(function (s) {  // each select is named after the row attribute it tests
        return !s.value || (d[s.name] || "").split(" ").indexOf(s.value) >= 0;
      }) && (!lateOnly || d.late === "1");
      tr.hidden = !ok;
      if (ok) count += 1;
    });
    shown.textContent = shown.dataset.template.replace("{shown}", String(count));
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
