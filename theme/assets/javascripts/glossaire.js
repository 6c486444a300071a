/* Glossary definitions on any screen: each first mention of a term links to the glossary
 * and carries its definition (data-definition, see generator/glossary.py). The definition
 * opens on keyboard focus and mouse hover, and on a first tap on a touch screen (a second
 * tap follows the link); Escape closes it (WCAG 1.4.13). Without JavaScript the link
 * leads to the definition. */
(function () {
  "use strict";
  var terms = document.querySelectorAll("a.kb-term[data-definition]");
  if (!terms.length) return;
  var popover = document.createElement("div");
  popover.className = "kb-popover";
  popover.id = "kb-term-popover";
  popover.setAttribute("role", "tooltip");
  popover.hidden = true;
  document.body.appendChild(popover);
  var current = null;
  var openBeforeTap = false;

  function show(term) {
    if (current && current !== term) current.removeAttribute("aria-describedby");
    current = term;
    popover.textContent = term.getAttribute("data-definition"); // text, never HTML
    popover.hidden = false;
    // The definition is in the popover now: described once, not twice.
    term.setAttribute("aria-describedby", popover.id);
    var rect = term.getBoundingClientRect();
    var margin = 8;
    var width = Math.min(popover.offsetWidth, document.documentElement.clientWidth - 2 * margin);
    var left = Math.max(margin, Math.min(rect.left, document.documentElement.clientWidth - width - margin));
    popover.style.left = (left + window.scrollX) + "px";
    popover.style.top = (rect.bottom + window.scrollY + 4) + "px";
  }

  function hide() {
    popover.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  terms.forEach(function (term) {
    term.addEventListener("focus", function () { show(term); });
    term.addEventListener("blur", function () { if (current === term) hide(); });
    term.addEventListener("mouseenter", function () { show(term); });
    term.addEventListener("mouseleave", function () {
      if (current === term && document.activeElement !== term) hide();
    });
    term.addEventListener("pointerdown", function (event) {
      openBeforeTap = event.pointerType !== "mouse" && current === term && !popover.hidden;
    });
    term.addEventListener("click", function (event) {
      // A first tap opens the definition; the next one follows the link.
      if (event.pointerType && event.pointerType !== "mouse" && !openBeforeTap) {
        event.preventDefault();
        show(term);
        openBeforeTap = true;
      }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !popover.hidden) hide();
  });
  window.addEventListener("resize", function () { if (current) show(current); });
})();
