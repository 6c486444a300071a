/* Catalogue filters: combine facets (OR inside a facet, AND across facets), keep the state
 * in the URL so that a filtered view can be shared, and render results from the compact
 * index (catalogue.json), in its order and under its groups (what a Brussels ASBL can use
 * first). Each value's count says how many records it would give with the other filters.
 * On a phone the form folds behind a button. Without JavaScript the page keeps its static
 * lists. */
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
    var bar = root.querySelector(".kb-filters-bar");
    var toggle = root.querySelector(".kb-filters-toggle");
    var count = root.querySelector(".kb-count");
    var note = root.querySelector(".kb-order-note");
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
        if (bar) bar.hidden = false;
        if (note && index.groups) note.hidden = false;
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
        if (toggle) toggle.addEventListener("click", function () {
          var open = !root.classList.contains("is-open");
          root.classList.toggle("is-open", open);
          toggle.setAttribute("aria-expanded", String(open));
          if (open) {
            var first = form.querySelector("input");
            if (first) first.focus();
          }
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

    // Which facets a record fails (-1: it fails the search or the period, whatever the facets).
    function failures(record, index, choice, query) {
      if (choice.terminees && record.ended) return -1;
      if (query && record.search.indexOf(query) === -1) return -1;
      var failed = [];
      for (var f = 0; f < index.facets.length; f++) {
        var wanted = choice[index.facets[f].slug];
        if (!wanted) continue;
        var values = index.facets[f].values;
        var hit = record.facets[f].some(function (position) {
          return wanted.indexOf(values[position].slug) !== -1;
        });
        if (!hit) failed.push(f);
      }
      return failed;
    }

    function render(index) {
      var choice = selected();
      var query = fold(form.elements.q.value.trim());
      // counts[f][v]: records that pass every filter but facet f's, and have value v.
      var counts = index.facets.map(function (facet) { return facet.values.map(function () { return 0; }); });
      var found = index.records.filter(function (record) {
        if (record.search === undefined) record.search = fold(record.name + " " + (record.subtitle || ""));
        var failed = failures(record, index, choice, query);
        if (failed === -1 || failed.length > 1) return false;
        index.facets.forEach(function (facet, f) {
          if (failed.length && failed[0] !== f) return;
          record.facets[f].forEach(function (position) { counts[f][position] += 1; });
        });
        return failed.length === 0;
      });
      count.textContent = found.length + " fiche" + (found.length > 1 ? "s" : "") + " sur " + total;
      list.replaceChildren.apply(list, listing(found.slice(0, shown), index));
      more.hidden = found.length <= shown;
      var active = 0;
      form.querySelectorAll(".kb-facet").forEach(function (facet) {
        var f = index.facets.findIndex(function (entry) { return entry.slug === facet.dataset.facet; });
        var n = facet.querySelectorAll("input:checked").length;
        active += n;
        facet.querySelector(".kb-facet__selected").textContent = n ? "(" + n + " choisi" + (n > 1 ? "s" : "") + ")" : "";
        if (f === -1) return;
        facet.querySelectorAll("input[type=checkbox]").forEach(function (box) {
          var v = index.facets[f].values.findIndex(function (value) { return value.slug === box.value; });
          var label = box.parentNode.querySelector(".kb-facet__count");
          if (v === -1 || !label) return;
          label.textContent = "(" + counts[f][v] + ")";
          box.parentNode.classList.toggle("kb-facet__empty", counts[f][v] === 0 && !box.checked);
        });
      });
      if (form.elements.terminees && form.elements.terminees.checked) active += 1;
      if (query) active += 1;
      var badge = root.querySelector(".kb-filters-toggle__active");
      if (badge) badge.textContent = active ? "(" + active + " filtre" + (active > 1 ? "s" : "") + " actif" + (active > 1 ? "s" : "") + ")" : "";
    }

    // The records shown, under their group's heading when the index has groups.
    function listing(records, index) {
      if (!index.groups) {
        var flat = element("ul");
        records.forEach(function (record) { flat.appendChild(item(record, index)); });
        return [flat];
      }
      var nodes = [];
      var current = null;
      var ul = null;
      records.forEach(function (record) {
        if (record.group !== current) {
          current = record.group;
          var heading = element("h2", { "class": "kb-group-heading" }, index.groups[current].label);
          ul = element("ul");
          nodes.push(heading, ul);
        }
        ul.appendChild(item(record, index));
      });
      return nodes;
    }

    function item(record, index) {
      var li = element("li", { "data-id": record.id });
      li.appendChild(element("a", { href: record.url }, record.name));
      if (record.subtitle) li.appendChild(document.createTextNode(" — " + record.subtitle));
      var meta = element("span", { "class": "kb-meta" }, index.meta.map(function (entry) {
        var f = index.facets.findIndex(function (facet) { return facet.slug === entry[0]; });
        return entry[1] + record.facets[f].map(function (p) { return index.facets[f].values[p].label; }).join(", ");
      }).join(" · "));
      if (record.ended) {
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(element("span", { "class": "kb-ended" }, "Période terminée selon les dates du rapport"));
      }
      li.appendChild(element("br"));
      li.appendChild(meta);
      if (record.group !== undefined) {
        li.appendChild(element("br"));
        li.appendChild(facts(record, index));
      }
      return li;
    }

    // Amount and status as printed, whose and when (report or official site), the link.
    function facts(record, index) {
      var line = element("span", { "class": "kb-facts" });
      var parts = [];
      if (record.amount) parts.push(element("span", {}, "Montant : " + record.amount));
      else if (index.groups[record.group].slug !== "context") {
        parts.push(element("span", {}, "Montant non précisé par le rapport"));
      }
      parts.push(element("span", {}, "Statut " + record.whose + " : " +
        (record.status || "non précisé")));
      if (record.official) {
        var link = element("a", { href: record.official, rel: "noopener", "class": "kb-official" }, "Site officiel");
        link.appendChild(element("span", { "class": "kb-visually-hidden" }, " : " + record.name));
        parts.push(link);
      } else {
        parts.push(element("span", { "class": "kb-no-official" }, "pas de lien officiel dans le rapport"));
      }
      parts.forEach(function (part, i) {
        if (i) line.appendChild(document.createTextNode(" · "));
        line.appendChild(part);
      });
      return line;
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
