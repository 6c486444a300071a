/* Site search on Pagefind's index, in Material's search dialog (partials/kb-search.html).
 *
 * Pagefind's script is loaded the first time the dialog opens; each query then fetches only
 * the index chunks it needs. Keyboard: "/", "s" or "f" opens the search (as in Material),
 * arrows move through the results, Enter opens the focused (or first) result, Escape closes.
 * Results show their kind (aide, terme…) and can be filtered by it. */
(function () {
  "use strict";

  var root = document.querySelector("[data-kb-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;

  var PAGE = 10; // results shown at once; "Afficher plus" adds the next ones
  var KIND = "type"; // the Pagefind filter that holds each result's kind (generator/search.py)
  var form = root.querySelector("form");
  var input = form.elements.query;
  var status = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var kinds = root.querySelector(".kb-search-kinds");
  var more = root.querySelector(".kb-search-more");
  var base = new URL(root.dataset.kbSearchBase.replace(/\/?$/, "/"), window.location.href);
  var pagefind = null; // promise of the module, loaded once
  var ticket = 0; // only the answer to the latest query is shown
  var shown = PAGE;
  var chosen = []; // kinds ticked in the filter

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) node.textContent = text; // never innerHTML: titles are data
    return node;
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        // No web worker: one script less to download before the first result.
        // Filter counts come with the results only once the filter index is loaded.
        return module.options({ noWorker: true, excerptLength: 24 })
          .then(function () { return module.filters(); })
          .then(function () { return module; });
      });
    }
    return pagefind;
  }

  /* Pagefind's excerpt is HTML with <mark> around the matches: keep the text and the marks
   * only, whatever else it may hold. */
  function excerpt(html) {
    var holder = element("p", { class: "md-search-result__teaser" });
    var template = document.createElement("template");
    template.innerHTML = html;
    template.content.childNodes.forEach(function (node) {
      holder.appendChild(node.nodeName === "MARK"
        ? element("mark", {}, node.textContent)
        : document.createTextNode(node.textContent));
    });
    return holder;
  }

  function kindOf(data) {
    return (data.filters && data.filters[KIND] && data.filters[KIND][0]) || "Page";
  }

  function item(data) {
    var li = element("li", { class: "md-search-result__item" });
    var link = element("a", { href: data.url, class: "md-search-result__link" });
    var article = element("article", { class: "md-search-result__article md-typeset" });
    article.appendChild(element("span", { class: "kb-search-kind" }, kindOf(data)));
    article.appendChild(element("h1", {}, data.meta.title || data.url));
    article.appendChild(excerpt(data.excerpt || ""));
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function say(text) {
    status.textContent = text;
  }

  function renderKinds(counts) {
    var names = Object.keys(counts || {}).filter(function (name) {
      return counts[name] > 0 || chosen.indexOf(name) !== -1;
    }).sort(function (a, b) { return a.localeCompare(b, "fr"); });
    kinds.querySelectorAll("label").forEach(function (label) { label.remove(); });
    names.forEach(function (name) {
      var box = element("input", { type: "checkbox", value: name });
      box.checked = chosen.indexOf(name) !== -1;
      var label = element("label", { class: "kb-search-kinds__choice" });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + name + " (" + counts[name] + ")"));
      kinds.appendChild(label);
    });
    kinds.hidden = names.length < 2 && chosen.length === 0;
  }

  function search() {
    var query = input.value.trim();
    var mine = ++ticket;
    if (!query) {
      say("Taper pour démarrer la recherche");
      list.replaceChildren();
      kinds.hidden = true;
      more.hidden = true;
      return Promise.resolve();
    }
    var filters = chosen.length ? { type: { any: chosen } } : {};
    return load()
      .then(function (module) { return module.search(query, { filters: filters }); })
      .then(function (found) {
        if (mine !== ticket || !found) return null;
        var results = found.results.slice(0, shown);
        return Promise.all(results.map(function (result) { return result.data(); }))
          .then(function (data) {
            if (mine !== ticket) return;
            var total = found.results.length;
            renderKinds(found.totalFilters && found.totalFilters[KIND]);
            say(total === 0 ? "Aucun résultat"
              : total === 1 ? "1 résultat" : total + " résultats");
            list.replaceChildren.apply(list, data.map(item));
            more.hidden = total <= shown;
          });
      })
      .catch(function () {
        if (mine === ticket) say("La recherche n'a pas pu être chargée.");
      });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a[href]"));
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    load().catch(function () {}); // start downloading while the visitor types
  }

  function close() {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    input.blur();
  }

  function editable(node) {
    return node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", function () { shown = PAGE; search(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { search(); input.focus(); }, 0);
  });
  kinds.addEventListener("change", function () {
    chosen = Array.prototype.map.call(kinds.querySelectorAll("input:checked"),
      function (box) { return box.value; });
    shown = PAGE;
    search();
  });
  more.addEventListener("click", function () {
    var before = links().length;
    shown += PAGE;
    search().then(function () {
      var next = links()[before];
      if (next) next.focus();
    });
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) close(); // also when the result is on this very page
  });
  document.querySelectorAll("label[for=__search]").forEach(function (label) {
    if (root.contains(label)) return;
    label.addEventListener("click", function () {
      setTimeout(function () { if (toggle.checked) input.focus(); }, 0);
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (!toggle.checked) {
      if (["/", "s", "f"].indexOf(event.key) === -1 || editable(document.activeElement)) return;
      event.preventDefault();
      open();
      input.focus();
      input.select();
      return;
    }
    var active = document.activeElement;
    switch (event.key) {
      case "Escape":
        event.preventDefault();
        close();
        break;
      case "Enter":
        if (active === input) {
          event.preventDefault();
          var first = links()[0];
          if (first) first.click();
        }
        break;
      case "ArrowDown":
      case "ArrowUp": {
        if (active && active.type === "checkbox") return; // leave the filter alone
        var stops = [input].concat(links());
        var here = Math.max(0, stops.indexOf(active));
        var step = event.key === "ArrowDown" ? 1 : -1;
        stops[(here + step + stops.length) % stops.length].focus();
        event.preventDefault();
        break;
      }
      default:
        break;
    }
  });
})();
