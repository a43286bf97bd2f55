#!/usr/bin/env python3
"""Print the dependency graph between gazette's top-level modules, and its cycles.

A top-level module is a file `src/x.rs` or a folder `src/x/`. Module `a` depends on `b` when
any file of `a` names `crate::b` (in a path, or as the first segment of an item in a grouped
`use crate::{b, c::d}`). Comments, strings and character literals are skipped, so doc links
and URLs do not count. `super::` paths are not followed: within a folder they stay inside the
module. `src/main.rs` is shown as `main`, through its `gazette::x` paths; `src/lib.rs` is the
root and is left out.

Cycles are the strongly connected components with more than one module (Tarjan). This is a
helper for people; the CI test for cycles lives elsewhere.

Usage: tools/module_graph.py [--src SRC] [--no-tests] [--why A B]
  --no-tests  leave out `tests.rs` files and inline `#[cfg(test)] mod ... { }` blocks
  --why A B   list the places (file:line) where module A names module B
"""

import argparse
import os
import re
import sys
from pathlib import Path


def strip_code(text):
    """Returns `text` with comments, strings and char literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    if text[i] == "\n":
                        out.append("\n")
                    i += 1
        elif c == "r" or c == "b":
            # Raw (byte) strings: r"..", r#".."#, br#".."#; otherwise an identifier.
            m = re.compile(r'b?r(#*)"').match(text, i)
            prev = text[i - 1] if i else " "
            if m and not (prev.isalnum() or prev == "_"):
                end = '"' + m.group(1)
                j = text.find(end, m.end())
                j = n if j < 0 else j + len(end)
                out.append('""' + "\n" * text.count("\n", i, j))
                i = j
            else:
                m = re.compile(r"[A-Za-z0-9_]+").match(text, i)
                out.append(m.group(0))
                i = m.end()
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j + 1
        elif c == "'":
            # A char literal ('a', '\n', '\u{..}') or a lifetime ('a).
            m = re.compile(r"'(\\.[^']*|[^'\\])'").match(text, i)
            if m:
                out.append("' '")
                i = m.end()
            else:
                out.append(c)
                i += 1
        elif c.isalnum() or c == "_":
            m = re.compile(r"[A-Za-z0-9_]+").match(text, i)
            out.append(m.group(0))
            i = m.end()
        else:
            out.append(c)
            i += 1
    return "".join(out)


def drop_test_blocks(code):
    """Removes `#[cfg(test)] mod name { ... }` blocks (keeping line count)."""
    pattern = re.compile(r"#\s*\[\s*cfg\s*\(\s*test\s*\)\s*\]\s*(pub(\([^)]*\))?\s+)?mod\s+\w+\s*\{")
    while True:
        m = pattern.search(code)
        if not m:
            return code
        depth, j = 1, m.end()
        while j < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[j], 0)
            j += 1
        code = code[: m.start()] + "\n" * code.count("\n", m.start(), j) + code[j:]


def group_heads(code, start):
    """First path segment of each item of the `{...}` group opening at `start`."""
    depth, j, item_start, heads = 0, start, start + 1, []
    while j < len(code):
        ch = code[j]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                heads.append(code[item_start:j])
                break
        elif ch == "," and depth == 1:
            heads.append(code[item_start:j])
            item_start = j + 1
        j += 1
    names = []
    for item in heads:
        m = re.match(r"\s*(\w+)", item)
        if m:
            names.append(m.group(1))
    return names


def references(code, root):
    """Yields (line, module) for every `root::module` and `root::{module, ...}` in `code`."""
    for m in re.finditer(r"\b%s\s*::\s*(\{|\w+)" % root, code):
        line = code.count("\n", 0, m.start()) + 1
        if m.group(1) == "{":
            for name in group_heads(code, m.start(1)):
                yield line, name
        else:
            yield line, m.group(1)


def module_of(path, src):
    rel = path.relative_to(src)
    if len(rel.parts) == 1:
        return rel.stem
    return rel.parts[0]


def tarjan(nodes, edges):
    index, low, stack, on_stack, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            out.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", default=str(Path(__file__).resolve().parent.parent / "src"))
    parser.add_argument("--no-tests", action="store_true")
    parser.add_argument("--why", nargs=2, metavar=("A", "B"))
    args = parser.parse_args()
    src = Path(args.src)

    modules = {p.stem for p in src.glob("*.rs")} | {p.name for p in src.iterdir() if p.is_dir()}
    modules -= {"lib"}
    edges, places = {m: set() for m in modules}, {}
    for path in sorted(src.rglob("*.rs")):
        if path == src / "lib.rs":
            continue
        if args.no_tests and path.name == "tests.rs":
            continue
        code = strip_code(path.read_text(encoding="utf-8"))
        if args.no_tests:
            code = drop_test_blocks(code)
        source = module_of(path, src)
        root = "gazette" if source == "main" else "crate"
        for line, target in references(code, root):
            if target in modules and target != source and target != "main":
                edges[source].add(target)
                places.setdefault((source, target), []).append(f"{path}:{line}")

    if args.why:
        for place in places.get(tuple(args.why), []):
            print(place)
        return 0

    print("edges (module -> modules it names):")
    for source in sorted(edges):
        print(f"  {source} -> {', '.join(sorted(edges[source])) or '(none)'}")
    cycles = [c for c in tarjan(modules, edges) if len(c) > 1]
    print()
    if not cycles:
        print("no cycles")
        return 0
    print("cycles (strongly connected components):")
    for component in cycles:
        inner = sorted(
            f"{a}->{b}" for a in component for b in sorted(edges[a]) if b in component
        )
        print(f"  {{{', '.join(component)}}}: {' '.join(inner)}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
