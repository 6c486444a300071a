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
  var PAUSE = 120; // ms without a key before a query is searched
  var typing = null; // the search waiting for the end of a burst of keys
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
    if (data.meta.acces) { // an aid a Brussels ASBL cannot use as such: say why
      article.appendChild(element("span", { class: "kb-search-elsewhere" },
        "Accès pour une ASBL bruxelloise : " + data.meta.acces));
    }
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

  /* The word list of recherche-mots.json (generator/search.py): names, vocabularies and
   * terms for « Vouliez-vous dire … ? », each need with its everyday words. */
  var vocabulary = null;
  function loadWords() {
    if (!vocabulary) {
      vocabulary = fetch(new URL("recherche-mots.json", base).href)
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          data = data || { needs: [], words: [] };
          data.known = new Set(data.words);
          return data;
        })
        .catch(function () { return { needs: [], words: [], known: new Set() }; });
    }
    return vocabulary;
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function words(text) {
    return fold(text).match(/[\p{L}]+/gu) || [];
  }

  function distance(a, b) { // Levenshtein, for short words
    var row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    for (var i = 1; i <= a.length; i++) {
      var diagonal = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var above = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length];
  }

  /* The closest known word within 2 edits (1 for short words), or null. */
  function closest(word, known) {
    var limit = word.length <= 5 ? 1 : 2;
    var best = null;
    var bestDistance = limit + 1;
    known.forEach(function (candidate) {
      if (Math.abs(candidate.length - word.length) > limit) return;
      var d = distance(word, candidate);
      if (d < bestDistance) { best = candidate; bestDistance = d; }
    });
    return best;
  }

  function suggestion(query, list) {
    var changed = false;
    var fixed = words(query).map(function (word) {
      if (word.length < 4 || list.known.has(word)) return word;
      var near = closest(word, list.known);
      if (near) { changed = true; return near; }
      return word;
    });
    return changed ? fixed.join(" ") : null;
  }

  /* The need a query names in everyday words (« ordinateur portable » → equipment). */
  function needOf(query, list) {
    var asked = words(query);
    var found = null;
    list.needs.forEach(function (need) {
      if (found) return;
      if (asked.some(function (word) { return need.words.indexOf(word) !== -1; })) found = need;
    });
    // A mistyped need (« formaton »): its closest known word, if that names a need.
    if (!found) {
      asked.forEach(function (word) {
        if (found || word.length < 5 || list.known.has(word)) return;
        var near = closest(word, list.known);
        if (near) found = needOf(near, list);
      });
    }
    return found;
  }

  /* A result is genuine when a word it matched starts like a word of the query. Pagefind
   * splits a word it does not know into words it does (« laptop » → « la »): such results
   * match nothing the visitor typed. */
  function genuine(data, asked) {
    var marks = [];
    [data].concat(data.sub_results || []).forEach(function (part) {
      (part.excerpt || "").replace(/<mark>([^<]*)<\/mark>/g, function (_, text) {
        marks.push(fold(text));
        return "";
      });
    });
    if (!marks.length) return true;
    return asked.some(function (word) {
      var length = Math.min(4, word.length);
      return marks.some(function (mark) {
        return mark.length >= length && mark.slice(0, length) === word.slice(0, length);
      });
    });
  }

  function help(query, list, fixed) {
    var li = element("li", { class: "kb-search-help" });
    if (fixed) {
      var again = element("button", { type: "button", class: "kb-search-suggestion" });
      again.appendChild(document.createTextNode("Vouliez-vous dire « "));
      again.appendChild(element("strong", {}, fixed));
      again.appendChild(document.createTextNode(" » ?"));
      again.addEventListener("click", function () {
        input.value = fixed;
        shown = PAGE;
        search();
        input.focus();
      });
      li.appendChild(again);
    }
    var need = needOf(fixed || query, list);
    var ways = element("p", {}, "Trouvez une aide autrement : ");
    ways.appendChild(element("a", { href: new URL("parcours/", base).href },
      "le parcours « Quelle aide pour mon association ? »"));
    ways.appendChild(document.createTextNode(" ou "));
    ways.appendChild(need
      ? element("a", { href: new URL("aides/?" + need.filter, base).href },
        "le catalogue filtré sur « " + need.label + " »")
      : element("a", { href: new URL("aides/", base).href }, "le catalogue des aides"));
    ways.appendChild(document.createTextNode("."));
    li.appendChild(ways);
    return li;
  }

  /* Which query the results on screen answer (data-kb-answered): tests and benchmarks wait
   * for it, and it says no answer to an earlier query came after. */
  function answered(query) {
    root.dataset.kbAnswered = query;
  }

  function search() {
    var query = input.value.trim();
    var mine = ++ticket;
    // A word of one letter (« à », or the first letter of the next word being typed) is
    // left out: as a prefix it matches nearly every page, and downloads most of the index.
    var terms = query.split(/\s+/).filter(function (word) { return word.length > 1; });
    if (!terms.length) {
      say(query ? "Taper au moins deux lettres" : "Taper pour démarrer la recherche");
      list.replaceChildren();
      kinds.hidden = true;
      more.hidden = true;
      answered(query);
      return Promise.resolve();
    }
    var filters = chosen.length ? { type: { any: chosen } } : {};
    var asked = words(terms.join(" "));
    return Promise.all([load(), loadWords()])
      .then(function (loaded) {
        if (mine !== ticket) return [null, loaded[1]]; // superseded: download nothing more
        return loaded[0].search(terms.join(" "), { filters: filters }).then(function (found) {
          return [found, loaded[1]];
        });
      })
      .then(function (answer) {
        var found = answer[0];
        var wordList = answer[1];
        if (mine !== ticket || !found) return null;
        return show(found, wordList);
      })
      .catch(function () {
        if (mine === ticket) say("La recherche n'a pas pu être chargée.");
      });

    function show(found, wordList) {
      var need = needOf(query, wordList);
      // A need query: read a few more results, so that the aids a Brussels ASBL can
      // use come first among them.
      var reading = shown; // reordered within what is read: no extra download
      var results = found.results.slice(0, reading);
      return Promise.all(results.map(function (result) { return result.data(); }))
        .then(function (data) {
          if (mine !== ticket) return;
          var real = data.filter(function (one) { return genuine(one, asked); });
          if (need) { // aids usable as such, path answers, the rest, aids elsewhere
            var order = wordList.need_first || [];
            var tier = function (one) {
              if (one.meta.acces) return order.length + 1;
              var position = order.indexOf(kindOf(one));
              return position === -1 ? order.length : position;
            };
            real = real.map(function (one, index) { return [tier(one), index, one]; })
              .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
              .map(function (entry) { return entry[2]; });
          }
          var total = real.length === data.length ? found.results.length : real.length;
          renderKinds(found.totalFilters && found.totalFilters[KIND]);
          say(total === 0 ? "Aucun résultat"
            : total === 1 ? "1 résultat" : total + " résultats");
          var items = real.slice(0, shown).map(item);
          var fixed = real.length < 3 ? suggestion(query, wordList) : null;
          if (total === 0 || fixed) items.push(help(query, wordList, fixed));
          list.replaceChildren.apply(list, items);
          more.hidden = total <= shown;
          answered(query);
        });
    }
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
  /* Keys typed in a burst (less than PAUSE apart) search once, at the end: each prefix
   * would download the index chunks of its words (« site in » those of every word in
   * « in… ») and the texts of its ten results, soon replaced. A key also makes the answer
   * to the query before it stale at once. */
  input.addEventListener("input", function () {
    ticket++;
    clearTimeout(typing);
    typing = setTimeout(function () { shown = PAGE; search(); }, PAUSE);
  });
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
