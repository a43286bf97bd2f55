"""Side-by-side timing of two gazette binaries, A (say the previous main) and B (the working
tree), on the same synthetic archives: the measuring half of bench/compare.sh, which installs
GNU time and builds B and the synth example first.

    bench/compare.py --a OLD --b NEW [--a-commit ID] [--b-commit ID] [--data DIR] [N ...]

For each N (default 10000 100000):

  archive   --data DIR/N/ holds what `synth N DIR/N` writes (gazette/, gazette-search/); made
            once with --synth if missing, then reused by later runs (Hugo's copy is deleted).
  copies    A and B each get their own copy of the site (`cp -al`: hard links, seconds even
            at 100,000 files), so each keeps its own record cache (.gazette-cache/ in the
            site) and its own output, and a build of one never warms or spoils the other's.
  clean     a build into a new output folder that does not exist yet, with the site's
            .gazette-cache/ deleted first: no record cache, no snapshot, no manifest.
  no-change a rebuild into the last clean output of the same binary, nothing changed.
  edit      a rebuild into it after changing one article's title; every run writes another
            title (" (edit k)"), to a new file renamed over the old one, so the hard-linked
            original in DIR/N and the other binary's copy are never touched. The title is put
            back, with its old modification time, after the case.

Each case runs a warm-up pair (not counted) and then RUNS runs of each binary (default 5
for N <= 10,000, else 3), alternating in ABBA order (AB, BA, AB, ...) so a drift in the
machine's speed falls on both. Each run: wall time (Python's perf_counter around the run,
finer than GNU time's 10 ms), CPU time (user + system) and peak RSS from
`/usr/bin/time -f "%e %U %S %M"`. The report gives medians for A and B, the ratio of the
medians B/A, and the median of the per-pair ratios (each B run against the A run beside it),
and every run's numbers. The machines are shared and noisy: CPU time is the steadier number.

The targets are on gazette without its search index (gazette/, `[search] enabled = false`);
--search also measures gazette-search/ (the same content with the index, gazette's default).

Disk: nothing is deleted while timing (on this ext4 with online discard, deleting costs
~0.25 ms a file, and ~1.2 ms right after the files were written, and freshly freed inodes
slow the next build's file creation, see bench/run.py). Every clean output stays until the
end: 3.0 GB and 138,116 files each at 100,000 articles, 2 x (warm-up + RUNS) of them per size
(about 24 GB at 100,000, 5 GB at 10,000). It refuses to start without room for all of them
and a quarter more (32 GB at 100,000 articles alone, 37 GB with 10,000). After the report,
the copies and outputs (DATA/work-PID/, renamed DATA/trash-PID/) are deleted by a detached
`nice ionice -c 3 rm -rf`, which takes minutes; the next run waits for it before timing.

--write puts the report at the top of bench/RESULTS.md; it is always printed.
"""

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(REPO, "bench", "RESULTS.md")
HEAD = ("# Benchmark results\n\nWritten by `bench/run.sh` (gazette against Hugo) and "
        "`bench/compare.sh --write` (two gazette binaries side by side); the newest run first.\n\n")
OLD_HEADS = ["# Benchmark results\n\nWritten by `bench/run.sh`; the newest run first.\n\n"]

# Per 100,000 articles, one clean output: measured 3.0 GB (`du`) and 138,116 files without
# search at 100,000 articles (0.39 GB and 17,137 files at 10,000); 242,243 files with search
# (bench/RESULTS.md, 2026-11-22), its size guessed.
GB_PER_OUTPUT = {"gazette": 3.2, "gazette+search": 4.5}
FILES_PER_OUTPUT = {"gazette": 140_000, "gazette+search": 245_000}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sizes", nargs="*", type=lambda s: int(s.replace(",", "").replace("_", "")),
                   default=[10000, 100000], help="numbers of articles (default 10000 100000)")
    p.add_argument("--a", default=os.environ.get("GAZETTE_A"), help="binary A, the baseline ($GAZETTE_A)")
    p.add_argument("--b", default=os.environ.get("GAZETTE_B"), help="binary B, the candidate ($GAZETTE_B)")
    p.add_argument("--a-commit", default=os.environ.get("A_COMMIT", "unknown"), help="A's commit id, for the report")
    p.add_argument("--b-commit", default=os.environ.get("B_COMMIT", "unknown"), help="B's commit id, for the report")
    p.add_argument("--data", default=os.environ.get("BENCH_DATA", "/tmp/gazette-compare"),
                   help="archives in DATA/N/, made with --synth if missing; copies and outputs go "
                        "in DATA/work-PID/ (same file system, for hard links)")
    p.add_argument("--synth", default=os.environ.get("SYNTH"), help="the synth example binary ($SYNTH)")
    p.add_argument("--runs", type=int, default=int(os.environ["RUNS"]) if os.environ.get("RUNS") else None,
                   help="measured runs of each binary per case (default 5 up to 10,000 articles, else 3)")
    p.add_argument("--warmup", type=int, default=1, help="warm-up pairs per case, not counted (default 1)")
    p.add_argument("--search", action="store_true", help="also measure gazette+search (the search index on)")
    p.add_argument("--cases", default="clean,no-change,edit", help="comma-separated subset of clean,no-change,edit")
    p.add_argument("--machine", default="", help="a note on the machine for the report (load, what else ran)")
    p.add_argument("--write", action="store_true", help="prepend the report to bench/RESULTS.md")
    p.add_argument("--keep", action="store_true", help="keep the copies and outputs (DATA/work-PID/)")
    p.add_argument("--min-free-gb", type=float, default=None,
                   help="refuse below this much free disk (default: 30 GB per 100,000 articles)")
    a = p.parse_args()
    if not a.a or not a.b:
        p.error("give both binaries: --a OLD --b NEW (or $GAZETTE_A, $GAZETTE_B)")
    for path in (a.a, a.b):
        if not os.access(path, os.X_OK):
            p.error(f"not an executable: {path}")
    a.a, a.b = os.path.abspath(a.a), os.path.abspath(a.b)
    a.cases = [c.strip() for c in a.cases.split(",") if c.strip()]
    if "clean" not in a.cases:
        p.error("--cases needs clean: no-change and edit rebuild the clean build's output")
    if not os.access("/usr/bin/time", os.X_OK):
        p.error("needs GNU time at /usr/bin/time (apt-get install time; bench/compare.sh does it)")
    return a


def log(*args):
    print(*args, flush=True)


# --- running and timing ---------------------------------------------------------------------

def timed(cmd):
    """Runs cmd under GNU time: (wall s, CPU s, peak RSS MB). Fails loudly if cmd fails."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t, \
            tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-o", t.name, "-f", "%e %U %S %M", *cmd],
                           stdout=subprocess.DEVNULL, stderr=err)
        wall = time.perf_counter() - start
        if r.returncode != 0:
            err.seek(0)
            sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{err.read()[-3000:]}")
        _, user, system, rss = t.read().split()[-4:]
    return wall, float(user) + float(system), int(rss) / 1024


def order(i):
    """The i-th pair's order: AB, BA, AB, ... (ABBA)."""
    return "AB" if i % 2 == 0 else "BA"


def measure(label, pairs, run):
    """Warm-up pairs, then measured pairs; run(x, i) times binary x ('A' or 'B') in pair i.

    Returns {'A': [(wall, cpu, rss), ...], 'B': [...]} of the measured runs, pair by pair."""
    out = {"A": [], "B": []}
    for i in range(pairs.warmup + pairs.runs):
        for x in order(i):
            r = run(x, i)
            if i >= pairs.warmup:
                out[x].append(r)
        if i >= pairs.warmup:
            a, b = out["A"][-1], out["B"][-1]
            log(f"    {label} pair {i - pairs.warmup + 1}/{pairs.runs} {order(i)}: "
                f"A {a[0]:.3f} s (CPU {a[1]:.2f}), B {b[0]:.3f} s (CPU {b[1]:.2f}), B/A {b[0] / a[0]:.3f}")
        else:
            log(f"    {label} warm-up pair {i + 1} done")
    return out


# --- the archive and the copies -------------------------------------------------------------

def ensure_archive(data, n, synth):
    """DATA/N/ with gazette/ and gazette-search/, generated once."""
    root = os.path.join(data, str(n))
    if os.path.isfile(os.path.join(root, "done")):
        return root
    if not synth:
        sys.exit(f"no archive in {root} (no 'done' file) and no --synth to make one")
    shutil.rmtree(root, ignore_errors=True)
    log(f"  generating {n:,} articles into {root} ...")
    start = time.perf_counter()
    subprocess.run([synth, str(n), root], check=True)
    # Hugo's copy is for bench/run.sh only.
    shutil.rmtree(os.path.join(root, "hugo"), ignore_errors=True)
    with open(os.path.join(root, "done"), "w") as f:
        f.write(f"synth {n} {root}: {time.perf_counter() - start:.1f} s\n")
    log(f"  generated in {time.perf_counter() - start:.1f} s")
    return root


def copy_site(archive, dest):
    """dest/gazette and dest/gazette-search: hard links to the archive's files."""
    os.makedirs(dest)
    for site in ("gazette", "gazette-search"):
        subprocess.run(["cp", "-al", os.path.join(archive, site), os.path.join(dest, site)], check=True)
        shutil.rmtree(os.path.join(dest, site, ".gazette-cache"), ignore_errors=True)


def one_article(site):
    """The first article in path order (what bench/run.py edits)."""
    for dirpath, dirs, files in os.walk(os.path.join(site, "content")):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".md"):
                return os.path.relpath(os.path.join(dirpath, f), site)
    sys.exit(f"no article under {site}")


def replace_file(path, text, mtime_ns=None):
    """Writes text to a new file and renames it over path: a hard-linked original keeps its bytes."""
    tmp = path + ".compare-tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    if mtime_ns is not None:
        os.utime(tmp, ns=(mtime_ns, mtime_ns))
    os.replace(tmp, path)


def retitle(text, k):
    new, count = re.subn(r'^(title = ".*?)(?: \(edit \d+\))?"$', rf'\1 (edit {k})"', text, count=1, flags=re.M)
    if count != 1:
        sys.exit("no title line to edit")
    return new


def count_files(folder):
    return sum(len(files) for _, _, files in os.walk(folder))


def free_gb(path):
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize / 1e9, st.f_favail


def deleting(data):
    """The earlier runs' folders still being deleted (or left over) in DATA."""
    return sorted(os.path.join(data, d) for d in os.listdir(data)
                  if d.startswith("trash-") and not d.endswith(".pid"))


def wait_for_deletions(data):
    """Waits while an earlier run's outputs are being deleted: that would slow these builds."""
    waited = False
    start = time.perf_counter()
    while True:
        left = deleting(data)
        alive = False
        for trash in left:
            try:
                with open(trash + ".pid") as f:
                    os.kill(int(f.read()), 0)
                alive = True
            except (OSError, ValueError):
                pass
        if not left:
            if waited:
                log(f"waited {time.perf_counter() - start:.0f} s")
            break
        if not alive:
            log(f"deleting what earlier runs left: {', '.join(left)} ...")
            for trash in left:
                shutil.rmtree(trash, ignore_errors=True)
                if os.path.exists(trash + ".pid"):
                    os.remove(trash + ".pid")
            continue
        if not waited:
            log(f"waiting for an earlier run's outputs to be deleted ({', '.join(left)}): "
                "deleting files slows the builds being timed")
            waited = True
        time.sleep(5)


def delete_in_background(data, work):
    """Renames work to DATA/trash-PID and deletes it in a detached, idle-priority process.

    Deleting a million fresh files takes many minutes (and much longer right after they were
    written), so it is done after the report, and the next run waits for it to finish."""
    trash = os.path.join(data, f"trash-{os.getpid()}")
    os.rename(work, trash)
    p = subprocess.Popen(["nice", "-n", "19", "ionice", "-c", "3", "sh", "-c",
                          f'rm -rf "$0" && rm -f "$0.pid"', trash],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    with open(trash + ".pid", "w") as f:
        f.write(str(p.pid))
    log(f"deleting the copies and outputs in the background (process {p.pid}): {trash}; "
        "the next run waits for it")


# --- one size -------------------------------------------------------------------------------

class Pairs:
    def __init__(self, warmup, runs):
        self.warmup, self.runs = warmup, runs


def runs_for(args, n):
    return args.runs or (5 if n <= 10000 else 3)


def check_room(args, configs):
    """Refuses to start without room for every output of the run (none is deleted before the end)."""
    need_gb = need_files = 0
    for n in args.sizes:
        outputs = 2 * (args.warmup + runs_for(args, n))
        for c in configs:
            need_gb += GB_PER_OUTPUT[c] * n / 100_000 * outputs
            need_files += FILES_PER_OUTPUT[c] * n / 100_000 * outputs
        need_gb += 0.008 * n / 1000  # the archive, if it is to be generated (0.77 GB at 100,000)
        need_files += 3 * n  # the archive and its two copies
    need_gb *= 1.25
    if args.min_free_gb is not None:
        need_gb = args.min_free_gb
    gb, inodes = free_gb(args.data)
    if gb < need_gb or inodes < need_files:
        sys.exit(f"refusing to start: {gb:.1f} GB and {inodes:,} inodes free under {args.data}, "
                 f"want {need_gb:.1f} GB and {need_files:,.0f} inodes (--min-free-gb to override)")
    log(f"{gb:.0f} GB and {inodes:,} inodes free under {args.data}; this run needs about "
        f"{need_gb / 1.25:.0f} GB and {need_files:,.0f} inodes")


def run_size(args, n, configs, work):
    runs = runs_for(args, n)
    pairs = Pairs(args.warmup, runs)
    log(f"== {n:,} articles: {runs} runs per binary per case after warm-up pairs: {pairs.warmup}")
    archive = ensure_archive(args.data, n, args.synth)
    work = os.path.join(work, str(n))
    copies = {x: os.path.join(work, x) for x in "AB"}
    binary = {"A": args.a, "B": args.b}
    start = time.perf_counter()
    for x in "AB":
        copy_site(archive, copies[x])
    log(f"  copied the site for A and B in {time.perf_counter() - start:.1f} s")
    # The record cache does not trust files modified within 2 s of a build (RACY_SECONDS).
    time.sleep(2.5)
    rows = {}
    counter = [0]
    for config in configs:
        site_name = "gazette" if config == "gazette" else "gazette-search"
        sites = {x: os.path.join(copies[x], site_name) for x in "AB"}

        def build(x, out):
            return timed([binary[x], "build", "--quiet", "--root", sites[x], "--out", out])

        outs = {"A": [], "B": []}

        def clean(x, i):
            cache = os.path.join(sites[x], ".gazette-cache")
            shutil.rmtree(cache, ignore_errors=True)
            if os.path.exists(cache):
                sys.exit(f"could not delete {cache}")
            counter[0] += 1
            out = os.path.join(work, "out", f"{config}-{x}-{counter[0]}")
            os.makedirs(os.path.dirname(out), exist_ok=True)
            outs[x].append(out)
            return build(x, out)

        log(f"  {config} clean")
        res = measure("clean", pairs, clean)
        last = {x: outs[x][-1] for x in "AB"}
        files = {x: count_files(last[x]) for x in "AB"}
        rows[(config, "clean")] = (res, files)

        if "no-change" in args.cases:
            log(f"  {config} no-change")
            rows[(config, "no-change")] = (measure("no-change", pairs, lambda x, i: build(x, last[x])), None)

        if "edit" in args.cases:
            log(f"  {config} edit")
            rel = one_article(sites["A"])
            paths = {x: os.path.join(sites[x], rel) for x in "AB"}
            original = os.path.join(archive, site_name, rel)
            with open(original, encoding="utf-8") as f:
                text = f.read()
            mtime = os.stat(original).st_mtime_ns

            def edit(x, i):
                replace_file(paths[x], retitle(text, i + 1))
                return build(x, last[x])

            try:
                rows[(config, "edit")] = (measure("edit", pairs, edit), None)
            finally:
                for x in "AB":
                    replace_file(paths[x], text, mtime)
            with open(original, encoding="utf-8") as f:
                if f.read() != text:
                    sys.exit(f"the archive's {original} changed: hard links were written through")
    return rows


# --- the report -----------------------------------------------------------------------------

def med(rs, k):
    return statistics.median(r[k] for r in rs)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            return next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "unknown CPU"


def version(binary):
    try:
        return subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    except OSError as e:
        return f"unknown ({e})"


def report(args, sizes, started, load_start, load_end):
    lines = [
        f"## {started:%Y-%m-%d %H:%M} UTC: side by side, A {args.a_commit} against B {args.b_commit}",
        "",
        f"- A: {args.a_commit} (`{args.a}`, {version(args.a)}); B: {args.b_commit} (`{args.b}`, {version(args.b)})",
        f"- machine: {cpu_model()}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
        f"load average {load_start} at start, {load_end} at the end" + (f"; {args.machine}" if args.machine else ""),
        f"- `bench/compare.sh`: each binary on its own hard-linked copy of the synthetic archive; "
        f"warm-up pairs not counted: {args.warmup}; then the runs shown per binary, alternating AB, BA, AB, ...; "
        f"clean builds into a new folder with the site's `.gazette-cache/` deleted first; "
        f"no-change and edit (one title) rebuild the last clean output",
        "- medians; B/A is median B over median A, paired B/A the median of each pair's ratio (the range: "
        "their lowest and highest, a measure of the noise); "
        "wall times on a shared machine are noisy; CPU time (user + system) is steadier, though on a "
        "loaded machine the system time grows too",
        "",
        "| articles | case | wall A s | wall B s | wall B/A | paired B/A | pairs' B/A range | CPU A s | CPU B s | CPU B/A "
        "| peak RSS A MB | peak RSS B MB | files A / B |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    raw = []
    verdicts = []
    for n, rows in sizes.items():
        for (config, case), (res, files) in rows.items():
            a, b = res["A"], res["B"]
            wa, wb, ca, cb = med(a, 0), med(b, 0), med(a, 1), med(b, 1)
            ratios = [y[0] / x[0] for x, y in zip(a, b)]
            paired = statistics.median(ratios)
            cr = f"{cb / ca:.3f}" if ca > 0 else "–"
            fl = f"{files['A']} / {files['B']}" if files else ""
            label = case if config == "gazette" else f"{case} (+search)"
            lines.append(f"| {n:,} | {label} | {wa:.3f} | {wb:.3f} | {wb / wa:.3f} | {paired:.3f} | {min(ratios):.2f}–{max(ratios):.2f} | "
                         f"{ca:.2f} | {cb:.2f} | {cr} | {med(a, 2):.0f} | {med(b, 2):.0f} | {fl} |")
            if config == "gazette":
                ok = wb / wa <= 1.05
                noisy = max(ratios) - min(ratios) > 0.10
                verdicts.append(f"- {'within 5%' if ok else 'SLOWER by more than 5%'}: {n:,} {case}, "
                                f"wall B/A {wb / wa:.3f} (paired {paired:.3f}), CPU B/A {cr}"
                                + (f"; but the pairs range from {min(ratios):.2f} to {max(ratios):.2f}, "
                                   "too noisy to tell 5%" if noisy else ""))
            for x, rs in (("A", a), ("B", b)):
                raw.append(f"| {n:,} | {label} | {x} | " + " ".join(f"{r[0]:.3f}" for r in rs) + " | "
                           + " ".join(f"{r[1]:.2f}" for r in rs) + " | "
                           + " ".join(f"{r[2]:.0f}" for r in rs) + " |")
            if files and files["A"] != files["B"]:
                verdicts.append(f"- note: at {n:,} articles ({config}) A wrote {files['A']} files and B {files['B']}")
    lines += ["", "Against the target (gazette without search, B within 5% of A):", ""] + verdicts
    lines += ["", "Every run, in order (the k-th A run and the k-th B run are a pair, run one after the other):", "",
              "| articles | case | binary | wall s | CPU s | peak RSS MB |",
              "| ---: | --- | --- | --- | --- | --- |"] + raw
    return "\n".join(lines) + "\n"


def write_results(text):
    old = ""
    if os.path.exists(RESULTS):
        with open(RESULTS, encoding="utf-8") as f:
            old = f.read()
    for head in [HEAD] + OLD_HEADS:
        if old.startswith(head):
            old = old[len(head):]
            break
    with open(RESULTS, "w", encoding="utf-8") as f:
        f.write(HEAD + text + ("\n" + old if old else ""))


def main():
    args = parse_args()
    configs = ["gazette"] + (["gazette+search"] if args.search else [])
    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    os.makedirs(args.data, exist_ok=True)
    wait_for_deletions(args.data)
    check_room(args, configs)
    work = os.path.join(args.data, f"work-{os.getpid()}")
    sizes = {}
    try:
        for n in args.sizes:
            sizes[n] = run_size(args, n, configs, work)
    finally:
        if os.path.isdir(work):
            if args.keep:
                log(f"kept the copies and outputs in {work}")
            else:
                delete_in_background(args.data, work)
    load_end = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    text = report(args, sizes, started, load_start, load_end)
    print()
    print(text)
    if args.write:
        write_results(text)
        log(f"written at the top of {RESULTS}")


if __name__ == "__main__":
    main()
