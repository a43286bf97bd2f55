"""Side-by-side timing of two gazette binaries, A (say the previous main) and B (the working
tree), on the same synthetic archives: the measuring half of bench/compare.sh, which installs
GNU time and builds B and the synth example first.

    bench/compare.py --a OLD --b NEW [--a-commit ID] [--b-commit ID] [--data DIR] [--search]
                     [--cases clean,no-change,body,...] [--runs R] [--warmup W] [N ...]

For each N (default 10000 100000):

  archive   --data DIR/N/ holds what `synth N DIR/N --without-hugo` writes (gazette/,
            gazette-search/, synth-format); made with --synth if missing or of an older format
            (the old one is moved aside and deleted after the report), then reused.
  copies    A and B each get their own copy of the site (`cp -al`: hard links, seconds even
            at 100,000 files), so each keeps its own record cache (.gazette-cache/ in the
            site) and its own output, and a build of one never warms or spoils the other's.
  clean     a build into a new output folder that does not exist yet, with the site's
            .gazette-cache/ deleted first: no record cache, no snapshot, no manifest (cold).
  no-change a rebuild into the last clean output of the same binary, nothing changed.
  body, title, url, date, add, delete
            the edit cases of bench/common.py (read its docstring): one change each, timed as
            a rebuild into the last clean output; after every run the change is undone
            exactly (bytes and modification times; the hard-linked archive is never written)
            and the binary rebuilds, untimed, so every run starts from the same state.
            The report names the article each case changed. "edit" (the one edit case before
            these) is accepted for title, which is what it was: every synthetic article had
            its slug in its front matter, so its URL never moved.

--cases picks some (clean is always run: the others rebuild its output); default all.

Each case runs warm-up pairs (--warmup, default 1, may be 0; not counted) and then RUNS runs
of each binary (default 5 for N <= 10,000, else 3), alternating in ABBA order (AB, BA, AB,
...) so a drift in the machine's speed falls on both. Each run: wall time (Python's
perf_counter around the run, finer than GNU time's 10 ms), CPU time (user + system) and peak
RSS from `/usr/bin/time -f "%e %U %S %M"`. The report gives medians for A and B, the ratio of
the medians B/A, and the median of the per-pair ratios (each B run against the A run beside
it), each edit as a share of the same binary's clean build, every run's numbers, and issue
14's targets checked on B (those needing the copy floor or Hugo are bench/run.sh's). The
machines are shared and noisy: CPU time is the steadier number.

The targets are on gazette without its search index (gazette/, `[search] enabled = false`);
--search also measures gazette-search/ (the same content with the index, gazette's default).

Disk: nothing is deleted while timing if there is room: on this ext4 with online discard,
deleting costs ~0.25 ms a file (~1.2 ms right after the files were written), and a build right
after a deletion creates its files far more slowly (15 s instead of 4.6 s at 10,000 articles,
still 6.7 s after waiting 90 s; see bench/common.py). Every clean output stays until the end,
2 x (warm-up + RUNS) per size and configuration: 3.2 GB and ~250,000 files and folders each at
100,000 articles (about 26 GB for 8), 0.4 GB at 10,000, 4.5 GB with search. Before each
configuration it checks the room for all its outputs and record caches, plus 15%; without it,
it runs fewer pairs (the warm-up first); only if fewer than RUNS pairs would fit does it first
delete the outputs of the configurations and sizes already done (the report notes that the
builds after it followed a deletion); and where not even one output per binary fits
(1,000,000 articles: ~31 GB each, ~45 GB with search, against ~54 GB free here) it runs A and
then B, one clean build each, deleting A's output and record cache before B's clean build:
the report says that B's clean build then followed a deletion and that the clean builds at
that size are not comparable (the edit cases still are). It refuses to start if one
output of the largest size cannot fit. After the report, the copies and outputs (DATA/work-PID/,
renamed DATA/trash-PID-k/) are deleted by a detached `nice ionice -c 3 rm -rf`, which takes
minutes; the next run waits for it before timing.

--write puts the report at the top of bench/RESULTS.md; it is always printed.
"""

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

import common
from common import log

REPO = common.REPO
RESULTS = common.RESULTS
ALL_CASES = ["clean", "no-change"] + list(common.CASES)


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
    p.add_argument("--warmup", type=int, default=1, help="warm-up pairs per case, not counted (default 1; 0 allowed)")
    p.add_argument("--search", action="store_true", help="also measure gazette+search (the search index on)")
    p.add_argument("--cases", default=",".join(ALL_CASES),
                   help=f"comma-separated subset of {','.join(ALL_CASES)} (default all; edit = title)")
    p.add_argument("--machine", default="", help="a note on the machine for the report (load, what else ran)")
    p.add_argument("--write", action="store_true", help="prepend the report to bench/RESULTS.md")
    p.add_argument("--keep", action="store_true", help="keep the copies and outputs (DATA/work-PID/)")
    a = p.parse_args()
    if not a.a or not a.b:
        p.error("give both binaries: --a OLD --b NEW (or $GAZETTE_A, $GAZETTE_B)")
    for path in (a.a, a.b):
        if not os.access(path, os.X_OK):
            p.error(f"not an executable: {path}")
    if a.warmup < 0 or (a.runs is not None and a.runs < 1):
        p.error("--warmup must be 0 or more and --runs 1 or more")
    a.a, a.b = os.path.abspath(a.a), os.path.abspath(a.b)
    a.cases = common.parse_cases(a.cases)
    if "clean" not in a.cases:
        a.cases.insert(0, "clean")
    if not os.access("/usr/bin/time", os.X_OK):
        p.error("needs GNU time at /usr/bin/time (apt-get install time; bench/compare.sh does it)")
    return a


# --- running and timing ---------------------------------------------------------------------

def order(i, who):
    """The i-th pair's order: AB, BA, AB, ... (ABBA); one binary alone when who is one."""
    if len(who) == 1:
        return who
    return "AB" if i % 2 == 0 else "BA"


def measure(label, pairs, run, who="AB"):
    """Warm-up pairs, then measured pairs; run(x, i) times binary x ('A' or 'B') in pair i.

    Returns {'A': [(wall, cpu, rss), ...], 'B': [...]} of the measured runs, pair by pair
    (only who's, when who is one binary)."""
    out = {x: [] for x in who}
    for i in range(pairs.warmup + pairs.runs):
        for x in order(i, who):
            r = run(x, i)
            if i >= pairs.warmup:
                out[x].append(r)
        if i < pairs.warmup:
            log(f"    {label} warm-up {i + 1} done")
        elif len(who) == 2:
            a, b = out["A"][-1], out["B"][-1]
            log(f"    {label} pair {i - pairs.warmup + 1}/{pairs.runs} {order(i, who)}: "
                f"A {a[0]:.3f} s (CPU {a[1]:.2f}), B {b[0]:.3f} s (CPU {b[1]:.2f}), B/A {b[0] / a[0]:.3f}")
        else:
            r = out[who][-1]
            log(f"    {label} {who} run {i - pairs.warmup + 1}/{pairs.runs}: {r[0]:.3f} s (CPU {r[1]:.2f})")
    return out


# --- the archive and the copies -------------------------------------------------------------

def copy_site(archive, dest):
    """dest/gazette and dest/gazette-search: hard links to the archive's files."""
    os.makedirs(dest)
    for site in ("gazette", "gazette-search"):
        subprocess.run(["cp", "-al", os.path.join(archive, site), os.path.join(dest, site)], check=True)
        shutil.rmtree(os.path.join(dest, site, ".gazette-cache"), ignore_errors=True)


def count_files(folder):
    return sum(len(files) for _, _, files in os.walk(folder))


# --- one size -------------------------------------------------------------------------------

class Pairs:
    def __init__(self, warmup, runs):
        self.warmup, self.runs = warmup, runs


def runs_for(args, n):
    return args.runs or (5 if n <= 10000 else 3)


def check_room(args, configs):
    """Refuses to start without room for one output of the largest size (and its archive)."""
    n = max(args.sizes)
    kinds = [(max(configs, key=lambda c: common.gb(c, n)), n), ("cache", n)]
    if not common.archive_ready(os.path.join(args.data, str(n)), hugo=False):
        kinds.append(("archive", n))
    space, nodes = common.free(args.data)
    if not common.fits(args.data, kinds):
        sys.exit(f"refusing to start: {space:.1f} GB and {nodes:,} inodes free under {args.data}, "
                 f"not enough for even one output at {n:,} articles "
                 f"(~{sum(common.gb(k, m) for k, m in kinds):.0f} GB)")
    want = sum(2 * (args.warmup + runs_for(args, m)) * common.gb(c, m) for m in args.sizes for c in configs)
    log(f"{space:.0f} GB and {nodes:,} inodes free under {args.data}; keeping every output would take "
        f"about {want:.0f} GB" + ("" if space > want * 1.25 + 2 else
                                   ": some are deleted as the run goes (see the report's notes)"))


class Run:
    """What the whole run shares: the outputs that may be deleted, and notes for the report."""

    def __init__(self, args, work):
        self.args, self.work = args, work
        self.done = []  # folders of finished configurations and sizes, deletable
        self.notes = []
        self.sequential = set()  # (n, config) run one binary after the other
        self.discarded = []  # old archives moved aside, deleted after the report

    def make_room(self, n, config):
        """Deletes the finished outputs; whether there were any."""
        if not self.done:
            return False
        common.delete_now(self.done, "outputs of finished configurations, for room")
        self.notes.append(f"{n:,} {config}: its builds followed the deletion of earlier outputs "
                          "(file creation is slower after a deletion, for A and B alike)")
        self.done = []
        return True


def run_size(args, n, configs, run):
    runs = runs_for(args, n)
    log(f"== {n:,} articles: {runs} runs per binary per case after warm-up pairs: {args.warmup}")
    root = os.path.join(args.data, str(n))
    archive = common.ensure_archive(
        root, n, args.synth, hugo=False,
        discard=lambda p: run.discarded.append(common.to_trash(args.data, p)))
    plan = common.Plan(os.path.join(archive, "gazette", "content"))
    log(f"  {plan.articles:,} articles; the edits:")
    for c in args.cases:
        if c in common.CASES:
            log(f"    {plan.describe(c)}")
    work = os.path.join(run.work, str(n))
    copies = {x: os.path.join(work, x) for x in "AB"}
    binary = {"A": args.a, "B": args.b}
    start = time.perf_counter()
    for x in "AB":
        copy_site(archive, copies[x])
    log(f"  copied the site for A and B in {time.perf_counter() - start:.1f} s")
    # The record cache does not trust files modified within 2 s of a build (RACY_SECONDS).
    time.sleep(2.5)
    content = {x: os.path.join(copies[x], "gazette", "content") for x in "AB"}
    hold = {x: os.path.join(copies[x], "held") for x in "AB"}
    rows = {}
    counter = [0]
    for config in configs:
        site_name = "gazette" if config == "gazette" else "gazette-search"
        sites = {x: os.path.join(copies[x], site_name) for x in "AB"}
        outs = {"A": [], "B": []}
        last = {}

        def build(x, out):
            return common.timed([binary[x], "build", "--quiet", "--root", sites[x], "--out", out])

        def clean(x, i):
            cache = os.path.join(sites[x], ".gazette-cache")
            shutil.rmtree(cache, ignore_errors=True)
            if os.path.exists(cache):
                sys.exit(f"could not delete {cache}")
            counter[0] += 1
            out = os.path.join(work, "out", f"{config}-{x}-{counter[0]}")
            os.makedirs(os.path.dirname(out), exist_ok=True)
            outs[x].append(out)
            last[x] = out
            return build(x, out)

        def edit(case):
            def one(x, i):
                undo = plan.change(case, content[x], hold[x])
                try:
                    r = build(x, last[x])
                finally:
                    undo()
                build(x, last[x])  # back to the state every run starts from, untimed
                return r
            return one

        def cases(who, pairs):
            """The cases for binaries who, alternating if two; {case: {x: runs}}."""
            got = {}
            log(f"  {config} clean ({who})")
            got["clean"] = measure("clean", pairs, clean, who)
            if "no-change" in args.cases:
                log(f"  {config} no-change ({who})")
                got["no-change"] = measure("no-change", pairs, lambda x, i: build(x, last[x]), who)
            for case in args.cases:
                if case in common.CASES:
                    log(f"  {config} {case} ({who})")
                    got[case] = measure(case, pairs, edit(case), who)
                    for x in who:
                        plan.verify(content[x])
                    plan.verify(os.path.join(archive, "gazette", "content"))
            return got

        # How many clean builds fit: all of them if there is room, else fewer.
        fit = common.runs_that_fit(args.data, [("cache", n)] * 2, [(config, n)] * 2, args.warmup, runs,
                                   lambda: run.make_room(n, config))
        files = {}
        if fit:
            pairs = Pairs(*fit)
            if fit != (args.warmup, runs):
                run.notes.append(f"{n:,} {config}: room for {2 * sum(fit)} clean outputs only: "
                                 f"{pairs.warmup} warm-up pair(s) and {pairs.runs} run(s) per binary")
            got = cases("AB", pairs)
            files = {x: count_files(last[x]) for x in "AB"}
        else:
            if not common.fits(args.data, [(config, n), ("cache", n)]):
                sys.exit(f"no room for even one output of {config} at {n:,} articles")
            run.sequential.add((n, config))
            run.notes.append(f"{n:,} {config}: room for one output at a time: A's cases, then A's "
                             "output deleted, then B's, one run each, no warm-up; B's clean build "
                             "followed that deletion, so the clean builds are not comparable (the "
                             "rebuilds are)")
            got = {}
            for x in "AB":
                part = cases(x, Pairs(0, 1))
                files[x] = count_files(last[x])
                for case, res in part.items():
                    got.setdefault(case, {}).update(res)
                if x == "A":
                    common.delete_now(outs["A"] + [os.path.join(sites["A"], ".gazette-cache")],
                                      "A's output and record cache, for B's")
                    outs["A"] = []
        for case, res in got.items():
            rows[(config, case)] = (res, files if case == "clean" else None)
        run.done += outs["A"] + outs["B"]
    run.done.append(work)
    return rows, plan


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


def report(args, sizes, run, started, load_start, load_end):
    lines = [
        f"## {started:%Y-%m-%d %H:%M} UTC: side by side, A {args.a_commit} against B {args.b_commit}",
        "",
        f"- A: {args.a_commit} (`{args.a}`, {version(args.a)}); B: {args.b_commit} (`{args.b}`, {version(args.b)})",
        f"- machine: {cpu_model()}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
        f"load average {load_start} at start, {load_end} at the end" + (f"; {args.machine}" if args.machine else ""),
        f"- `bench/compare.sh`: each binary on its own hard-linked copy of the synthetic archive; "
        f"warm-up pairs not counted: {args.warmup}; then the runs shown per binary, alternating AB, BA, AB, ...; "
        f"clean builds into a new folder with the site's `.gazette-cache/` deleted first (cold); "
        f"the other cases rebuild the last clean output, each edit undone and rebuilt untimed after every run",
        "- medians; B/A is median B over median A, paired B/A the median of each pair's ratio (the range: "
        "their lowest and highest, a measure of the noise); \"B % clean\" is B's rebuild as a share of B's "
        "clean build; wall times on a shared machine are noisy; CPU time (user + system) is steadier, though "
        "on a loaded machine the system time grows too",
        "",
        "| articles | case | wall A s | wall B s | wall B/A | paired B/A | pairs' B/A range | B % clean | CPU A s "
        "| CPU B s | CPU B/A | peak RSS A MB | peak RSS B MB | files A / B |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    raw = []
    verdicts = []
    meds_b = {}
    edits = []
    for n, (rows, plan) in sizes.items():
        edits.append(f"- {n:,} articles:")
        edits += [f"  - {plan.describe(c)}" for c in args.cases if c in common.CASES]
        for (config, case), (res, files) in rows.items():
            a, b = res["A"], res["B"]
            wa, wb, ca, cb = med(a, 0), med(b, 0), med(a, 1), med(b, 1)
            meds_b[(n, config, case)] = (wb, cb, med(b, 2))
            ratios = [y[0] / x[0] for x, y in zip(a, b)]
            paired = statistics.median(ratios)
            cr = f"{cb / ca:.3f}" if ca > 0 else "–"
            fl = f"{files['A']} / {files['B']}" if files else ""
            clean_b = rows.get((config, "clean"))
            share = f"{100 * wb / med(clean_b[0]['B'], 0):.2f}%" if case != "clean" and clean_b else ""
            label = case if config == "gazette" else f"{case} (+search)"
            lines.append(f"| {n:,} | {label} | {wa:.3f} | {wb:.3f} | {wb / wa:.3f} | {paired:.3f} | "
                         f"{min(ratios):.2f}–{max(ratios):.2f} | {share} | "
                         f"{ca:.2f} | {cb:.2f} | {cr} | {med(a, 2):.0f} | {med(b, 2):.0f} | {fl} |")
            if config == "gazette" and case == "clean" and (n, config) in run.sequential:
                verdicts.append(f"- not comparable: {n:,} clean, wall B/A {wb / wa:.3f}: A and B ran one "
                                "after the other, B's clean build after the deletion of A's output")
            elif config == "gazette":
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
    lines += ["", "Issue 14's targets, checked on B (the copy floor and Hugo are bench/run.sh's):", ""]
    lines += common.targets(meds_b, floor_and_hugo=False)
    lines += ["", "The edits (bench/common.py):", ""] + edits
    if run.notes:
        lines += ["", "Notes on this run:", ""] + [f"- {t}" for t in run.notes]
    lines += ["", "Every run, in order (the k-th A run and the k-th B run are a pair, run one after the other):", "",
              "| articles | case | binary | wall s | CPU s | peak RSS MB |",
              "| ---: | --- | --- | --- | --- | --- |"] + raw
    return "\n".join(lines) + "\n"


def main():
    args = parse_args()
    configs = ["gazette"] + (["gazette+search"] if args.search else [])
    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    os.makedirs(args.data, exist_ok=True)
    common.wait_for_deletions(args.data)
    check_room(args, configs)
    run = Run(args, os.path.join(args.data, f"work-{os.getpid()}"))
    sizes = {}
    try:
        for n in args.sizes:
            sizes[n] = run_size(args, n, configs, run)
    finally:
        if args.keep:
            log(f"kept the copies and outputs in {run.work}")
            common.delete_in_background(args.data, run.discarded)
        else:
            common.delete_in_background(args.data, [run.work] + run.discarded)
    load_end = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    text = report(args, sizes, run, started, load_start, load_end)
    print()
    print(text)
    if args.write:
        common.write_results(text)
        log(f"written at the top of {RESULTS}")


if __name__ == "__main__":
    main()
