// The language switch leads to the same place on the other language's page: the note (#id, the
// same in both languages), the search (?q=) and the table's choice (?section=…) come along.
(function () {
  "use strict";
  var link = document.querySelector("a.switch");
  if (!link) return;
  var target = link.getAttribute("href").split(/[?#]/)[0];
  function follow() { link.setAttribute("href", target + window.location.search + window.location.hash); }
  ["focus", "pointerdown", "mouseover", "click"].forEach(function (e) { link.addEventListener(e, follow); });
  window.addEventListener("hashchange", follow);
  follow();
})();
