/* Self-assessment (/profils/autodiagnostic/): the nearest of the six profiles, computed here.
 *
 * Nothing leaves the page. The questions and each profile's centre (its averages in the
 * survey's Tableau 3, in standard deviations) come from the JSON the generator embeds; the
 * computation is the one of generator/assessment.py (nearest centre, Euclidean distance,
 * « sans avis » left out). Results are built with DOM methods: labels are text, never HTML.
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

  function answers() {
    var given = {};
    form.querySelectorAll("input[data-key]").forEach(function (input) {
      var key = input.getAttribute("data-key");
      if (input.type === "checkbox") given[key] = input.checked;
      else if (input.checked) given[key] = input.value === "" ? null : Number(input.value);
    });
    return given;
  }

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
    if (item.likert) return answer === null || answer === undefined ? "sans avis" : String(answer);
    return answer ? "oui" : "non";
  }

  function show(given) {
    var ranking = nearest(given);
    var best = ranking[0].profile;
    output.replaceChildren();
    output.appendChild(element("h2", "Votre profil le plus proche", { id: "resultat" }));
    var lead = element("p");
    lead.appendChild(document.createTextNode("D'après vos réponses : "));
    lead.appendChild(element("a", best.name, { href: best.url, "class": "kb-assessment-best" }));
    lead.appendChild(document.createTextNode("."));
    output.appendChild(lead);

    output.appendChild(element("h3", "Les six profils, du plus proche au plus éloigné"));
    var order = element("ol");
    ranking.forEach(function (entry) {
      var item = element("li");
      item.appendChild(element("a", entry.profile.name, { href: entry.profile.url }));
      item.appendChild(document.createTextNode(
        " — écart moyen : " + entry.distance.toFixed(2).replace(".", ",") + " écart-type"));
      order.appendChild(item);
    });
    output.appendChild(order);

    if (best.recommendations.length) {
      output.appendChild(element("h3", "Ce que le rapport recommande pour ce profil"));
      output.appendChild(linkList(best.recommendations));
    }
    output.appendChild(element("h3", "Pistes dans le parcours des aides"));
    var paths = best.results.slice();
    paths.push({ text: "Faire le parcours « Quelle aide pour mon association ? »",
                 url: form.getAttribute("data-path") });
    output.appendChild(linkList(paths));

    var details = element("details");
    details.appendChild(element("summary", "Vos réponses à côté des valeurs du profil « " + best.name + " »"));
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
    details.appendChild(table);
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
