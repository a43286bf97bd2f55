// gazette search: reads the sharded index gazette writes under search/data/ (see
// src/search/mod.rs for the format). No libraries, no build step. gazette puts its
// tokeniser (gazetteTokenizer) and the site language's stemmer before this script, so a
// query is split, folded and stemmed exactly as the index was. Every URL is relative to
// the site's base path, read from the page (data-index), so a site under /archive/ works.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || !window.fetch || typeof gazetteTokenizer !== "function") return;
  var dataUrl = root.getAttribute("data-index") || "data/";
  var version = root.getAttribute("data-version") || "";
  var language = root.getAttribute("data-language") || "en";
  // The words the script writes, from the page in its language (data-strings, see
  // src/i18n/); English where a theme's page does not give them.
  var T = {
    n_results: { one: "{n} result", other: "{n} results" },
    no_results: "No results",
    up_to: "Up to {count}",
    results_for: "{count} for “{query}”.",
    results: "{count}.",
    n_to_search: { one: "{n} article to search. Type a name, a place or a phrase.", other: "{n} articles to search. Type a name, a place or a phrase." },
    search_failed: "Search failed to load its index ({error})."
  };
  try {
    var given = JSON.parse(root.getAttribute("data-strings") || "{}");
    Object.keys(given).forEach(function (k) { T[k] = given[k]; });
  } catch (e) { /* English, as above */ }
  var form = root.querySelector("form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var filters = root.querySelector(".search-filters");
  var FILTERS = ["topic", "outlet", "author", "year", "lang"];
  var PARAMS = FILTERS.concat(["sort"]);
  var select = {};
  PARAMS.forEach(function (name) { select[name] = document.getElementById("search-" + name); });
  // Results per page: each is one file to fetch (Pagefind shows 5).
  var PAGE = 10;
  // How much a word found through its stem (or as a prefix) counts against the word itself:
  // exact matches rank first.
  var STEM = 0.6, PREFIX = 0.5, PHRASE = 1.5, NEAR = 0.5;
  // Candidates of a phrase query read to find its results, at most.
  var CHECKED = 200;
  // Keys read as prefixes of the last word, at most.
  var PREFIX_KEYS = 64;
  var cache = {};
  var manifest = null, facets = null, tokenizer = null;
  var shown = null;
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
      if (!r.ok) { var e = new Error(url + ": " + r.status); e.status = r.status; throw e; }
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

  // Keys are sorted by code point, as Rust sorts strings; JavaScript's < compares UTF-16
  // units, which differs above U+FFFF.
  function cmp(a, b) {
    if (a === b) return 0;
    var i = 0;
    while (i < a.length && i < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(i);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
    }
    return a.length < b.length ? -1 : 1;
  }
  function startsWith(s, prefix) { return s.lastIndexOf(prefix, 0) === 0; }

  // The index in a list of [first key, name] pairs of the last entry whose first key <= key.
  function floor(pairs, key) {
    var lo = 0, hi = pairs.length - 1;
    if (hi < 0 || cmp(key, pairs[0][0]) < 0) return -1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (cmp(pairs[mid][0], key) <= 0) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // The [first key, shard name] pairs that may hold `key`: its shard and, for a prefix,
  // the following ones whose first key starts with it (up to 3 in all).
  function shardsFor(key, prefix) {
    var pick = function (pairs) {
      var at = floor(pairs, key);
      if (at < 0) at = prefix && pairs.length && startsWith(pairs[0][0], key) ? 0 : -1;
      if (at < 0) return [];
      var out = [pairs[at][1]];
      for (var i = at + 1; prefix && i < pairs.length && out.length < 3; i++) {
        if (!startsWith(pairs[i][0], key)) break;
        out.push(pairs[i][1]);
      }
      return out;
    };
    if (manifest.shards) return Promise.resolve(pick(manifest.shards));
    var d = floor(manifest.dirs, key);
    if (d < 0) return Promise.resolve([]);
    return get("dir/" + manifest.dirs[d][1] + ".json", true).then(pick);
  }

  // A shard: key -> { group: [keys sharing this stem], post: encoded postings, name }.
  function shard(name) {
    return get("shards/" + name + ".txt").then(function (text) {
      var map = new Map();
      text.split("\n").forEach(function (line) {
        var tab = line.indexOf("\t");
        if (tab <= 0) return;
        var key = line.slice(0, tab), rest = line.slice(tab + 1);
        var entry = map.get(key) || { name: name };
        if (rest.charAt(0) === "=") entry.group = rest.slice(1).split(" ");
        else entry.post = rest;
        map.set(key, entry);
      });
      return map;
    });
  }

  function entry(key) {
    return shardsFor(key, false).then(function (names) {
      if (!names.length) return null;
      return shard(names[0]).then(function (map) { return map.get(key) || null; });
    });
  }

  // Postings of an entry: Map id -> impact.
  function postings(e) {
    var docs = new Map();
    if (!e || !e.post) return docs;
    var nums = decode(e.post), id = 0;
    for (var i = 0; i + 1 < nums.length; i += 2) {
      id += nums[i];
      docs.set(id, nums[i + 1]);
    }
    return docs;
  }

  function idf(df) {
    var n = Math.max(manifest.count, df);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  // One word of a query: the articles that have it, its stem's other forms or (for the last
  // word) a key it begins, with the word's weight in each: Map id -> score.
  function word(token, prefix) {
    var key = tokenizer.key(token), stem = tokenizer.stem(token);
    return entry(stem).then(function (s) {
      var forms = new Set([key]);
      if (s && s.group) s.group.forEach(function (k) { forms.add(k); });
      else if (s && s.post) forms.add(stem);
      var lists = Array.from(forms).map(function (k) {
        return entry(k).then(function (e) { return [k === key ? 1 : STEM, postings(e)]; });
      });
      if (prefix) {
        lists.push(shardsFor(key, true).then(function (names) {
          return Promise.all(names.map(shard));
        }).then(function (maps) {
          var docs = new Map(), n = 0;
          maps.forEach(function (map) {
            map.forEach(function (e, k) {
              if (n >= PREFIX_KEYS || !e.post || forms.has(k) || !startsWith(k, key)) return;
              n++;
              postings(e).forEach(function (impact, id) {
                if (!(docs.get(id) >= impact)) docs.set(id, impact);
              });
            });
          });
          return [PREFIX, docs];
        }));
      }
      return Promise.all(lists);
    }).then(function (lists) {
      var best = new Map();
      lists.forEach(function (pair) {
        pair[1].forEach(function (impact, id) {
          var score = impact * pair[0];
          if (!(best.get(id) >= score)) best.set(id, score);
        });
      });
      var weight = idf(best.size);
      best.forEach(function (score, id) { best.set(id, score * weight); });
      return best;
    });
  }

  // A phrase's words as [key, offset] pairs (stop words skipped, their places counted).
  function phraseParts(tokens) {
    var stop = new Set(manifest.stop || []), parts = [];
    tokens.forEach(function (t, offset) {
      var key = tokenizer.key(t);
      if (!stop.has(key)) parts.push([key, offset]);
    });
    return parts;
  }

  // A phrase's candidates: the articles with each of its words, exactly (Map id -> score).
  // The index has no positions: whether they stand side by side is checked in the article's
  // text when it is shown (see `collect`).
  function phrase(tokens) {
    var parts = phraseParts(tokens);
    if (!parts.length) return Promise.resolve(null);
    return Promise.all(parts.map(function (p) {
      return entry(p[0]).then(postings);
    })).then(function (lists) {
      lists.sort(function (a, b) { return a.size - b.size; });
      var weights = lists.map(function (l) { return idf(l.size); });
      var out = new Map();
      lists[0].forEach(function (impact, id) {
        var score = 0;
        for (var i = 0; i < lists.length; i++) {
          var v = lists[i].get(id);
          if (v === undefined) return;
          score += v * weights[i];
        }
        out.set(id, score * (parts.length > 1 ? PHRASE : 1));
      });
      return out;
    });
  }

  // An article's text as keys, headline and text apart (a phrase never spans the two);
  // made once per article file (checking a phrase and ordering the first page both read it).
  var keysOf = new WeakMap();
  function textKeys(doc) {
    if (!keysOf.has(doc)) {
      keysOf.set(doc, [doc.t || "", doc.x || ""].map(function (text) {
        return tokenizer.tokens(text).map(function (t) { return tokenizer.key(t); });
      }));
    }
    return keysOf.get(doc);
  }

  // Whether `keys` (of one text) hold the phrase `parts` side by side.
  function holds(keys, parts) {
    if (parts.length < 2) return !parts.length || keys.indexOf(parts[0][0]) >= 0;
    var first = parts[0];
    for (var i = 0; i < keys.length; i++) {
      if (keys[i] !== first[0]) continue;
      var start = i - first[1];
      if (parts.every(function (p) { return keys[start + p[1]] === p[0]; })) return true;
    }
    return false;
  }

  // The query as typed: words, "phrases" and -exclusions.
  function parse(q) {
    var stop = new Set(manifest.stop || []);
    var out = { words: [], phrases: [], not: [], notPhrases: [], marks: [] };
    var re = /(-?)"([^"]*)("?)|(-?)(\S+)/g, m, last = null;
    while ((m = re.exec(q))) {
      if (m[2] !== undefined) {
        var toks = tokenizer.tokens(m[2]);
        if (!toks.length) continue;
        (m[1] ? out.notPhrases : out.phrases).push(toks);
        if (!m[1]) toks.forEach(function (t) { out.marks.push({ key: tokenizer.key(t) }); });
        last = null;
      } else {
        var neg = m[4] === "-" && m[5].length > 0;
        var parts = tokenizer.tokens(m[5]);
        // One word the tokeniser splits (Chinese or Japanese text, "e-mail") is a phrase.
        if (parts.length > 1) {
          (neg ? out.notPhrases : out.phrases).push(parts);
          if (!neg) parts.forEach(function (t) { out.marks.push({ key: tokenizer.key(t) }); });
          last = null;
          continue;
        }
        parts.forEach(function (t) {
          var key = tokenizer.key(t);
          if (stop.has(key)) return;
          if (neg) { out.not.push(t); return; }
          var w = { token: t, prefix: false };
          out.words.push(w);
          out.marks.push({ key: key, stem: tokenizer.stem(t) });
          last = w;
        });
        if (neg) last = null;
      }
    }
    // The last word, typed up to the end, is also a prefix ("sajj" finds Sajjan).
    if (last && last === out.words[out.words.length - 1] && /[\p{L}\p{N}]$/u.test(q) &&
        tokenizer.key(last.token).length >= 2) {
      last.prefix = true;
      out.marks[out.marks.length - 1].prefix = true;
    }
    return out;
  }

  function filterSet(name, value) {
    if (name === "year") {
      var y = manifest.years.filter(function (y) { return String(y[0]) === value; })[0];
      return Promise.resolve({ from: y ? y[1] : 1, to: y ? y[2] : 0 });
    }
    if (name === "lang") {
      var langs = manifest.languages || [];
      if (langs.length <= 1) {
        var only = langs.length ? langs[0][0] : manifest.language;
        return Promise.resolve(value === only ? null : new Set());
      }
    }
    if (!/^[\p{L}\p{M}\p{N}_.-]+$/u.test(value)) return Promise.resolve(new Set());
    return get(name + "/" + encodeURIComponent(value) + ".txt").then(function (text) {
      var ids = new Set(), id = 0;
      decode(text).forEach(function (d) { id += d; ids.add(id); });
      return ids;
    }, function (e) {
      if (e && e.status === 404) return new Set();
      throw e;
    });
  }

  function allIds() {
    return get("all.txt").then(function (text) {
      var ids = [], id = 0;
      decode(text).forEach(function (d) { id += d; ids.push(id); });
      return ids;
    });
  }

  function search(s) {
    var q = parse(s.q);
    var active = FILTERS.filter(function (name) { return s[name]; });
    var required = q.words.length + q.phrases.length;
    if (!required && !active.length) return Promise.resolve(null);
    var lookups = q.words.map(function (w) { return word(w.token, w.prefix); })
      .concat(q.phrases.map(phrase));
    var excluded = q.not.map(function (t) { return word(t, false); });
    return Promise.all([
      Promise.all(lookups), Promise.all(excluded),
      Promise.all(active.map(function (name) { return filterSet(name, s[name]); })),
      required ? null : allIds()
    ]).then(function (found) {
      var lists = found[0].filter(Boolean), nots = found[1].filter(Boolean), sets = found[2];
      var keep = function (id) {
        if (nots.some(function (n) { return n.has(id); })) return false;
        return sets.every(function (f) {
          return f === null || (f instanceof Set ? f.has(id) : id >= f.from && id <= f.to);
        });
      };
      var hits = [];
      if (required) {
        if (lists.length < required) lists = [new Map()];
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
        found[3].forEach(function (id) { if (keep(id)) hits.push([id, 0]); });
      }
      if (manifest.ranking === "news") {
        // Recency boost: a day-old article counts up to twice as much, halving every
        // half_life days of age (counted from the newest article, so results do not drift
        // with the reader's clock).
        var newest = Math.floor(manifest.newest / manifest.slots);
        hits.forEach(function (h) {
          var age = newest - Math.floor(h[0] / manifest.slots);
          h[1] *= 1 + Math.pow(0.5, age / manifest.half_life);
        });
      }
      var newestFirst = s.sort === "newest" || s.sort === "date" || !required;
      hits.sort(function (a, b) { return newestFirst ? b[0] - a[0] : b[1] - a[1] || b[0] - a[0]; });
      var phrases = q.phrases.map(phraseParts), nots = q.notPhrases.map(phraseParts);
      // Words typed side by side: where they stand side by side, the article ranks higher.
      var pairs = [];
      for (var i = 0; i + 1 < q.words.length; i++) {
        pairs.push([[tokenizer.key(q.words[i].token), 0], [tokenizer.key(q.words[i + 1].token), 1]]);
      }
      return {
        ids: hits.map(function (h) { return h[0]; }),
        scores: new Map(hits),
        newestFirst: newestFirst,
        marks: q.marks,
        pairs: pairs,
        // Phrases are checked in the text of each candidate as it is shown.
        check: phrases.length || nots.length ? function (doc) {
          var texts = textKeys(doc);
          var has = function (parts) { return texts.some(function (k) { return holds(k, parts); }); };
          return phrases.every(has) && !nots.some(has);
        } : null,
        shown: [],
        next: 0
      };
    });
  }

  // Fills `result.shown` with at least `want` results (or all there are): with phrases to
  // check, candidates are read a page at a time, and at most CHECKED of them in all.
  function collect(result, want) {
    if (!result.check) {
      result.shown = result.ids;
      result.done = true;
      return Promise.resolve(result);
    }
    if (result.shown.length >= want || result.next >= result.ids.length || result.next >= CHECKED) {
      result.done = result.next >= result.ids.length;
      return Promise.resolve(result);
    }
    var batch = result.ids.slice(result.next, result.next + PAGE);
    result.next += batch.length;
    return Promise.all(batch.map(function (id) {
      return get("doc/" + id + ".json", true).catch(function () { return null; });
    })).then(function (docs) {
      docs.forEach(function (doc, n) { if (doc && result.check(doc)) result.shown.push(batch[n]); });
      return collect(result, want);
    });
  }

  // The first page in relevance order: articles where words typed side by side stand side
  // by side move up (their score grows by NEAR for each such pair).
  function nearFirst(result, ids, docs) {
    if (result.newestFirst || !result.pairs.length) return;
    var score = function (n) {
      var texts = docs[n] ? textKeys(docs[n]) : [];
      var near = result.pairs.filter(function (p) {
        return texts.some(function (k) { return holds(k, p); });
      }).length;
      return (result.scores.get(ids[n]) || 0) * (1 + NEAR * near);
    };
    var order = ids.map(function (id, n) { return [n, score(n)]; });
    order.sort(function (a, b) { return b[1] - a[1] || ids[b[0]] - ids[a[0]]; });
    var sortedIds = order.map(function (o) { return ids[o[0]]; });
    var sortedDocs = order.map(function (o) { return docs[o[0]]; });
    for (var i = 0; i < ids.length; i++) { ids[i] = sortedIds[i]; docs[i] = sortedDocs[i]; }
  }

  // Whether a run of text (a word as printed) matches what the query asked for.
  function matches(text, marks) {
    return tokenizer.tokens(text).some(function (t) {
      var key = tokenizer.key(t), stem = null;
      return marks.some(function (m) {
        if (m.key === key || (m.prefix && startsWith(key, m.key))) return true;
        if (m.stem === undefined) return false;
        if (stem === null) stem = tokenizer.stem(t);
        return m.stem === stem;
      });
    });
  }

  var WORD = /[\p{L}\p{N}\p{M}]+(?:['’.,][\p{L}\p{N}\p{M}]+)*/gu;

  // Marks every word of `text` matching the query, as text nodes and <mark> elements.
  function highlight(parent, text, marks) {
    var re = new RegExp(WORD.source, "gu"), at = 0, m;
    while ((m = re.exec(text))) {
      if (!matches(m[0], marks)) continue;
      if (m.index > at) parent.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      parent.appendChild(mark);
      at = m.index + m[0].length;
    }
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // About 220 characters of `text` around the first matching word.
  function snippet(text, marks) {
    var re = new RegExp(WORD.source, "gu"), m, first = -1;
    while (marks.length && (m = re.exec(text))) {
      if (matches(m[0], marks)) { first = m.index; break; }
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
    var base = root.getAttribute("data-base") || "/";
    var ids;
    return collect(result, from + PAGE).then(function () {
      ids = result.shown.slice(from, from + PAGE);
      return Promise.all(ids.map(function (id) {
        return get("doc/" + id + ".json", true).catch(function () { return null; });
      }));
    }).then(function (docs) {
      if (token !== run) return;
      if (from === 0) nearFirst(result, ids, docs);
      docs.forEach(function (doc) {
        if (!doc) return;
        var li = document.createElement("li");
        li.className = "search-result";
        var h = document.createElement("h2");
        var a = document.createElement("a");
        a.href = base + doc.u.replace(/^\//, "");
        highlight(a, doc.t, result.marks);
        h.appendChild(a);
        li.appendChild(h);
        var p = document.createElement("p");
        p.className = "meta";
        var time = document.createElement("time");
        time.setAttribute("datetime", doc.d);
        time.textContent = formatDate(doc.d);
        p.appendChild(time);
        if (doc.o) {
          var source = document.createElement("span");
          source.className = "source";
          source.textContent = doc.o[1];
          p.appendChild(source);
        }
        li.appendChild(p);
        if (doc.x) {
          var s = document.createElement("p");
          s.className = "snippet";
          highlight(s, snippet(doc.x, result.marks), result.marks);
          li.appendChild(s);
        }
        list.appendChild(li);
      });
      shown = result;
      more.hidden = from + PAGE >= (result.done ? result.shown.length : result.ids.length);
      more.setAttribute("data-next", String(from + PAGE));
      status.textContent = counted(result);
      // The count in figures, whatever the language of the words: for scripts and tests.
      status.setAttribute("data-count", String(result.done ? result.shown.length : result.ids.length));
    });
  }

  function state() {
    var params = new URLSearchParams(location.search);
    var s = { q: params.get("q") || "" };
    PARAMS.forEach(function (name) { s[name] = params.get(name) || ""; });
    return s;
  }

  function fromForm() {
    var s = { q: input.value };
    var now = state();
    PARAMS.forEach(function (name) { s[name] = select[name] ? select[name].value : now[name]; });
    return s;
  }

  function option(el, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    el.appendChild(o);
  }

  function toForm(s) {
    input.value = s.q;
    PARAMS.forEach(function (name) {
      var el = select[name];
      if (!el) return;
      el.value = s[name];
      // A filter from a link whose value the menu does not list (the menus hold the
      // commonest values only) still applies: add it.
      if (el.value !== s[name] && s[name] && name !== "sort") {
        option(el, s[name], s[name]);
        el.value = s[name];
      }
      if (el.value !== s[name]) el.value = "";
    });
  }

  function query(s) {
    var params = new URLSearchParams();
    if (s.q.trim()) params.set("q", s.q.trim());
    PARAMS.forEach(function (name) { if (s[name]) params.set(name, s[name]); });
    var text = params.toString();
    return location.pathname + (text ? "?" + text : "");
  }

  // `text` with each {name} of `values` filled in.
  function fill(text, values) {
    return String(text).replace(/\{([a-z_]+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  // The form of a counted string for `n`, by the language's plural rule (CLDR's, as the
  // pages use), with the number written in Latin digits as the pages write it.
  function plural(forms, n) {
    var number = String(n);
    try { number = n.toLocaleString(language, { numberingSystem: "latn" }); } catch (e) { /* plain */ }
    if (typeof forms === "string") return fill(forms, { n: number });
    var category = "other";
    try { category = new Intl.PluralRules(language).select(n); } catch (e) { /* other */ }
    return fill(forms[category] || forms.other || "", { n: number });
  }

  // The status line: how many results (with phrases, how many so far, until all the
  // candidates are read).
  function counted(result) {
    var n = result.done ? result.shown.length : result.ids.length;
    var count = n === 0 ? T.no_results : plural(T.n_results, n);
    if (!result.done) count = fill(T.up_to, { count: count });
    return result.query ? fill(T.results_for, { count: count, query: result.query }) : fill(T.results, { count: count });
  }

  function update(s) {
    var token = ++run;
    search(s).then(function (result) {
      if (token !== run) return;
      list.textContent = "";
      more.hidden = true;
      status.removeAttribute("data-count");
      if (!result) {
        status.textContent = plural(T.n_to_search, manifest.count);
        return;
      }
      result.query = s.q.trim();
      return render(result, 0, token);
    }).catch(function (e) {
      if (token !== run) return;
      status.textContent = fill(T.search_failed, { error: e.message });
    });
  }

  var typing = 0;
  get("manifest.json", true).then(function (m) {
    manifest = m;
    var stemmers = typeof gazetteStemmers === "object" && gazetteStemmers ? gazetteStemmers : {};
    tokenizer = gazetteTokenizer(manifest.language, manifest.fold, stemmers);
    toForm(state());
    update(state());
    return get("facets.json", true).then(function (f) {
      facets = f;
      [["topic", "topics"], ["outlet", "outlets"], ["author", "authors"]].forEach(function (pair) {
        var el = select[pair[0]];
        if (!el) return;
        facets[pair[1]].forEach(function (f) { option(el, f[0], f[1] + " (" + f[2] + ")"); });
      });
      if (select.year) {
        manifest.years.forEach(function (y) { option(select.year, String(y[0]), String(y[0])); });
      }
      if (select.lang) {
        (manifest.languages || []).forEach(function (l) {
          option(select.lang, l[0], l[0] + " (" + l[1] + ")");
        });
        // One language: nothing to choose.
        if ((manifest.languages || []).length < 2) select.lang.parentNode.hidden = true;
      }
      filters.hidden = false;
      toForm(state());
    });
  }).then(function () {
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
    PARAMS.forEach(function (name) {
      if (!select[name]) return;
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
    status.textContent = fill(T.search_failed, { error: e.message });
  });
})();
