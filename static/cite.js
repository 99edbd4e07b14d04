// "Copy" buttons for the citations on a measure page; without JavaScript the text is there to select.
(function () {
  "use strict";
  function copied(button) {
    var label = button.textContent;
    button.textContent = button.dataset.done;
    setTimeout(function () { button.textContent = label; }, 2000);
  }
  function fallback(text, button) {  // older browsers, and pages not served over https
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    if (document.execCommand("copy")) copied(button);
    document.body.removeChild(area);
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent.trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { copied(button); }, function () { fallback(text, button); });
      } else {
        fallback(text, button);
      }
    });
  });
})();
