/* Decision path (/parcours/): with JavaScript, each answer loads the next step in place.
 *
 * Every step is a static page and every answer a plain link, so the path works without this
 * script. Here, a click on a link that stays inside the path fetches that page and swaps its
 * step into the current one: no reload, the address changes (history.pushState), the back
 * button goes to the previous step, and focus moves to the new heading for screen readers.
 * Any failure (offline, file://, an unexpected page) falls back to normal navigation.
 */
(function () {
  "use strict";

  function step(root) { return root.querySelector(".kb-path"); }

  function pathRoot() {
    var current = step(document);
    var start = current && current.getAttribute("data-path-start");
    // « ../ » on the hosted site, « ../index.html » in the offline build: the folder.
    return start ? new URL(".", new URL(start, location.href)) : null;
  }

  function staysInPath(link, root) {
    if (link.origin !== location.origin || link.target || link.hasAttribute("download")) return false;
    if (!link.pathname.startsWith(root.pathname)) return false;
    var rest = link.pathname.slice(root.pathname.length);
    // Results and the diagram are pages of their own, to cite: open them normally.
    return !/^(resultats|schema)(\/|$)/.test(rest);
  }

  // The page keeps its header, navigation and footer, whose links are relative to the
  // address the page was loaded at: pin them to absolute addresses before the address
  // changes, or « ../aides/ » would point one level too deep. In-page links (#…) stay.
  function pinLinksOutsideStep() {
    document.querySelectorAll("a[href], link[href]").forEach(function (node) {
      var value = node.getAttribute("href");
      if (value.charAt(0) === "#" || node.closest(".kb-path")) return;
      node.setAttribute("href", node.href);
    });
  }

  // « Un autre besoin ? »: each result seen in this tab is remembered under the walk up to
  // its need (sessionStorage: this tab only, nothing is sent). A link to another need whose
  // result was already reached with the same earlier answers then goes straight to it,
  // instead of asking that need's question again. Without the script, or storage, the links
  // stay as built: they ask that one question.
  var STORE = "kb-parcours-besoins";

  function remembered() {
    try { return JSON.parse(sessionStorage.getItem(STORE)) || {}; } catch (error) { return {}; }
  }

  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (node) { node.remove(); });
    return copy.textContent.trim();
  }

  function needs() {
    var box = document.querySelector(".kb-path .kb-path-needs[data-path-need-here]");
    var heading = document.querySelector(".kb-path h1");
    if (!box || !heading) return;
    var seen = remembered();
    var here = new URL(box.getAttribute("data-path-need-here"), location.href).href;
    seen[here] = { url: location.href.split("#")[0], title: headingText(heading) };
    try { sessionStorage.setItem(STORE, JSON.stringify(seen)); } catch (error) { /* private mode */ }
    box.querySelectorAll("a[data-path-need]").forEach(function (link) {
      var found = seen[new URL(link.getAttribute("data-path-need"), location.href).href];
      if (!found || found.url === link.href) return;
      link.setAttribute("href", found.url);
      var what = link.parentNode.querySelector(".kb-path-needs__what");
      if (what) what.textContent = "déjà trouvé dans cet onglet : " + found.title;
    });
  }

  function swap(doc) {
    var next = step(doc);
    var current = step(document);
    if (!next || !current) return false;
    current.replaceWith(document.adoptNode(next));
    var toc = doc.querySelector(".md-sidebar--secondary .md-sidebar__inner");
    var currentToc = document.querySelector(".md-sidebar--secondary .md-sidebar__inner");
    if (toc && currentToc) currentToc.replaceWith(document.adoptNode(toc));
    document.title = doc.title;
    var heading = next.querySelector("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
    window.scrollTo(0, 0);
    needs();
    return true;
  }

  function load(url, push) {
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        if (!step(doc)) throw new Error("not a step of the path");
        // Address first: the new step's relative links resolve against it.
        pinLinksOutsideStep();
        if (push) history.pushState({ kbPath: true }, "", url);
        if (!swap(doc)) throw new Error("no step to replace");
      })
      .catch(function () { location.href = url; });
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) return;
    var link = event.target.closest("a[href]");
    var root = pathRoot();
    if (!link || !root || !link.closest(".kb-path") || !staysInPath(link, root)) return;
    event.preventDefault();
    load(link.href, true);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", needs);
  else needs();

  window.addEventListener("popstate", function () {
    if (pathRoot()) load(location.href, false);
  });
})();
