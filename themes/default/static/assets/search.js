// Search for the handbook: progressive enhancement of the search page.
// Without JavaScript the page lists every page; with it, the list filters as you type.
(function () {
  "use strict";
  var index = window.MENTORBOOK_SEARCH;
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var all = document.getElementById("all-pages");
  if (!index || !form || !input || !results || !status) { return; }
  var root = document.querySelector('link[rel="stylesheet"]').getAttribute("href").replace("assets/style.css", "");
  form.hidden = false;

  function score(entry, words) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i], s = 0;
      if (entry.title.toLowerCase().indexOf(w) >= 0) { s += 10; }
      if (entry.headings.join(" ").toLowerCase().indexOf(w) >= 0) { s += 5; }
      if (entry.description.toLowerCase().indexOf(w) >= 0) { s += 3; }
      if (entry.text.toLowerCase().indexOf(w) >= 0) { s += 1; }
      if (s === 0) { return 0; }
      total += s;
    }
    return total;
  }

  // "3 pages match" in the page's language: the search page carries each
  // plural form of its catalog (data-one, data-other, ...), and the
  // browser's CLDR rules pick one.
  var lang = document.documentElement.lang || "en";
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  function matches(n) {
    var form = (rules && status.getAttribute("data-" + rules.select(n))) ||
      status.getAttribute("data-other") || "{n}";
    var count = lang.toLowerCase().indexOf("en") === 0 ? String(n) : n.toLocaleString(lang);
    return form.replace("{n}", count);
  }

  function show(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (words.length === 0) {
      results.hidden = true; all.hidden = false; status.textContent = "";
      return;
    }
    var hits = index
      .map(function (e) { return { entry: e, score: score(e, words) }; })
      .filter(function (h) { return h.score > 0; })
      .sort(function (a, b) { return b.score - a.score; });
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + h.entry.url;
      a.textContent = h.entry.title;
      li.appendChild(a);
      if (h.entry.description) {
        var p = document.createElement("p");
        p.textContent = h.entry.description;
        li.appendChild(p);
      }
      results.appendChild(li);
    });
    results.hidden = false; all.hidden = true;
    status.textContent = matches(hits.length);
  }

  input.addEventListener("input", function () { show(input.value); });
  var q = new URLSearchParams(window.location.search).get("q") || "";
  input.value = q;
  show(q);
})();
