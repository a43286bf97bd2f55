// gazette search: reads the chunked index gazette writes under search/data/ (see
// src/search/mod.rs for the format). No libraries, no build step. Every URL is relative to
// the site's base path, read from the page (data-index), so a site under /archive/ works.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || !window.fetch) return;
  var dataUrl = root.getAttribute("data-index") || "data/";
  var version = root.getAttribute("data-version") || "";
  var language = root.getAttribute("data-language") || "en";
  var form = root.querySelector("form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var filters = root.querySelector(".search-filters");
  var FILTERS = ["topic", "outlet", "author", "year"];
  var select = {};
  FILTERS.concat(["sort"]).forEach(function (name) {
    select[name] = document.getElementById("search-" + name);
  });
  var PAGE = 20;
  var cache = {};
  var manifest = null;
  var facets = null;
  var shown = [];
  var run = 0;

  function get(path, json) {
    var url = dataUrl + path + (version ? "?v=" + version : "");
    if (!cache[url]) {
      cache[url] = load(url, json, 3);
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  // A request that stalls (a dropped connection, a server that never answers) is given up
  // after 8 s and tried again, up to `tries` times: one stuck file must not leave a search
  // waiting forever with its results half drawn. Errors the server answered (404) are final.
  function load(url, json, tries) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, 8000) : 0;
    return fetch(url, controller ? { signal: controller.signal } : {}).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return json ? r.json() : r.text();
    }).then(function (value) {
      clearTimeout(timer);
      return value;
    }, function (e) {
      clearTimeout(timer);
      var transient = e && (e.name === "AbortError" || e instanceof TypeError);
      if (transient && tries > 1) return load(url, json, tries - 1);
      throw e;
    });
  }

  // The same normalisation as gazette's search::terms: lowercase, accents off, letters and
  // digits only, single letters dropped. NFD covers the accents; these letters have none.
  var FOLD = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[ßæœøłđðþı]/g, function (c) { return FOLD[c]; });
  }
  function terms(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(function (t) {
      return t && t.length <= 40 && !(t.length === 1 && /[a-z]/.test(t));
    });
  }

  function decode(text) {
    var out = [], value = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i), d;
      if (c >= 48 && c <= 57) d = c - 48;
      else if (c >= 65 && c <= 90) d = c - 55;
      else if (c >= 97 && c <= 122) d = c - 61;
      else if (c === 45) d = 62;
      else if (c === 95) d = 63;
      else continue;
      if (d >= 32) value = value * 32 + d - 32;
      else { out.push(value * 32 + d); value = 0; }
    }
    return out;
  }

  // The shard holding `term`: the last whose first term is <= term.
  function shardOf(term) {
    var s = manifest.shards, lo = 0, hi = s.length - 1;
    if (hi < 0 || term < s[0]) return -1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (s[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function shard(n) {
    return get("shards/" + n + ".txt").then(function (text) {
      var map = new Map();
      text.split("\n").forEach(function (line) {
        var tab = line.indexOf("\t");
        if (tab > 0) map.set(line.slice(0, tab), line.slice(tab + 1));
      });
      return map;
    });
  }

  // doc id -> score for one term; the last word also matches as a prefix (up to 3 shards).
  function postings(term, prefix) {
    var first = shardOf(term);
    var wanted = [first];
    if (prefix) {
      for (var i = first + 1; i < manifest.shards.length && wanted.length < 3; i++) {
        if (manifest.shards[i].lastIndexOf(term, 0) !== 0) break;
        wanted.push(i);
      }
    }
    if (first < 0) {
      if (!prefix || !manifest.shards.length || manifest.shards[0].lastIndexOf(term, 0) !== 0) {
        return Promise.resolve(new Map());
      }
      wanted = [0];
    }
    return Promise.all(wanted.map(shard)).then(function (maps) {
      var found = [];
      maps.forEach(function (map) {
        if (prefix) {
          map.forEach(function (enc, t) { if (t.lastIndexOf(term, 0) === 0) found.push(enc); });
        } else if (map.has(term)) {
          found.push(map.get(term));
        }
      });
      var docs = new Map();
      found.slice(0, 200).forEach(function (enc) {
        var nums = decode(enc), id = 0;
        var idf = Math.log(1 + manifest.count / Math.max(1, nums.length / 2));
        for (var i = 0; i + 1 < nums.length; i += 2) {
          id += nums[i];
          var score = nums[i + 1] * idf;
          if (!(docs.get(id) >= score)) docs.set(id, score);
        }
      });
      return docs;
    });
  }

  function filterIds(name, value) {
    if (name === "year") {
      var range = manifest.years.filter(function (y) { return String(y[0]) === value; })[0];
      return Promise.resolve(range ? { from: range[1], to: range[2] } : { from: 1, to: 0 });
    }
    var kind = { topic: "topics", outlet: "outlets", author: "authors" }[name];
    var n = facets[kind].findIndex(function (f) { return f[0] === value; });
    if (n < 0) return Promise.resolve(new Set());
    return get(name + "/" + n + ".txt").then(function (text) {
      var ids = new Set(), id = 0;
      decode(text).forEach(function (d) { id += d; ids.add(id); });
      return ids;
    });
  }

  function state() {
    var params = new URLSearchParams(location.search);
    var s = { q: params.get("q") || "" };
    FILTERS.concat(["sort"]).forEach(function (name) { s[name] = params.get(name) || ""; });
    return s;
  }

  function fromForm() {
    var s = { q: input.value };
    FILTERS.concat(["sort"]).forEach(function (name) { s[name] = select[name].value; });
    return s;
  }

  function toForm(s) {
    input.value = s.q;
    FILTERS.concat(["sort"]).forEach(function (name) {
      var el = select[name];
      el.value = s[name];
      if (el.value !== s[name]) el.value = "";
    });
  }

  function query(s) {
    var params = new URLSearchParams();
    if (s.q.trim()) params.set("q", s.q.trim());
    FILTERS.concat(["sort"]).forEach(function (name) { if (s[name]) params.set(name, s[name]); });
    var text = params.toString();
    return location.pathname + (text ? "?" + text : "");
  }

  function search(s) {
    var stop = new Set(manifest.stop || []);
    var words = terms(s.q).filter(function (t) { return !stop.has(t); });
    var prefix = words.length > 0 && /[\p{L}\p{N}]$/u.test(s.q) && words[words.length - 1].length >= 2;
    var active = FILTERS.filter(function (name) { return s[name]; });
    if (!words.length && !active.length) return Promise.resolve(null);
    var lookups = words.map(function (w, i) { return postings(w, prefix && i === words.length - 1); });
    return Promise.all([Promise.all(lookups), Promise.all(active.map(function (name) {
      return filterIds(name, s[name]);
    }))]).then(function (found) {
      var lists = found[0], sets = found[1];
      var keep = function (id) {
        return sets.every(function (f) { return f instanceof Set ? f.has(id) : id >= f.from && id <= f.to; });
      };
      var hits = [];
      if (lists.length) {
        lists.sort(function (a, b) { return a.size - b.size; });
        lists[0].forEach(function (score, id) {
          var total = score;
          for (var i = 1; i < lists.length; i++) {
            var other = lists[i].get(id);
            if (other === undefined) return;
            total += other;
          }
          if (keep(id)) hits.push([id, total]);
        });
      } else {
        for (var id = 0; id < manifest.count; id++) if (keep(id)) hits.push([id, 0]);
      }
      var newest = s.sort === "newest" || !lists.length;
      hits.sort(function (a, b) { return newest ? a[0] - b[0] : b[1] - a[1] || a[0] - b[0]; });
      return { ids: hits.map(function (h) { return h[0]; }), words: words, prefix: prefix };
    });
  }

  // Marks every word of `text` matching the query, as text nodes and <mark> elements.
  function highlight(parent, text, words, prefix) {
    var last = words[words.length - 1];
    var re = /[\p{L}\p{N}]+/gu, at = 0, m;
    while ((m = re.exec(text))) {
      var t = terms(m[0]);
      var hit = t.some(function (w) {
        return words.indexOf(w) >= 0 || (prefix && last && w.lastIndexOf(last, 0) === 0);
      });
      if (!hit) continue;
      if (m.index > at) parent.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      parent.appendChild(mark);
      at = m.index + m[0].length;
    }
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // About 220 characters of `text` around the first matching word.
  function snippet(text, words, prefix) {
    var last = words[words.length - 1];
    var re = /[\p{L}\p{N}]+/gu, m, first = -1;
    while (words.length && (m = re.exec(text))) {
      if (terms(m[0]).some(function (w) {
        return words.indexOf(w) >= 0 || (prefix && last && w.lastIndexOf(last, 0) === 0);
      })) { first = m.index; break; }
    }
    var start = Math.max(0, first < 0 ? 0 : first - 80);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      if (space >= 0 && space < first) start = space + 1;
    }
    var end = Math.min(text.length, start + 220);
    var space2 = text.lastIndexOf(" ", end);
    if (end < text.length && space2 > start + 100) end = space2;
    return (start > 0 ? "… " : "") + text.slice(start, end).replace(/\s+/g, " ") + (end < text.length ? " …" : "");
  }

  function formatDate(iso) {
    try {
      return new Date(iso + "T12:00:00Z").toLocaleDateString(language, {
        year: "numeric", month: "long", day: "numeric", timeZone: "UTC"
      });
    } catch (e) { return iso; }
  }

  function render(result, from, token) {
    var ids = result.ids.slice(from, from + PAGE);
    var base = root.getAttribute("data-base") || "/";
    return Promise.all(ids.map(function (id) {
      return Promise.all([
        get("meta/" + Math.floor(id / manifest.chunk) + ".json", true),
        get("text/" + id + ".txt").catch(function () { return ""; })
      ]).then(function (got) { return [got[0][id % manifest.chunk], got[1]]; });
    })).then(function (rows) {
      if (token !== run) return;
      rows.forEach(function (row) {
        var meta = row[0];
        if (!meta) return;
        var li = document.createElement("li");
        li.className = "search-result";
        var h = document.createElement("h2");
        var a = document.createElement("a");
        a.href = base + meta[0].replace(/^\//, "");
        highlight(a, meta[1], result.words, result.prefix);
        h.appendChild(a);
        li.appendChild(h);
        var p = document.createElement("p");
        p.className = "meta";
        var time = document.createElement("time");
        time.setAttribute("datetime", meta[2]);
        time.textContent = formatDate(meta[2]);
        p.appendChild(time);
        if (meta[3] !== null && facets.outlets[meta[3]]) {
          var source = document.createElement("span");
          source.className = "source";
          source.textContent = facets.outlets[meta[3]][1];
          p.appendChild(source);
        }
        li.appendChild(p);
        if (row[1]) {
          var s = document.createElement("p");
          s.className = "snippet";
          highlight(s, snippet(row[1], result.words, result.prefix), result.words, result.prefix);
          li.appendChild(s);
        }
        list.appendChild(li);
      });
      shown = result;
      more.hidden = from + PAGE >= result.ids.length;
      more.setAttribute("data-next", String(from + PAGE));
    });
  }

  function update(s) {
    var token = ++run;
    search(s).then(function (result) {
      if (token !== run) return;
      list.textContent = "";
      more.hidden = true;
      if (!result) {
        status.textContent = manifest.count + " articles to search. Type a name, a place or a phrase.";
        return;
      }
      var n = result.ids.length;
      var what = s.q.trim() ? " for “" + s.q.trim() + "”" : "";
      status.textContent = (n === 0 ? "No results" : n === 1 ? "1 result" : n + " results") + what + ".";
      return render(result, 0, token);
    }).catch(function (e) {
      if (token !== run) return;
      status.textContent = "Search failed to load its index (" + e.message + ").";
    });
  }

  function option(el, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    el.appendChild(o);
  }

  var typing = 0;
  Promise.all([get("manifest.json", true), get("facets.json", true)]).then(function (got) {
    manifest = got[0];
    facets = got[1];
    [["topic", "topics"], ["outlet", "outlets"], ["author", "authors"]].forEach(function (pair) {
      facets[pair[1]].forEach(function (f) { option(select[pair[0]], f[0], f[1] + " (" + f[2] + ")"); });
    });
    manifest.years.forEach(function (y) { option(select.year, String(y[0]), String(y[0])); });
    filters.hidden = false;
    toForm(state());
    update(state());
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(typing);
      var s = fromForm();
      if (query(s) !== location.pathname + location.search) history.pushState(null, "", query(s));
      update(s);
    });
    input.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () {
        var s = fromForm();
        history.replaceState(null, "", query(s));
        update(s);
      }, 150);
    });
    FILTERS.concat(["sort"]).forEach(function (name) {
      select[name].addEventListener("change", function () {
        var s = fromForm();
        history.pushState(null, "", query(s));
        update(s);
      });
    });
    more.addEventListener("click", function () {
      render(shown, Number(more.getAttribute("data-next")) || 0, run);
    });
    window.addEventListener("popstate", function () {
      toForm(state());
      update(state());
    });
  }).catch(function (e) {
    status.textContent = "Search failed to load its index (" + e.message + ").";
  });
})();
