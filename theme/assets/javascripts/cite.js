/* « Citer cette page »: fill in the reader's date of consultation (the page is static). */
(function () {
  "use strict";
  var today = new Date().toLocaleDateString("fr-BE", { day: "numeric", month: "long", year: "numeric" });
  document.querySelectorAll(".kb-today").forEach(function (node) { node.textContent = today; });
})();
