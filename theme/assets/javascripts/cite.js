/* « Citer cette page » and the printed address: the reader's date of consultation, the
   page's full address when the site was built without its public address (the page then
   knows only its path), and a button that copies each reference. */
(function () {
  "use strict";
  var today = new Date().toLocaleDateString("fr-BE", { day: "numeric", month: "long", year: "numeric" });
  document.querySelectorAll(".kb-today").forEach(function (node) { node.textContent = today; });

  // A file:// address (the offline copy) is no address to cite: the path stays as it is.
  if (location.protocol === "http:" || location.protocol === "https:") {
    var here = location.origin + location.pathname;
    document.querySelectorAll(".kb-cite-url[data-path]").forEach(function (node) {
      node.textContent = here;
    });
  }

  var status = document.querySelector(".kb-cite-status");

  function announce(message) {
    if (!status) { return; }
    // Emptied first, so that a second copy is announced again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function copyWithSelection(text) {
    // Without the asynchronous clipboard (a page not served over HTTPS or localhost).
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyWithSelection(text); });
    }
    return copyWithSelection(text);
  }

  document.querySelectorAll(".kb-cite-copy").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      // Line breaks of the HTML source collapse; the no-break spaces of French typography stay.
      var text = source.textContent.replace(/[ \t\r\n]+/g, " ").trim();
      copy(text).then(function () {
        announce(button.getAttribute("data-copy") === "kb-cite-page"
          ? "Référence de cette page copiée."
          : "Référence du rapport copiée.");
      }, function () {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        announce("Copie impossible : la référence est sélectionnée, copiez-la avec Ctrl+C.");
      });
    });
  });
})();
