/* Catalogue filters: combine facets (OR inside a facet, AND across facets), keep the state
 * in the URL so that a filtered view can be shared, and render results from the compact
 * index (catalogue.json). Without JavaScript the page keeps its static lists. */
(function () {
  "use strict";

  var PAGE = 50; // results shown at once; "Afficher plus" reveals the next ones

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) node.textContent = text; // never innerHTML: names are data
    return node;
  }

  function start(root) {
    var form = root.querySelector(".kb-filters");
    var count = root.querySelector(".kb-count");
    var list = root.querySelector(".kb-results");
    var more = root.querySelector(".kb-more");
    // The static list (headings and lists written for readers without JavaScript) runs
    // from its heading to an end marker; the filtered results replace it.
    var staticParts = staticSection();
    var total = Number(root.dataset.total);
    var shown = PAGE;

    fetch(root.dataset.index)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (index) {
        readUrl(form);
        form.hidden = false;
        list.hidden = false;
        staticParts.forEach(function (node) { node.hidden = true; });
        var update = function (resetPaging) {
          if (resetPaging) shown = PAGE;
          render(index);
          writeUrl(form);
        };
        form.addEventListener("change", function () { update(true); });
        form.addEventListener("input", function () { update(true); });
        form.addEventListener("reset", function () {
          setTimeout(function () { update(true); }, 0);
        });
        more.querySelector("button").addEventListener("click", function () {
          shown += PAGE;
          render(index);
        });
        window.addEventListener("popstate", function () {
          readUrl(form);
          render(index);
        });
        render(index);
      })
      .catch(function () {
        count.textContent = "Les filtres n'ont pas pu être chargés : la liste complète reste ci-dessous.";
      });

    function selected() {
      var choice = {};
      form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
        (choice[box.name] = choice[box.name] || []).push(box.value);
      });
      return choice;
    }

    function matches(record, index, choice, query) {
      if (choice.terminees && record.ended) return false;
      for (var f = 0; f < index.facets.length; f++) {
        var wanted = choice[index.facets[f].slug];
        if (!wanted) continue;
        var values = index.facets[f].values;
        var hit = record.facets[f].some(function (position) {
          return wanted.indexOf(values[position].slug) !== -1;
        });
        if (!hit) return false;
      }
      return !query || record.search.indexOf(query) !== -1;
    }

    function render(index) {
      var choice = selected();
      var query = fold(form.elements.q.value.trim());
      var found = index.records.filter(function (record) {
        if (record.search === undefined) record.search = fold(record.name + " " + (record.subtitle || ""));
        return matches(record, index, choice, query);
      });
      count.textContent = found.length + " fiche" + (found.length > 1 ? "s" : "") + " sur " + total;
      list.replaceChildren.apply(list, found.slice(0, shown).map(function (record) {
        return item(record, index);
      }));
      more.hidden = found.length <= shown;
      form.querySelectorAll(".kb-facet").forEach(function (facet) {
        var n = facet.querySelectorAll("input:checked").length;
        facet.querySelector(".kb-facet__selected").textContent = n ? "(" + n + " choisi" + (n > 1 ? "s" : "") + ")" : "";
      });
    }

    function item(record, index) {
      var li = element("li", { "data-id": record.id });
      li.appendChild(element("a", { href: record.url }, record.name));
      if (record.subtitle) li.appendChild(document.createTextNode(" — " + record.subtitle));
      var meta = element("span", { class: "kb-meta" }, index.meta.map(function (entry) {
        var f = index.facets.findIndex(function (facet) { return facet.slug === entry[0]; });
        return entry[1] + record.facets[f].map(function (p) { return index.facets[f].values[p].label; }).join(", ");
      }).join(" · "));
      if (record.ended) {
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(element("span", { class: "kb-ended" }, "Période terminée selon les dates du rapport"));
      }
      li.appendChild(element("br"));
      li.appendChild(meta);
      return li;
    }
  }

  function staticSection() {
    var parts = [];
    var node = document.querySelector(".kb-static-start");
    while (node && !node.classList.contains("kb-static-end")) {
      parts.push(node);
      node = node.nextElementSibling;
    }
    return parts;
  }

  function readUrl(form) {
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
      if (box.checked) {
        var details = box.closest("details");
        if (details) details.open = true;
      }
    });
    form.elements.q.value = params.get("q") || "";
  }

  function writeUrl(form) {
    var params = new URLSearchParams();
    var q = form.elements.q.value.trim();
    if (q) params.append("q", q);
    form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      params.append(box.name, box.value);
    });
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, "", url);
    }
  }

  document.querySelectorAll(".kb-catalogue[data-index]").forEach(start);
})();
