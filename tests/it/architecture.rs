//! The architecture rules gazette committed to (`../shared/STYLE.md`), checked on the crate's
//! own `src/`: the top-level modules do not depend on each other in a cycle, files stay small,
//! and file-system access goes through `crate::fs` (whose helpers put the path in every I/O
//! error) rather than calling `std::fs` all over the crate.
//!
//! The checks read the source as text. Comments, strings and character literals are blanked
//! first (a port of the tokenizer of `tools/module_graph.py`), so a doc link, a URL or a test
//! string that mentions `crate::x` is not a dependency. The tests at the bottom feed the
//! checker made-up sources to show that each check can fail.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The most lines any `.rs` file under `src/` may have.
const MAX_LINES: usize = 800;
/// `src/build.rs` only sequences the stages the other modules own, so it is held shorter.
const MAX_BUILD_LINES: usize = 300;
/// The most direct `std::fs` calls allowed outside the modules that own file-system access.
const MAX_DIRECT_FS_CALLS: usize = 10;
/// The modules that own file-system access (paths relative to `src/`; a trailing `/` is a folder).
const FS_OWNERS: &[&str] = &["fs.rs", "writer/", "incremental/"];

#[test]
fn top_level_modules_have_no_cycles() {
    let graph = module_graph(&sources());
    let cycles = cycles(&graph);
    assert!(cycles.is_empty(), "{}", describe_cycles(&graph, &cycles));
}

#[test]
fn files_stay_small() {
    let long = oversized(&sources());
    assert!(
        long.is_empty(),
        "files over their line limit:\n{}\nSplit such a file by responsibility (one stage per \
         module, STYLE.md), or move its unit tests to a `#[cfg(test)] #[path = \"x_tests.rs\"] \
         mod tests;` beside it as src/theme.rs does.",
        long.join("\n")
    );
}

#[test]
fn file_system_access_goes_through_fs() {
    let calls = direct_fs_calls(&sources());
    assert!(
        calls.len() <= MAX_DIRECT_FS_CALLS,
        "{} direct `std::fs::` calls outside src/fs.rs, src/writer/ and src/incremental/; the \
         limit is {MAX_DIRECT_FS_CALLS}:\n{}\nUse the helpers in src/fs.rs (crate::fs), which put \
         the path in the error, or add the one you need there.",
        calls.len(),
        calls.join("\n")
    );
}

// ---- Reading src/ ----

/// One `.rs` file: its path relative to `src/` (with `/` separators) and its text.
struct Source {
    path: String,
    text: String,
}

impl Source {
    fn new(path: &str, text: &str) -> Source {
        Source {
            path: path.to_string(),
            text: text.to_string(),
        }
    }
}

/// Every `.rs` file under the crate's `src/`, sorted by path.
fn sources() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    collect(&src, "", &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    assert!(
        out.iter().any(|s| s.path == "lib.rs"),
        "no lib.rs found under {}",
        src.display()
    );
    out
}

fn collect(dir: &Path, prefix: &str, out: &mut Vec<Source>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            collect(&path, &format!("{prefix}{name}/"), out);
        } else if name.ends_with(".rs") {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
            out.push(Source {
                path: format!("{prefix}{name}"),
                text,
            });
        }
    }
}

/// `src/<path>:<line>` for the byte `offset` of `code`.
fn place(path: &str, code: &str, offset: usize) -> String {
    let line = code.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    format!("src/{path}:{line}")
}

// ---- Rule 2: file length ----

/// `src/x.rs: N lines (limit L)` for each file over its limit.
fn oversized(files: &[Source]) -> Vec<String> {
    files
        .iter()
        .filter_map(|file| {
            let limit = if file.path == "build.rs" {
                MAX_BUILD_LINES
            } else {
                MAX_LINES
            };
            let lines = file.text.lines().count();
            (lines > limit).then(|| format!("  src/{}: {lines} lines (limit {limit})", file.path))
        })
        .collect()
}

// ---- Rule 3: direct std::fs calls ----

/// `src/x.rs:line` for each direct `std::fs` call outside [`FS_OWNERS`]. Test code counts too:
/// a test that writes its fixtures through `crate::fs` exercises the helpers as well.
fn direct_fs_calls(files: &[Source]) -> Vec<String> {
    let mut out = Vec::new();
    for file in files {
        if FS_OWNERS.iter().any(|owner| file.path.starts_with(owner)) {
            continue;
        }
        let code = strip_code(&file.text);
        for offset in fs_calls(&code) {
            out.push(format!("  {}", place(&file.path, &code, offset)));
        }
    }
    out
}

/// Byte offsets of the direct `std::fs` calls in blanked `code`: `std::fs::` followed by a path
/// whose last segment is a lower-case name and then `(` (`std::fs::read(`,
/// `std::fs::File::open(`), but not a type named in a signature (`std::fs::File`,
/// `std::fs::Metadata`). Doubt: a `use std::fs;` followed by `fs::read(` is not counted.
fn fs_calls(code: &str) -> Vec<usize> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    for at in word_positions(code, "std") {
        let Some(mut j) = path_sep(b, at + 3) else {
            continue;
        };
        if word_at(b, j) != Some("fs") {
            continue;
        }
        let Some(next) = path_sep(b, j + 2) else {
            continue;
        };
        j = next;
        let mut last = None;
        while let Some(segment) = word_at(b, j) {
            last = Some(segment);
            j += segment.len();
            match path_sep(b, j) {
                Some(next) => j = next,
                None => break,
            }
        }
        let calls = b.get(skip_ws(b, j)) == Some(&b'(');
        if calls && last.is_some_and(|s| s.starts_with(|c: char| c.is_ascii_lowercase())) {
            out.push(at);
        }
    }
    out
}

// ---- Rule 1: the module graph ----

/// The top-level modules and who names whom.
struct Graph {
    modules: BTreeSet<String>,
    /// For each edge `a -> b`, the places (`src/file:line`) where `a` names `b`.
    edges: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

/// The graph of the top-level modules of `files` (paths relative to `src/`): a file `x.rs` or a
/// folder `x/` is module `x`; `lib.rs` is the root and is left out; `main.rs` is module `main`
/// and names the others as `gazette::x`. `a` depends on `b` when a file of `a` names
/// `crate::b`, in a path or as the first segment of an item of a grouped `use crate::{b, ..}`.
/// `super::` is not followed: inside a folder it stays inside the module.
///
/// Test code does not count: `#[cfg(test)]` items, and the files that a `#[cfg(test)] mod x;`
/// declares (`tests.rs`, `theme_tests.rs` through `#[path]`), are compiled into the test
/// harness, never into the library, so they add no dependency a user of the library or a
/// reader of the pipeline meets. A unit test may drive a later stage to check its module: the
/// theme's tests (src/theme_tests.rs, which is `theme::tests`) check that the built-in theme
/// provides every template in `crate::render::REQUIRED_TEMPLATES`, and render uses theme;
/// counting that would report a theme <-> render cycle that the library does not have.
/// (`tools/module_graph.py` misses that edge either way: it reads `theme_tests.rs` as a module
/// of its own.) The `testing` module (synthetic archives) does count: a feature compiles it
/// into the library. Doubt: only the exact `#[cfg(test)]` is recognised, not `cfg(all(test, ..))`.
fn module_graph(files: &[Source]) -> Graph {
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| module_of(&f.path))
        .filter(|m| m != "lib")
        .collect();
    let mut edges: BTreeMap<String, BTreeMap<String, Vec<String>>> = modules
        .iter()
        .map(|m| (m.clone(), BTreeMap::new()))
        .collect();

    let mut code_of = BTreeMap::new();
    let mut test_paths = Vec::new();
    for file in files {
        let (code, declared) = drop_test_items(&file.path, &file.text, &strip_code(&file.text));
        test_paths.extend(declared);
        code_of.insert(file.path.as_str(), code);
    }
    // A test module's file `x/tests.rs` (or `x/tests/mod.rs`) and its submodules under `x/tests/`.
    let is_test_file = |path: &str| {
        test_paths.iter().any(|t| {
            let dir = t
                .strip_suffix("/mod.rs")
                .or(t.strip_suffix(".rs"))
                .unwrap_or(t);
            path == t || path.starts_with(&format!("{dir}/"))
        })
    };

    for file in files {
        if file.path == "lib.rs" || is_test_file(&file.path) {
            continue;
        }
        let code = &code_of[file.path.as_str()];
        let source = module_of(&file.path);
        let root = if source == "main" { "gazette" } else { "crate" };
        for (offset, target) in references(code, root) {
            if modules.contains(&target) && target != source && target != "main" {
                edges
                    .get_mut(&source)
                    .expect("every source is a module")
                    .entry(target)
                    .or_default()
                    .push(place(&file.path, code, offset));
            }
        }
    }
    Graph { modules, edges }
}

fn module_of(path: &str) -> String {
    match path.split_once('/') {
        Some((folder, _)) => folder.to_string(),
        None => path.strip_suffix(".rs").unwrap_or(path).to_string(),
    }
}

/// The strongly connected components with more than one module (Tarjan), each sorted.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Tarjan<'g> {
        graph: &'g Graph,
        counter: usize,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        out: Vec<Vec<String>>,
    }

    impl<'g> Tarjan<'g> {
        fn visit(&mut self, v: &'g str) {
            self.index.insert(v, self.counter);
            self.low.insert(v, self.counter);
            self.counter += 1;
            self.stack.push(v);
            self.on_stack.insert(v);
            let graph = self.graph;
            for w in graph.edges.get(v).into_iter().flat_map(|e| e.keys()) {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                loop {
                    let w = self.stack.pop().expect("v is on the stack");
                    self.on_stack.remove(w);
                    component.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                component.sort();
                self.out.push(component);
            }
        }
    }

    let mut tarjan = Tarjan {
        graph,
        counter: 0,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in &graph.modules {
        if !tarjan.index.contains_key(v.as_str()) {
            tarjan.visit(v);
        }
    }
    let mut out: Vec<_> = tarjan.out.into_iter().filter(|c| c.len() > 1).collect();
    out.sort();
    out
}

/// The failure message: each cycle, each edge inside it with the first place that makes it.
fn describe_cycles(graph: &Graph, cycles: &[Vec<String>]) -> String {
    let mut text = String::from(
        "the top-level modules of src/ depend on each other in a cycle; data should flow one \
         way, each module owning one stage (STYLE.md). Test code is not counted.\n",
    );
    for component in cycles {
        text.push_str(&format!("  cycle {{{}}}", component.join(", ")));
        if let Some(shortest) = shortest_cycle(graph, component) {
            text.push_str(&format!(", e.g. {}", shortest.join(" -> ")));
        }
        text.push_str(":\n");
        for a in component {
            for (b, places) in &graph.edges[a] {
                if component.contains(b) {
                    let more = match places.len() {
                        1 => String::new(),
                        n => format!(" (and {} more)", n - 1),
                    };
                    text.push_str(&format!("    {a} -> {b}: {}{more}\n", places[0]));
                }
            }
        }
    }
    text.push_str(
        "Break each cycle so the edge goes one way: move what both modules need into a lower \
         module that owns it, or pass it in as a value. `python3 tools/module_graph.py --why A B` \
         lists every place where A names B.",
    );
    text
}

/// A shortest cycle inside `component`, as its modules with the first one repeated at the end.
fn shortest_cycle(graph: &Graph, component: &[String]) -> Option<Vec<String>> {
    let mut best: Option<Vec<String>> = None;
    for start in component {
        // Breadth first from `start` until an edge leads back to it.
        let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start.as_str()]);
        let mut back = None;
        while let Some(v) = queue.pop_front() {
            for w in graph.edges[v].keys().filter(|w| component.contains(w)) {
                if w == start {
                    back = Some(v);
                    break;
                }
                if !parent.contains_key(w.as_str()) {
                    parent.insert(w.as_str(), v);
                    queue.push_back(w);
                }
            }
            if back.is_some() {
                break;
            }
        }
        let Some(mut v) = back else {
            continue;
        };
        let mut path = Vec::new();
        while v != start {
            path.push(v.to_string());
            v = parent[v];
        }
        path.push(start.clone());
        path.reverse();
        path.push(start.clone());
        if best.as_ref().is_none_or(|b| path.len() < b.len()) {
            best = Some(path);
        }
    }
    best
}

/// Every `root::module` and `root::{module, ..}` in blanked `code`, as (byte offset, module).
fn references(code: &str, root: &str) -> Vec<(usize, String)> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    for at in word_positions(code, root) {
        let Some(j) = path_sep(b, at + root.len()) else {
            continue;
        };
        if b.get(j) == Some(&b'{') {
            out.extend(group_heads(b, j));
        } else if let Some(word) = word_at(b, j) {
            out.push((at, word.to_string()));
        }
    }
    out
}

/// The first path segment of each item of the `{..}` group that opens at `start`, with its offset.
fn group_heads(b: &[u8], start: usize) -> Vec<(usize, String)> {
    let mut items = Vec::new();
    let (mut depth, mut item_start) = (0, start + 1);
    for (j, &c) in b.iter().enumerate().skip(start) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    items.push(item_start);
                    break;
                }
            }
            b',' if depth == 1 => {
                items.push(item_start);
                item_start = j + 1;
            }
            _ => {}
        }
    }
    items
        .into_iter()
        .filter_map(|item| {
            let j = skip_ws(b, item);
            word_at(b, j).map(|w| (j, w.to_string()))
        })
        .collect()
}

/// Blanks the `#[cfg(test)]` items of blanked `code` (the file `path`, text `original`), and
/// returns the files that its `#[cfg(test)] mod name;` declarations bring in (relative to `src/`;
/// both `name.rs` and `name/mod.rs` when there is no `#[path]`).
fn drop_test_items(path: &str, original: &str, code: &str) -> (String, Vec<String>) {
    let b = code.as_bytes();
    let mut out = b.to_vec();
    let mut declared = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let Some((mut j, inner)) = attribute(b, i) else {
            i += 1;
            continue;
        };
        if squeeze(&code[inner]) != "cfg(test)" {
            i = j;
            continue;
        }
        if b[skip_ws(b, i + 1)] == b'!' {
            // `#![cfg(test)]`: the whole (rest of the) file is test code.
            blank_in_place(&mut out[i..]);
            break;
        }
        // Further attributes, a `#[path = ".."]` among them, then the item.
        let mut path_attr = None;
        loop {
            let k = skip_ws(b, j);
            let Some((end, inner)) = attribute(b, k) else {
                j = k;
                break;
            };
            if squeeze(&code[inner.clone()]).starts_with("path=") {
                // The string is blanked in `code`; its text is at the same offsets in `original`.
                let open = inner.start + code[inner.clone()].find('"').expect("path = \"..\"");
                let close = original[open + 1..].find('"').expect("closing quote") + open + 1;
                path_attr = Some(original[open + 1..close].to_string());
            }
            j = end;
        }
        let end = item_end(b, j);
        if let Some(name) = mod_declaration(&code[j..end]) {
            declared.extend(module_files(path, &name, path_attr.as_deref()));
        }
        blank_in_place(&mut out[i..end]);
        i = end;
    }
    (
        String::from_utf8(out).expect("blanking keeps UTF-8"),
        declared,
    )
}

/// Spaces for every byte of `bytes` but newlines.
fn blank_in_place(bytes: &mut [u8]) {
    for byte in bytes {
        if *byte != b'\n' {
            *byte = b' ';
        }
    }
}

/// `text` without its whitespace.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The attribute `#[..]` (or `#![..]`) at `i`: where it ends and the range of its inside.
fn attribute(b: &[u8], i: usize) -> Option<(usize, std::ops::Range<usize>)> {
    if b.get(i) != Some(&b'#') {
        return None;
    }
    let mut j = skip_ws(b, i + 1);
    if b.get(j) == Some(&b'!') {
        j = skip_ws(b, j + 1);
    }
    if b.get(j) != Some(&b'[') {
        return None;
    }
    let mut depth = 0;
    for (k, &c) in b.iter().enumerate().skip(j) {
        match c {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some((k + 1, j + 1..k));
                }
            }
            _ => {}
        }
    }
    None
}

/// Where the item starting at `j` ends: after its `;`, or after the `}` of its body.
fn item_end(b: &[u8], j: usize) -> usize {
    let mut depth = 0usize;
    for (k, &c) in b.iter().enumerate().skip(j) {
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return k + 1;
                }
            }
            b';' if depth == 0 => return k + 1,
            _ => {}
        }
    }
    b.len()
}

/// `name` when `item` is `[pub[(..)]] mod name;` (a module in a file of its own).
fn mod_declaration(item: &str) -> Option<String> {
    let words: Vec<&str> = item
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ';'))
        .filter(|w| !w.is_empty())
        .collect();
    let rest = match words.as_slice() {
        ["pub", rest @ ..] => rest,
        rest => rest,
    };
    let rest = match rest {
        [scope, rest @ ..] if matches!(*scope, "crate" | "super" | "self" | "in") => rest,
        rest => rest,
    };
    match rest {
        ["mod", name] => name.strip_suffix(';').map(str::to_string),
        ["mod", name, ";"] => Some(name.to_string()),
        _ => None,
    }
}

/// The files (relative to `src/`) that `mod name;` in the file `path` may load.
fn module_files(path: &str, name: &str, path_attr: Option<&str>) -> Vec<String> {
    let (dir, file) = match path.rsplit_once('/') {
        Some((dir, file)) => (format!("{dir}/"), file),
        None => (String::new(), path),
    };
    if let Some(attr) = path_attr {
        return vec![format!("{dir}{}", attr.trim_start_matches("./"))];
    }
    let base = match file {
        "mod.rs" | "lib.rs" | "main.rs" => dir,
        _ => format!("{dir}{}/", file.trim_end_matches(".rs")),
    };
    vec![format!("{base}{name}.rs"), format!("{base}{name}/mod.rs")]
}

// ---- The tokenizer (tools/module_graph.py, strip_code) ----

/// `text` with comments (line, block, nested block, doc), strings (normal, byte, raw, raw
/// byte) and char literals blanked. Unlike the Python helper, every byte keeps its offset
/// (blanked bytes become spaces, a literal keeps its quotes), so a byte offset in the result
/// is one in `text` and names the same line.
fn strip_code(text: &str) -> String {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let c = b[i];
        if b[i..].starts_with(b"//") {
            let j = b[i..].iter().position(|&c| c == b'\n').map_or(n, |k| i + k);
            blank(&mut out, &b[i..j]);
            i = j;
        } else if b[i..].starts_with(b"/*") {
            let (mut depth, mut j) = (1, i + 2);
            while j < n && depth > 0 {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank(&mut out, &b[i..j]);
            i = j;
        } else if is_word(c) {
            // A raw (byte) string `r".."`, `r#".."#`, `br#".."#`; otherwise an identifier,
            // taken whole so that `for"` or `bar"` never starts one.
            if let Some(j) = raw_string_end(b, i) {
                quoted(&mut out, &b[i..j], b'"');
                i = j;
            } else {
                let j = word_end(b, i);
                out.extend_from_slice(&b[i..j]);
                i = j;
            }
        } else if c == b'"' {
            let mut j = i + 1;
            while j < n && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            let j = (j + 1).min(n);
            quoted(&mut out, &b[i..j], b'"');
            i = j;
        } else if c == b'\'' {
            // A char literal ('a', '\n', '\u{..}', 'é') or a lifetime ('a).
            match char_literal_end(text, i) {
                Some(j) => {
                    quoted(&mut out, &b[i..j], b'\'');
                    i = j;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    String::from_utf8(out).expect("blanking whole literals keeps UTF-8")
}

/// The end of the raw string starting at `i` (`r`, `br` or `cr`, hashes, `"`), if one does.
fn raw_string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    if matches!(b.get(j), Some(b'b' | b'c')) {
        j += 1;
    }
    if b.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    let hashes = b[j..].iter().take_while(|&&c| c == b'#').count();
    j += hashes;
    if b.get(j) != Some(&b'"') {
        return None;
    }
    let mut end = vec![b'"'];
    end.extend(std::iter::repeat_n(b'#', hashes));
    let body = j + 1;
    Some(
        b[body..]
            .windows(end.len())
            .position(|w| w == end.as_slice())
            .map_or(b.len(), |k| body + k + end.len()),
    )
}

/// The end of the char literal at `i` (`'(\\.[^']*|[^'\\])'` in the Python helper), or `None`
/// for a lifetime.
fn char_literal_end(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    match b.get(i + 1)? {
        b'\\' => {
            if *b.get(i + 2)? == b'\n' {
                return None;
            }
            let k = b[i + 3..].iter().position(|&c| c == b'\'')?;
            Some(i + 3 + k + 1)
        }
        b'\'' => None,
        _ => {
            let c = text[i + 1..].chars().next()?;
            let j = i + 1 + c.len_utf8();
            (b.get(j) == Some(&b'\'')).then_some(j + 1)
        }
    }
}

/// Appends `bytes` as spaces, keeping newlines.
fn blank(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend(bytes.iter().map(|&c| if c == b'\n' { c } else { b' ' }));
}

/// Appends the literal `bytes` as `quote`, blanks, `quote` (newlines kept).
fn quoted(out: &mut Vec<u8>, bytes: &[u8], quote: u8) {
    if bytes.len() < 2 {
        return blank(out, bytes);
    }
    out.push(quote);
    blank(out, &bytes[1..bytes.len() - 1]);
    out.push(quote);
}

// ---- Small scanners over blanked code ----

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn word_end(b: &[u8], i: usize) -> usize {
    i + b[i..].iter().take_while(|&&c| is_word(c)).count()
}

/// The identifier at `i`, if one starts there.
fn word_at(b: &[u8], i: usize) -> Option<&str> {
    let j = word_end(b, i.min(b.len()));
    (j > i).then(|| std::str::from_utf8(&b[i..j]).expect("ASCII"))
}

fn skip_ws(b: &[u8], i: usize) -> usize {
    i + b[i.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_whitespace())
        .count()
}

/// After `::` (with optional spaces around it) at `i`: where the next segment starts.
fn path_sep(b: &[u8], i: usize) -> Option<usize> {
    let j = skip_ws(b, i);
    b[j.min(b.len())..]
        .starts_with(b"::")
        .then(|| skip_ws(b, j + 2))
}

/// The offsets where `word` occurs as a whole identifier start (not preceded by one).
fn word_positions<'a>(code: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    let b = code.as_bytes();
    code.match_indices(word)
        .map(|(at, _)| at)
        .filter(move |&at| at == 0 || !is_word(b[at - 1]))
}

// ---- The checker's own tests: each rule can fail ----

fn graph_of(files: &[(&str, &str)]) -> Graph {
    let files: Vec<Source> = files.iter().map(|(p, t)| Source::new(p, t)).collect();
    module_graph(&files)
}

fn edges_of(graph: &Graph) -> Vec<String> {
    let mut out = Vec::new();
    for (a, targets) in &graph.edges {
        for b in targets.keys() {
            out.push(format!("{a}->{b}"));
        }
    }
    out
}

#[test]
fn strip_code_blanks_comments_strings_and_char_literals_but_keeps_offsets() {
    let text = "let a = \"crate::x\"; // crate::y\n/* outer /* crate::z */ still */ b'\"' '\\'' \
                r#\"crate::\"w\"# br\"q\" 'é' &'a str /// doc crate::d\nc";
    let code = strip_code(text);
    assert_eq!(code.len(), text.len());
    assert_eq!(code.lines().count(), text.lines().count());
    for gone in ["crate", "outer", "still", "doc", "q"] {
        assert!(!code.contains(gone), "{gone:?} left in {code:?}");
    }
    assert!(
        code.contains("&'a str"),
        "a lifetime is not a char literal: {code:?}"
    );
    assert!(code.starts_with("let a = \""), "{code:?}");
    assert!(code.ends_with("\nc"), "{code:?}");
}

#[test]
fn a_string_a_comment_or_a_doc_link_naming_a_module_is_not_an_edge() {
    let graph = graph_of(&[
        (
            "a.rs",
            "//! See [`crate::b::B`].\nconst S: &str = \"crate::b\";\n/* crate::b */\nconst R: &str = r#\"crate::b\"#;",
        ),
        ("b.rs", "use crate::a::A;"),
    ]);
    assert_eq!(edges_of(&graph), ["b->a"]);
}

#[test]
fn paths_and_grouped_uses_are_edges_with_their_line() {
    let graph = graph_of(&[
        (
            "a.rs",
            "use crate::{\n    b::B,\n    c::{C, D},\n};\nfn f() { crate :: d::run() }",
        ),
        ("b.rs", ""),
        ("c.rs", ""),
        ("d/mod.rs", ""),
        ("d/inner.rs", "use super::x; use crate::d::y;"),
        ("main.rs", "fn main() { gazette::a::f(); crate::b::no(); }"),
        ("lib.rs", "pub mod a; use crate::b;"),
    ]);
    assert_eq!(edges_of(&graph), ["a->b", "a->c", "a->d", "main->a"]);
    assert_eq!(graph.edges["a"]["b"], ["src/a.rs:2"]);
    assert_eq!(graph.edges["a"]["d"], ["src/a.rs:5"]);
}

#[test]
fn a_two_module_cycle_is_found_and_named_with_its_places() {
    let graph = graph_of(&[
        ("a.rs", "use crate::b::B;"),
        ("b/mod.rs", "mod c;"),
        ("b/c.rs", "\n\nfn f() -> crate::a::A { todo!() }"),
        ("z.rs", "use crate::a::A;"),
    ]);
    let found = cycles(&graph);
    assert_eq!(found, [["a", "b"]]);
    let message = describe_cycles(&graph, &found);
    assert!(
        message.contains("cycle {a, b}, e.g. a -> b -> a:"),
        "{message}"
    );
    assert!(message.contains("a -> b: src/a.rs:1"), "{message}");
    assert!(message.contains("b -> a: src/b/c.rs:3"), "{message}");
}

#[test]
fn a_longer_cycle_is_one_component_shown_by_its_shortest_loop() {
    let graph = graph_of(&[
        ("a.rs", "use crate::b::B;"),
        ("b.rs", "use crate::{c::C, d::D};"),
        ("c.rs", "use crate::d::D;"),
        ("d.rs", "use crate::a::A;"),
        ("e.rs", "use crate::a::A;"),
    ]);
    let found = cycles(&graph);
    assert_eq!(found, [["a", "b", "c", "d"]]);
    let message = describe_cycles(&graph, &found);
    assert!(message.contains("e.g. a -> b -> d -> a:"), "{message}");
}

#[test]
fn an_acyclic_graph_is_not_flagged() {
    let graph = graph_of(&[
        ("a.rs", "use crate::{b::B, c::C};"),
        ("b.rs", "use crate::c::C;"),
        ("c.rs", "pub struct C;"),
    ]);
    assert_eq!(edges_of(&graph).len(), 3);
    assert!(cycles(&graph).is_empty());
}

#[test]
fn test_code_is_not_an_edge() {
    let graph = graph_of(&[
        ("a.rs", "use crate::b::B;"),
        (
            "b.rs",
            "#[cfg(test)]\nmod tests {\n    use crate::a::A;\n}\n#[cfg(test)]\nfn helper() -> crate::a::A { todo!() }\n\
             #[cfg(test)]\n#[path = \"b_tests.rs\"]\nmod more;\n#[cfg(test)]\nmod tests2;\npub struct B;",
        ),
        ("b_tests.rs", "use crate::a::A;"),
        ("b/tests2.rs", "use crate::a::A;"),
        ("c.rs", "#[cfg(not(test))]\nuse crate::a::A;"),
    ]);
    assert_eq!(edges_of(&graph), ["a->b", "c->a"]);
    assert!(cycles(&graph).is_empty());
}

#[test]
fn fs_calls_are_told_from_type_names() {
    let code = strip_code(
        "fn f(file: std::fs::File, m: &std::fs::Metadata) {\n\
         std::fs::read(p); std::fs::File::open(p); ::std::fs::remove_file (p);\n\
         let s = \"std::fs::write(\"; // std::fs::write(p)\n\
         std::fs::OpenOptions::new(); let e: Vec<std::fs::DirEntry> = x; std::os::unix::fs::symlink(a, b);\n}",
    );
    let lines: Vec<String> = fs_calls(&code)
        .into_iter()
        .map(|at| place("x.rs", &code, at))
        .collect();
    assert_eq!(
        lines,
        ["src/x.rs:2", "src/x.rs:2", "src/x.rs:2", "src/x.rs:4"]
    );
}

#[test]
fn a_long_file_and_a_long_build_rs_are_flagged() {
    let long = "\n".repeat(MAX_LINES + 1);
    let build = "\n".repeat(MAX_BUILD_LINES + 1);
    let files = [
        Source::new("ok.rs", &"\n".repeat(MAX_LINES)),
        Source::new("x/long.rs", &long),
        Source::new("build.rs", &build),
    ];
    assert_eq!(
        oversized(&files),
        [
            format!(
                "  src/x/long.rs: {} lines (limit {MAX_LINES})",
                MAX_LINES + 1
            ),
            format!(
                "  src/build.rs: {} lines (limit {MAX_BUILD_LINES})",
                MAX_BUILD_LINES + 1
            ),
        ]
    );
}
