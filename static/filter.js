// The all-measures table, narrowed as you choose: an addition to the filter pages, which work without it.
// Every row carries data-status, data-level, data-section, data-due and data-institution (the ids of
// its implementers only); data-recommended (the bodies it is only recommended to) is kept apart and
// has no select here, so an institution with the status "not completed by the deadline" finds an
// implementer's late measures.
//
// On the table of all measures the form combines any filters, and its choice is the page's address
// (?section=8&due=2017&institution=…), so it can be sent, and Back, reload and an opened link all show
// what the address says. On a filter page (one filter, pre-built) the links of the other groups get
// the counts within this page's list and lead to that combination on the table of all measures.
(function () {
  "use strict";
  var table = document.querySelector("table.all-measures");
  var nav = document.querySelector("nav.filters");
  var rows = table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];

  function matches(tr, name, value) {  // each filter is named after the row attribute it tests
    return (tr.dataset[name] || "").split(" ").indexOf(value) >= 0;
  }

  var form = document.getElementById("live-filter");
  if (form && table) {
    var shown = form.querySelector(".shown");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var link = form.querySelector(".selection-link");

    var fromAddress = function () {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (s) {
        var wanted = params.get(s.name) || "";
        var known = Array.prototype.some.call(s.options, function (o) { return o.value === wanted; });
        s.value = known ? wanted : "";
      });
      // ?late=1, from before the status select did the same, is that status
      if (params.get("late") === "1" && !params.get("status")) form.elements.status.value = "late";
    };

    var query = function () {
      var params = new URLSearchParams();
      selects.forEach(function (s) { if (s.value) params.set(s.name, s.value); });
      var text = params.toString();
      return text ? "?" + text : "";
    };

    // An empty choice is never a bare nought: with a status chosen, say how the measures that fit
    // the other choices stand (the pre-built lists of a body do the same).
    var empty = form.querySelector(".empty-choice");
    var explain = function (count) {
      empty.hidden = count > 0;
      if (count > 0) return;
      var status = form.elements.status;
      if (!status.value) { empty.textContent = empty.dataset.none; return; }
      var others = rows.filter(function (tr) {
        return selects.every(function (s) { return s === status || !s.value || matches(tr, s.name, s.value); });
      });
      var parts = Array.prototype.slice.call(status.options, 1).map(function (o) {
        var n = others.filter(function (tr) { return tr.dataset.status === o.value; }).length;
        return o.textContent.trim() + ": " + n;
      });
      empty.textContent = empty.dataset.others.replace("{list}", function () { return parts.join("; "); });
    };

    var apply = function () {
      var count = 0;
      rows.forEach(function (tr) {
        var ok = selects.every(function (s) { return !s.value || matches(tr, s.name, s.value); });
        tr.hidden = !ok;
        if (ok) count += 1;
      });
      shown.textContent = shown.dataset.template.replace("{shown}", function () { return String(count); });
      explain(count);
      var q = query();
      link.href = window.location.pathname + q;
      link.hidden = !q;
      return q;
    };

    form.hidden = false;
    form.setAttribute("autocomplete", "off");
    if (nav) {  // the form does what the link lists of its groups do; the recommended bodies' lists stay, after it
      Array.prototype.forEach.call(nav.querySelectorAll("details[data-group]"), function (d) {
        if (form.elements[d.dataset.group]) d.hidden = true;
      });
      nav.querySelector(".hint").hidden = true;
      table.parentNode.insertBefore(nav, table.nextSibling);
    }
    form.addEventListener("change", function () {
      var q = apply();
      window.history.replaceState(null, "", window.location.pathname + q + window.location.hash);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    // After Back or a reload the browser may put back the form's old values after this script ran:
    // the address is what the page shows, every time it is shown.
    window.addEventListener("pageshow", function () { fromAddress(); apply(); });
    fromAddress();
    apply();
    return;
  }

  if (!nav || !table || !nav.dataset.viewGroup) return;
  // A filter page: its own filter as the table's parameters (a body's late list: its measures, late).
  var own = {};
  var group = nav.dataset.viewGroup, value = nav.dataset.viewValue;
  var verdicts = {"late": "late", "body-completed": "completed", "body-unknown": "unknown", "body-due": "due"};
  if (verdicts[group]) { own.institution = value; own.status = verdicts[group]; } else if (group !== "recommended") { own[group] = value; }
  if (group === "recommended") return;  // the table's form has no recommended bodies to combine with
  Array.prototype.forEach.call(nav.querySelectorAll("a[data-group]"), function (a) {
    var name = a.dataset.group;
    if (name === group || (verdicts[group] && (name === "institution" || name === "status"))) return;  // its own groups: the other lists
    var count = rows.filter(function (tr) { return matches(tr, name, a.dataset.value); }).length;
    var number = a.parentNode.querySelector(".count");
    if (number) number.textContent = "(" + count + ")";
    if (!count) {  // no link to an empty list
      a.removeAttribute("href");
      a.classList.add("empty");
      return;
    }
    var params = new URLSearchParams(own);
    params.set(name, a.dataset.value);
    a.href = nav.dataset.all + "?" + params.toString();
  });
  var hint = nav.querySelector(".hint-within");
  if (hint) hint.hidden = false;
})();
