/* Self-assessment (/profils/autodiagnostic/): the nearest of the six profiles, computed here.
 *
 * Nothing leaves the page. The questions and each profile's centre (its averages in the
 * survey's Tableau 3, in standard deviations) come from the JSON the generator embeds; the
 * computation is the one of generator/assessment.py (nearest centre, Euclidean distance,
 * unanswered questions left out, one answer per block at least, close profiles named). Results are built with DOM methods: labels are text, never HTML.
 */
(function () {
  "use strict";
  var form = document.getElementById("kb-assessment");
  var output = document.getElementById("kb-assessment-result");
  var source = document.getElementById("kb-assessment-data");
  if (!form || !output || !source) return;
  var data = JSON.parse(source.textContent);
  form.hidden = false;
  document.querySelectorAll(".kb-assessment-nojs").forEach(function (node) { node.hidden = true; });

  // A question without an answer is missing, not « no »: a score « sans avis », or a block
  // of objectives where nothing is ticked. One box ticked (or « aucun ») answers the rest.
  function answers() {
    var given = {};
    data.blocks.forEach(function (block) {
      var fieldset = document.getElementById(block.id);
      var none = fieldset.querySelector("input[data-none]");
      var boxes = fieldset.querySelectorAll("input[type=checkbox][data-key]");
      var answered = (none && none.checked) || Array.prototype.some.call(boxes, function (box) { return box.checked; });
      boxes.forEach(function (box) {
        given[box.getAttribute("data-key")] = answered ? box.checked : null;
      });
      fieldset.querySelectorAll("input[type=radio][data-key]:checked").forEach(function (input) {
        given[input.getAttribute("data-key")] = input.value === "" ? null : Number(input.value);
      });
    });
    return given;
  }

  function missing(given) {
    return data.blocks.filter(function (block) {
      return data.items.every(function (item) {
        return item.block_id !== block.id || given[item.key] === null || given[item.key] === undefined;
      });
    });
  }

  // « Aucun de ces objectifs » and the boxes of its block exclude each other.
  form.addEventListener("change", function (event) {
    var box = event.target;
    if (box.type !== "checkbox" || !box.checked) return;
    var fieldset = box.closest("fieldset");
    if (box.hasAttribute("data-none")) {
      fieldset.querySelectorAll("input[type=checkbox][data-key]").forEach(function (other) { other.checked = false; });
    } else {
      var none = fieldset.querySelector("input[data-none]");
      if (none) none.checked = false;
    }
  });

  function scaled(item, answer) {
    if (answer === null || answer === undefined) return null;
    if (item.likert) return answer / data.sd.likert;
    return (answer ? 1 : 0) / data.sd.choice;
  }

  function nearest(given) {
    var sums = {};
    var answered = 0;
    data.profiles.forEach(function (p) { sums[p.column] = 0; });
    data.items.forEach(function (item) {
      var value = scaled(item, given[item.key]);
      if (value === null) return;
      answered += 1;
      data.profiles.forEach(function (p) {
        var gap = value - item.centres[p.column];
        sums[p.column] += gap * gap;
      });
    });
    return data.profiles.map(function (p) {
      return { profile: p, distance: Math.sqrt(sums[p.column] / Math.max(answered, 1)) };
    }).sort(function (a, b) { return a.distance - b.distance; });
  }

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function linkList(links) {
    var list = element("ul");
    links.forEach(function (link) {
      var item = element("li");
      item.appendChild(element("a", link.text, { href: link.url }));
      list.appendChild(item);
    });
    return list;
  }

  function yourAnswer(item, answer) {
    if (answer === null || answer === undefined) return item.likert ? "sans avis" : "sans réponse";
    if (item.likert) return String(answer);
    return answer ? "oui" : "non";
  }

  function showMissing(blocks) {
    output.replaceChildren();
    output.appendChild(element("h2", "Il manque des réponses", { id: "resultat" }));
    output.appendChild(element("p", "Répondez à au moins une question de chacun de ces blocs (une question sans réponse n'est pas un « non ») :", { "class": "kb-assessment-missing" }));
    output.appendChild(linkList(blocks.map(function (block) { return { text: block.title, url: "#" + block.id }; })));
    output.hidden = false;
    output.focus();
  }

  function decimal(value) { return value.toFixed(2).replace(".", ","); }

  function show(given) {
    var gaps = missing(given);
    if (gaps.length) { showMissing(gaps); return; }
    var ranking = nearest(given);
    var best = ranking[0].profile;
    var close = ranking.filter(function (entry) { return entry.distance - ranking[0].distance <= data.close; });
    output.replaceChildren();
    output.appendChild(element("h2", close.length > 1 ? "Vos profils les plus proches" : "Votre profil le plus proche", { id: "resultat" }));
    var lead = element("p");
    lead.appendChild(document.createTextNode("D'après vos réponses : "));
    lead.appendChild(element("a", best.name, { href: best.url, "class": "kb-assessment-best" }));
    lead.appendChild(document.createTextNode("."));
    output.appendChild(lead);
    if (close.length > 1) {
      var tie = element("p", null, { "class": "kb-assessment-close" });
      tie.appendChild(document.createTextNode(
        (close.length === 2 ? "Un autre profil est" : (close.length - 1) + " autres profils sont") +
        " presque aussi proche" + (close.length > 2 ? "s" : "") + " (moins de " + decimal(data.close) +
        " écart-type d'écart) : "));
      close.slice(1).forEach(function (entry, i) {
        if (i) tie.appendChild(document.createTextNode(", "));
        tie.appendChild(element("a", entry.profile.name, { href: entry.profile.url, "class": "kb-assessment-also" }));
        tie.appendChild(document.createTextNode(" (" + decimal(entry.distance) + " contre " + decimal(ranking[0].distance) + ")"));
      });
      tie.appendChild(document.createTextNode(". Vos réponses ne suffisent pas à les départager : lisez les deux."));
      output.appendChild(tie);
    }

    output.appendChild(element("h3", "Les six profils, du plus proche au plus éloigné"));
    var order = element("ol");
    ranking.forEach(function (entry) {
      var item = element("li");
      item.appendChild(element("a", entry.profile.name, { href: entry.profile.url }));
      item.appendChild(document.createTextNode(
        " — écart moyen : " + decimal(entry.distance) + " écart-type"));
      order.appendChild(item);
    });
    output.appendChild(order);

    close.forEach(function (entry) {
      if (!entry.profile.recommendations.length) return;
      output.appendChild(element("h3", close.length > 1
        ? "Ce que le rapport recommande pour « " + entry.profile.name + " »"
        : "Ce que le rapport recommande pour ce profil"));
      output.appendChild(linkList(entry.profile.recommendations));
    });
    output.appendChild(element("h3", "Pistes dans le parcours des aides"));
    var paths = [];
    var seen = {};
    close.forEach(function (entry) {
      entry.profile.results.forEach(function (result) {
        if (!seen[result.url]) { seen[result.url] = true; paths.push(result); }
      });
    });
    paths.push({ text: "Faire le parcours « Quelle aide pour mon association ? »",
                 url: form.getAttribute("data-path") });
    output.appendChild(linkList(paths));

    var details = element("details");
    details.appendChild(element("summary", "Vos réponses à côté des valeurs du profil « " + best.name + " »"));
    var scroll = element("div", null, { "class": "kb-scroll", role: "region", tabindex: "0",
                                         "aria-label": "Vos réponses et les valeurs du profil" });
    var table = element("table", null, { "class": "kb-data" });
    var head = element("tr");
    ["Question", "Votre réponse", "Valeur du profil (Tableau 3)"].forEach(function (title) {
      head.appendChild(element("th", title, { scope: "col" }));
    });
    var thead = element("thead"); thead.appendChild(head); table.appendChild(thead);
    var body = element("tbody");
    data.items.forEach(function (item) {
      var row = element("tr");
      row.appendChild(element("td", item.label));
      row.appendChild(element("td", yourAnswer(item, given[item.key])));
      row.appendChild(element("td", item.printed[best.column] + (item.likert ? " sur 7" : " des organisations")));
      body.appendChild(row);
    });
    table.appendChild(body);
    scroll.appendChild(table);
    details.appendChild(scroll);
    output.appendChild(details);
    output.hidden = false;
    output.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(answers());
  });
  form.addEventListener("reset", function () {
    output.hidden = true;
    output.replaceChildren();
  });
})();
