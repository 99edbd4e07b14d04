// The search page: Pagefind's index, queried in the reader's browser. Without this script the page
// says what search does and offers the table of all measures instead.
(function () {
  "use strict";

  // --- Azerbaijani stems: the same rules as napsite/stem.py (a test keeps them in step) ---------
  var VOWELS = "aıoueəiöü";
  var SUFFIXES = [
    "lar", "lər", "ı", "i", "u", "ü", "sı", "si", "su", "sü", "ları", "ləri",
    "ın", "in", "un", "ün", "nın", "nin", "nun", "nün", "nı", "ni", "nu", "nü",
    "a", "ə", "ya", "yə", "na", "nə",
    "da", "də", "ta", "tə", "dan", "dən", "tan", "tən", "nda", "ndə", "ndan", "ndən",
    "la", "lə", "yla", "ylə"
  ].sort(function (a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0); });
  var MIN_STEM = 3;

  function azLower(text) {
    return text.replace(/I/g, "ı").replace(/İ/g, "i").toLowerCase();
  }

  function softenBack(stem, ending) {
    if (VOWELS.indexOf(ending[0]) >= 0) {
      if (stem.slice(-1) === "ğ") return stem.slice(0, -1) + "q";
      if (stem.slice(-1) === "y" && stem.length > 1 && VOWELS.indexOf(stem[stem.length - 2]) >= 0) {
        return stem.slice(0, -1) + "k";
      }
    }
    return stem;
  }

  function stems(word) {
    var start = azLower(word);
    var seen = {};
    seen[start] = true;
    var todo = [start];
    while (todo.length) {
      var w = todo.pop();
      SUFFIXES.forEach(function (s) {
        if (w.length - s.length >= MIN_STEM && w.slice(-s.length) === s) {
          var stem = softenBack(w.slice(0, -s.length), s);
          if (!seen[stem]) { seen[stem] = true; todo.push(stem); }
        }
      });
    }
    return Object.keys(seen);
  }

  function queryStem(word) {
    return stems(word).sort(function (a, b) {
      return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
    })[0];
  }

  // --- folding: the same as fold() and folded_stems() in napsite/stem.py --------------------------
  // ə as e, ı as i, ş as s, ç as c, ö as o, ü as u, ğ as g: as people type without the Azerbaijani
  // layout. Every query is folded, and the index holds the folded words, so both spellings are one.
  var FOLDED_VOWELS = "aioue";
  var FOLDED_SUFFIXES = SUFFIXES.map(function (s) {
    return s.replace(/ə/g, "e").replace(/ı/g, "i").replace(/ü/g, "u");
  }).filter(function (s, i, all) { return all.indexOf(s) === i; })
    .sort(function (a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0); });

  function fold(word) {
    return azLower(word).replace(/ə/g, "e").replace(/ı/g, "i").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function foldedSoftenBack(stem, ending) {
    if (FOLDED_VOWELS.indexOf(ending[0]) >= 0) {
      if (stem.slice(-1) === "g") return stem.slice(0, -1) + "q";
      if (stem.slice(-1) === "y" && stem.length > 1 && FOLDED_VOWELS.indexOf(stem[stem.length - 2]) >= 0) {
        return stem.slice(0, -1) + "k";
      }
    }
    return stem;
  }

  function foldedStems(word) {
    var start = fold(word);
    var seen = {};
    seen[start] = true;
    var todo = [start];
    while (todo.length) {
      var w = todo.pop();
      FOLDED_SUFFIXES.forEach(function (s) {
        if (w.length - s.length >= MIN_STEM && w.slice(-s.length) === s) {
          var stem = foldedSoftenBack(w.slice(0, -s.length), s);
          if (!seen[stem]) { seen[stem] = true; todo.push(stem); }
        }
      });
    }
    return Object.keys(seen);
  }

  function foldedQueryStem(word) {
    return foldedStems(word).sort(function (a, b) {
      return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
    })[0];
  }

  // What is sent to Pagefind: for Azerbaijani, each word folded and cut to its shortest stem.
  function prepare(query, lang) {
    if (lang !== "az") return query;
    return query.replace(/[a-zçəğıöşüİI]+/gi, function (w) { return foldedQueryStem(w); });
  }

  // Node runs the stemmer in the tests; the page part below needs a document.
  if (typeof module !== "undefined" && module.exports) {
    module.exports = { stems: stems, queryStem: queryStem, prepare: prepare, fold: fold, foldedStems: foldedStems,
                       foldedQueryStem: foldedQueryStem };
    return;
  }

  // --- the page ----------------------------------------------------------------------------------
  var form = document.getElementById("search");
  var out = document.getElementById("results");
  if (!form || !out) return;
  var d = form.dataset;
  var input = form.elements.q;
  var measures = d.measures.split(" ");
  var pagefind = null;
  var latest = 0;

  function measureOf(query) {
    var m = /^\s*(?:(?:measure|tədbir|tədbirin)\s*)?(\d+(?:[.,-]\d+){1,2})\.?\s*$/i.exec(query);
    if (!m) return null;
    var id = m[1].replace(/[,-]/g, ".");
    return measures.indexOf(id) >= 0 ? id : null;
  }

  function measureUrl(id) {
    return d.measureUrl.replace("{id}", function () { return id.replace(/\./g, "-"); });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pagefind's excerpts mark the matches with <mark>; only text and those marks are kept.
  function excerpt(html) {
    var tpl = document.createElement("template");
    tpl.innerHTML = html;
    var p = el("p", "excerpt");
    tpl.content.childNodes.forEach(function (n) {
      if (n.nodeType === 1 && n.nodeName === "MARK") p.appendChild(el("mark", "", n.textContent));
      else p.appendChild(document.createTextNode(n.textContent));
    });
    return p;
  }

  // An Azerbaijani page ends with the stems of its words and their folded forms (napsite/search.py),
  // which is where a folded query matches: then the excerpt is made here from the page's own words,
  // marking those that fold to a word starting with a query stem, or the description stands in.
  function ownMatch(word, terms) {
    return fold(word).split(/[^a-z0-9]+/).some(function (part) {
      return part && terms.some(function (t) { return part.indexOf(t) === 0; });
    });
  }

  function pageExcerpt(data, terms) {
    var hidden = parseInt((data.meta && data.meta.stems) || "0", 10);
    var first = data.word_count - hidden;
    var locations = data.locations || [];
    if (!hidden || locations.every(function (loc) { return loc < first; })) return excerpt(data.excerpt);
    var words = data.content.split(/\s+/);
    var own = locations.filter(function (loc) { return loc < first; });
    for (var w = 0; w < first && w < words.length; w++) {
      if (own.indexOf(w) < 0 && ownMatch(words[w], terms)) own.push(w);
    }
    own.sort(function (a, b) { return a - b; });
    if (!own.length) return el("p", "excerpt", data.meta.description || "");
    var start = Math.max(0, own[0] - 8);
    var stop = Math.min(first, start + 24);
    var p = el("p", "excerpt");
    for (var i = start; i < stop; i++) {
      if (i > start) p.appendChild(document.createTextNode(" "));
      if (own.indexOf(i) >= 0) p.appendChild(el("mark", "", words[i]));
      else p.appendChild(document.createTextNode(words[i]));
    }
    return p;
  }

  function hit(data, terms) {
    var li = el("li");
    var a = el("a", "hit", data.meta.title || data.url);
    a.href = data.url;
    li.appendChild(a);
    li.appendChild(pageExcerpt(data, terms));
    var subs = (data.sub_results || []).filter(function (s) { return s.url.indexOf("#") >= 0; }).slice(0, 3);
    if (subs.length) {
      var ul = el("ul", "subs");
      subs.forEach(function (s) {
        var sli = el("li");
        var sa = el("a", "", s.title);
        sa.href = s.url;
        sli.appendChild(sa);
        ul.appendChild(sli);
      });
      li.appendChild(ul);
    }
    return li;
  }

  var PAGE = 20;  // hits shown at once; "show more" adds as many again

  // `found` is Pagefind's answer: the count is all its results, the list their first PAGE, and the
  // button below it loads the next PAGE until every result is on the page.
  // What was shown stays until the new answer replaces it in one go.
  function show(query, id, found) {
    var go = null;
    if (id) {
      go = el("p", "go");
      var a = el("a", "", d.go.replace("{id}", function () { return id; }));
      a.href = measureUrl(id);
      go.appendChild(a);
    }
    function replace() {
      out.textContent = "";
      for (var i = 0; i < arguments.length; i++) if (arguments[i]) out.appendChild(arguments[i]);
    }
    if (!found) {
      replace(go, el("p", "searching", d.searching));
      return Promise.resolve();
    }
    var total = found.results.length;
    // Placeholders are filled by functions: a string would read "$&" or "$`" in the query as a pattern.
    if (!total) {
      replace(go, id ? null : el("p", "none", d.none.replace("{query}", function () { return query; })));
      return Promise.resolve();
    }
    var count = el("p", "count", d.count.replace("{num}", function () { return String(total); }));
    var list = el("ol", "hits");
    var more = el("button", "more", d.more);
    more.type = "button";
    var ticket = latest;
    function page(focus) {
      var next = found.results.slice(list.children.length, list.children.length + PAGE);
      more.disabled = true;
      return Promise.all(next.map(function (r) { return r.data(); })).then(function (datas) {
        if (ticket !== latest) return;
        if (!list.parentNode) replace(go, count, list);  // the count and the first hits together
        var added = datas.map(function (data) { return list.appendChild(hit(data, found.terms)); });
        more.disabled = false;
        if (list.children.length >= total) more.remove();
        else if (!more.parentNode) out.appendChild(more);
        if (focus && added.length) added[0].querySelector("a.hit").focus();
      });
    }
    more.addEventListener("click", function () { page(true); });
    return page(false);
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL(d.bundle + "pagefind.js", document.baseURI).href).then(function (pf) {
        return pf.options({ baseUrl: new URL(d.root, document.baseURI).pathname, excerptLength: 24 })
          .then(function () { return pf.init(); })
          .then(function () { return pf; });
      });
    }
    return pagefind;
  }

  // Where no indexed word starts with a query word, Pagefind searches for the longest indexed word
  // that starts the query word instead ("ozelx" finds every "öz"). Such a stand-in is kept only
  // from SUBSTITUTE letters on: a short one matches too much to mean the word that was typed.
  var SUBSTITUTE = 5;

  function guessed(search) {
    if (!search.terms.length || !search.results.length) return Promise.resolve(false);
    return search.results[0].data().then(function (data) {
      var words = data.content.split(/\s+/);
      var matched = [];
      (data.locations || []).forEach(function (loc) {
        fold(words[loc] || "").split(/[^a-z0-9]+/).forEach(function (part) { if (part) matched.push(part); });
      });
      return search.terms.some(function (t) {
        if (matched.some(function (w) { return w.indexOf(t) === 0; })) return false;
        var standIn = matched.filter(function (w) { return t.indexOf(w) === 0; })
          .reduce(function (a, w) { return w.length > a.length ? w : a; }, "");
        return standIn.length < SUBSTITUTE;
      });
    });
  }

  function run(query) {
    var ticket = ++latest;
    query = query.trim();
    var id = measureOf(query);
    if (!query) { out.textContent = ""; return Promise.resolve(); }
    var prepared = prepare(query, d.lang);
    // "Searching…" at once while the index first loads (seconds on a slow phone) or for a measure
    // number; later, only if the answer is slow, so that the hits do not flicker as the reader types
    var waiting = null;
    if (!pagefind || id) show(query, id, null);
    else waiting = setTimeout(function () { if (ticket === latest) show(query, id, null); }, 300);
    return load().then(function (pf) {
      return pf.search(prepared);
    }).then(function (search) {
      search.terms = d.lang === "az" ? prepared.split(/\s+/).filter(Boolean) : [];
      return guessed(search).then(function (noise) {
        clearTimeout(waiting);
        if (ticket !== latest) return;
        return show(query, id, noise ? { results: [], terms: search.terms } : search);
      });
    }).catch(function () {
      if (ticket !== latest) return;
      out.textContent = "";
      out.appendChild(el("p", "none", d.failed));
    });
  }

  // The address carries the query as the reader types, so it can be sent, and opens the same search.
  function remember(query) {
    var url = new URL(window.location.href);
    if (query.trim()) url.searchParams.set("q", query.trim());
    else url.searchParams.delete("q");
    if (url.href !== window.location.href) history.replaceState(null, "", url.href);
  }

  form.hidden = false;
  var notice = document.getElementById("needs-js");
  if (notice) notice.hidden = true;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { remember(input.value); run(input.value); }, 200);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    var id = measureOf(input.value);
    if (id) { window.location.href = measureUrl(id); return; }
    remember(input.value);
    run(input.value);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    var id = measureOf(initial);
    if (id) window.location.replace(measureUrl(id));
    else run(initial);
  }
})();
