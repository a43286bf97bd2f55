"""One site in five languages against the same articles in one (issue 17): the same gazette
binary, side by side, alternating.

    bench/languages.py --gazette target/release/gazette [--data DIR] [--runs R] [N]

N (default 100000) is a size bench/compare.py's --synth made under DATA (default
/work/bench-data): DATA/N/gazette/ (search off). Two copies are made with `cp -al` (hard
links: no article is ever written):

  one   the archive as it is: every article in English.
  five  the same files, four in five moved (a rename, not a write) into content/fr/,
        content/de/, content/es/ and content/ar/ by a hash of their path, with those
        languages configured in site.toml: 20% of the articles in each language, each
        language with its own home, topics, archive, authors, sources, feeds and 404.

Cases, each run RUNS times per copy in ABBA order after one warm-up pair (the body edit
--edit-runs times, default RUNS):

  clean  a build into a new output folder, .gazette-cache/ deleted first (cold).
  body   one article's body edited (a word of its last paragraph), then a rebuild into the
         last clean output; the edit is undone by renaming the original back, and the copy
         rebuilt untimed. The article is the middle one in path order of the copy's
         default-language folder.

Each run: wall time (perf_counter), CPU time (user + system) and peak RSS from GNU time.
The report gives medians, the ratio five/one of the medians, and every run. Outputs and
copies are deleted at the end.
"""

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

LANGS = ["fr", "de", "es", "ar"]


def run(binary, site, out):
    """One timed build: (wall, cpu, rss_mb, what it said it built)."""
    with tempfile.NamedTemporaryFile("r") as t:
        cmd = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", t.name, binary, "build",
               "--root", site, "--out", out]
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
        said = [l for l in (done.stdout + done.stderr).splitlines() if l.startswith("Built ")]
        wall = time.perf_counter() - start
        fields = t.read().split()
    _, user, system, rss = fields[-4:]
    return wall, float(user) + float(system), int(rss) / 1024, (said or [""])[-1]


def make_copies(source, work):
    one = os.path.join(work, "one")
    five = os.path.join(work, "five")
    for dest in (one, five):
        subprocess.run(["cp", "-al", source, dest], check=True)
    # Four in five articles to another language's folder, by a hash of the path.
    content = os.path.join(five, "content")
    moved = 0
    for root, _, files in os.walk(content):
        rel_root = os.path.relpath(root, content)
        if rel_root.split(os.sep)[0] in LANGS:
            continue
        for name in files:
            rel = os.path.join(rel_root, name)
            bucket = hashlib.md5(rel.encode()).digest()[0] % 5
            if bucket == 0:
                continue
            dest = os.path.join(content, LANGS[bucket - 1], rel)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            os.rename(os.path.join(root, name), dest)
            moved += 1
    toml = os.path.join(five, "site.toml")
    text = open(toml).read()
    os.unlink(toml)  # a hard link: write a new file, never the archive's
    names = {"fr": "Gazette synthétique", "de": "Synthetische Zeitung",
             "es": "Gaceta sintética", "ar": "الجريدة الاصطناعية"}
    with open(toml, "w") as f:
        f.write(text)
        for lang in LANGS:
            f.write(f'\n[languages.{lang}]\ntitle = "{names[lang]}"\n')
    return one, five, moved


def middle_article(site):
    content = os.path.join(site, "content")
    paths = []
    for root, dirs, files in os.walk(content):
        dirs[:] = [d for d in dirs if not (root == content and d in LANGS)]
        paths.extend(os.path.join(root, f) for f in files)
    paths.sort()
    return paths[len(paths) // 2]


def edit_body(path, aside):
    """Edits one word of the body by writing a new file renamed over it; the original is
    kept as `aside` (a hard link) to be renamed back."""
    os.link(path, aside)
    text = open(path).read()
    paragraphs = text.rstrip("\n").split("\n\n")
    last = paragraphs[-1].split(" ")
    last[-1] = "corrected."
    paragraphs[-1] = " ".join(last)
    fresh = path + ".new"
    with open(fresh, "w") as f:
        f.write("\n\n".join(paragraphs) + "\n")
    os.rename(fresh, path)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--gazette", required=True)
    p.add_argument("--data", default="/work/bench-data")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--edit-runs", type=int, default=None,
                   help="runs of the body edit per copy (default: --runs)")
    p.add_argument("n", nargs="?", default="100000")
    a = p.parse_args()
    binary = os.path.abspath(a.gazette)
    source = os.path.join(a.data, a.n, "gazette")
    work = tempfile.mkdtemp(prefix="langs-", dir=a.data)
    try:
        one, five, moved = make_copies(source, work)
        print(f"{a.n} articles; {moved} moved to {', '.join(LANGS)}", flush=True)
        results = {("clean", "one"): [], ("clean", "five"): [],
                   ("body", "one"): [], ("body", "five"): []}
        outs = {"one": [], "five": []}
        order = []
        for k in range(a.runs + 1):
            order.append(["one", "five"] if k % 2 == 0 else ["five", "one"])
        for k, pair in enumerate(order):
            for name in pair:
                site = one if name == "one" else five
                shutil.rmtree(os.path.join(site, ".gazette-cache"), ignore_errors=True)
                out = os.path.join(work, f"out-{name}-{k}")
                r = run(binary, site, out)
                if k == 0:
                    print(f"  {name}: {r[3]}", flush=True)
                outs[name].append(out)
                if k > 0:
                    results[("clean", name)].append(r)
                print(f"clean {name} {k}: {r[0]:.2f} s wall, {r[1]:.2f} s CPU, {r[2]:.0f} MB", flush=True)
        edit_runs = a.runs if a.edit_runs is None else a.edit_runs
        edit_order = [["one", "five"] if k % 2 == 0 else ["five", "one"] for k in range(edit_runs + 1)]
        for k, pair in enumerate(edit_order):
            for name in pair:
                site = one if name == "one" else five
                out = outs[name][-1]
                article = middle_article(site)
                aside = os.path.join(work, "aside")
                edit_body(article, aside)
                r = run(binary, site, out)
                os.rename(aside, article)
                run(binary, site, out)
                if k > 0:
                    results[("body", name)].append(r)
                print(f"body {name} {k}: {r[0]:.2f} s wall, {r[1]:.2f} s CPU", flush=True)
        print()
        print("| case | one language (wall / CPU) | five languages (wall / CPU) | five / one (wall, CPU) |")
        print("| --- | --- | --- | --- |")
        for case in ("clean", "body"):
            o = results[(case, "one")]
            f = results[(case, "five")]
            ow, oc = statistics.median(x[0] for x in o), statistics.median(x[1] for x in o)
            fw, fc = statistics.median(x[0] for x in f), statistics.median(x[1] for x in f)
            print(f"| {case} | {ow:.2f} s / {oc:.2f} s | {fw:.2f} s / {fc:.2f} s | {fw / ow:.2f}x, {fc / oc:.2f}x |")
        rss = [(statistics.median(x[2] for x in results[("clean", n)])) for n in ("one", "five")]
        print(f"\npeak RSS, clean (median): one {rss[0]:.0f} MB, five {rss[1]:.0f} MB")
    finally:
        subprocess.Popen(["nice", "ionice", "-c", "3", "rm", "-rf", work])


if __name__ == "__main__":
    sys.exit(main())
