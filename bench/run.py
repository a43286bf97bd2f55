"""The measuring half of bench/run.sh (which installs the tools and builds gazette first):
gazette against Hugo on the same synthetic archives, written at the top of bench/RESULTS.md.

    BENCH_DIR=... GAZETTE=... SYNTH=... HUGO=... python3 bench/run.py [N ...]

For each N (default 1000 10000 100000): the archive (bench/synth.rs; BENCH_DIR/N/, made once,
and again when its format is older or it lacks Hugo's site; the same layout as bench/compare.py's
--data, so BENCH_DIR=/work/bench-data shares the archives), a hard-linked copy of it to work in
(BENCH_DIR/work-PID/N/: the edit cases never touch the archive), then, with GNU time, the
warm-up runs (WARMUP, default 1, not counted) and RUNS runs (default 3), medians reported:

  floor       cat of every content file + cp -r content to a new folder: what merely reading
              and copying the articles costs, measured in the same run as the builds
  clean       a cold build into a new folder: for gazette the site's .gazette-cache/ (record
              cache and snapshot) is deleted before every one, so nothing is reused
  no-change   (gazette) a rebuild into the last clean output, nothing changed
  body, title, url, date, add, delete
              (gazette) the edit cases of bench/common.py, each a rebuild into the last clean
              output, undone exactly and rebuilt untimed after every run
  add         (Hugo) `hugo` into its last clean output after adding the same article: Hugo has
              no incremental build, so this is a full build (Hugo's output keeps the added page
              afterwards; Hugo rewrites everything each build, so it is not rebuilt)
  server body (Hugo) `hugo server --renderToMemory`'s rebuild after the body edit, as its log
              says ("Total in N ms"), CPU time the server process used from the write to that
              line, and the server's peak RSS (VmHWM: its first full build included). Twice:
              in Hugo's default fast render mode (only pages a browser visited are rendered
              again, and none was) and with --disableFastRender (every page rendered again).
              Started on 127.0.0.1 on a free port, stopped after its runs. No network.

for gazette without search ("gazette": the same work as Hugo's site, which has none), gazette
with its search index (its default: "gazette+search") and Hugo. The clean builds of all of them
and the floor run in rounds, the order reversed every other round (ABBA), so a drift in the
machine's speed falls on all; so do the edit runs.

Environment: RUNS, WARMUP; CASES (comma-separated, default all: clean,no-change,body,title,url,
date,add,delete,server; "edit" is title); HUGO_MAX (default 10000: Hugo above it is skipped; it
took 14 minutes a build at 100,000 articles); SEARCH_MAX (default 100000: gazette+search above
it is skipped, see Disk); KEEP=1 keeps the outputs.

The report: wall time (median; Python's perf_counter around the run), CPU time (user +
system) and peak RSS of every case, files written by the clean builds, each rebuild as a share
of the same tool's clean build, the clean build as a multiple of the floor, gazette/Hugo ratios,
every run's numbers, and issue 14's targets, each "meets" or "MISSES by X".

Disk: nothing is deleted while timing if there is room: on this ext4 with online discard a
build right after a deletion creates its files far more slowly (bench/common.py). Every output
stays until the end of the run (then deleted in the background by a detached, idle-priority
`rm -rf`; the next run waits for it). A size whose rounds do not all fit runs fewer (the
warm-up first); where not even one round fits, the tools run one after the other, as many
runs as fit, the outputs of earlier tools and sizes deleted first when needed (the report
notes it: those builds followed a deletion). At 1,000,000 articles the archive is ~8 GB
(without Hugo's copy, above HUGO_MAX), the floor's copy ~8 GB and gazette's output ~31 GB with
~2.5 million files and folders (gazette+search's ~45 GB, hence SEARCH_MAX), against ~54 GB free
on the benchmark machine: one run each, no warm-up, and run it as a size of its own.
"""

import datetime
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time

import common
from common import log

BENCH_DIR = os.environ["BENCH_DIR"]
GAZETTE = os.environ["GAZETTE"]
SYNTH = os.environ["SYNTH"]
HUGO = os.environ["HUGO"]
RUNS = int(os.environ.get("RUNS", "3"))
WARMUP = int(os.environ.get("WARMUP", "1"))
HUGO_MAX = int(os.environ.get("HUGO_MAX", "10000"))
SEARCH_MAX = int(os.environ.get("SEARCH_MAX", "100000"))
KEEP = os.environ.get("KEEP") == "1"
CASES = common.parse_cases(os.environ.get(
    "CASES", "clean,no-change," + ",".join(common.CASES) + ",server"), always=("clean", "server"))
REPO = common.REPO
RESULTS = common.RESULTS
SERVER_TIMEOUT = 3600


def rounds(warmup, runs, tools, run):
    """warmup + runs rounds of run(tool, i) over tools, reversed every other round.

    Returns {tool: [result, ...]} of the measured rounds."""
    out = {t: [] for t in tools}
    for i in range(warmup + runs):
        for t in (tools if i % 2 == 0 else tools[::-1]):
            r = run(t, i)
            if i >= warmup:
                out[t].append(r)
                log(f"    {t}: {r[0]:.3f} s (CPU {r[1]:.2f}, {r[2]:.0f} MB)")
    return out


def count_files(folder):
    return sum(len(files) for _, _, files in os.walk(folder))


# --- hugo server ----------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def wait_in_log(path, start, pattern, proc):
    """Waits until pattern appears in the log after offset start; (match, offset after it)."""
    deadline = time.monotonic() + SERVER_TIMEOUT
    while time.monotonic() < deadline:
        with open(path, encoding="utf-8", errors="replace") as f:
            f.seek(start)
            text = f.read()
        m = re.search(pattern, text)
        if m:
            return m, start + len(text[:m.end()].encode("utf-8", errors="replace"))
        if proc.poll() is not None:
            sys.exit(f"hugo server stopped ({proc.returncode}); its log: {path}")
        time.sleep(0.02)
    sys.exit(f"hugo server: no {pattern!r} in {SERVER_TIMEOUT} s; its log: {path}")


def settle(path, proc, quiet=1.5):
    """Waits until the log has not grown for quiet seconds (no second rebuild under way); the
    log's size then."""
    size, since = -1, time.monotonic()
    while True:
        now = os.path.getsize(path)
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return size
        if proc.poll() is not None:
            sys.exit(f"hugo server stopped ({proc.returncode}); its log: {path}")
        time.sleep(0.05)


def hugo_server(site, plan, hold, fast, warmup, runs, notes):
    """Times hugo server's rebuild after the body edit: [(log s, CPU s, peak RSS MB, write to log s)]."""
    logfile = os.path.join(BENCH_DIR, f"hugo-server-{os.getpid()}.log")
    cmd = [HUGO, "server", "-s", site, "--renderToMemory", "--bind", "127.0.0.1",
           "--port", str(free_port()), "--disableLiveReload", "--logLevel", "info"]
    if not fast:
        cmd.append("--disableFastRender")
    content = os.path.join(site, "content", "posts")
    keep_log = False
    with open(logfile, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        wait_in_log(logfile, 0, r"Web Server is available", proc)
        results = []
        for i in range(warmup + runs):
            at = settle(logfile, proc)
            cpu = cpu_seconds(proc.pid)
            start = time.perf_counter()
            undo = plan.change("body", content, hold)
            try:
                m, at = wait_in_log(logfile, at, r"Total in (\d+) ms", proc)
            finally:
                written = time.perf_counter() - start
                used = cpu_seconds(proc.pid) - cpu
                undo()
            wait_in_log(logfile, at, r"Total in (\d+) ms", proc)  # the undo's rebuild
            r = (int(m.group(1)) / 1000, used, peak_rss_mb(proc.pid), written)
            with open(logfile, encoding="utf-8", errors="replace") as f:
                rebuilds = f.read().count("Change detected")
            if rebuilds != 2 * (i + 1) and not keep_log:
                keep_log = True
                notes.append(f"hugo server: {rebuilds} rebuilds after {i + 1} edit(s) and undo(s), "
                                 f"not {2 * (i + 1)}: a change seen twice? (log kept: {logfile})")
            log(f"    hugo server{'' if fast else ' --disableFastRender'}: {r[0]:.3f} s by its log "
                f"({r[3]:.3f} s from the write), CPU {r[1]:.2f}, peak {r[2]:.0f} MB")
            if i >= warmup:
                results.append(r)
        return results
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if not keep_log:
            os.remove(logfile)


# --- one size -------------------------------------------------------------------------------

class Run:
    def __init__(self):
        self.work = os.path.join(BENCH_DIR, f"work-{os.getpid()}")
        self.done = []  # outputs and copies no longer needed
        self.discarded = []
        self.notes = []

    def make_room(self, n, what):
        """Deletes the outputs no longer needed; whether there were any."""
        if not self.done:
            return False
        common.delete_now(self.done, "outputs no longer needed, for room")
        self.notes.append(f"{n:,} {what}: followed the deletion of earlier outputs (file "
                          "creation is slower after a deletion)")
        self.done = []
        return True


def run_size(n, run):
    with_hugo = n <= HUGO_MAX
    log(f"== {n:,} articles")
    archive = common.ensure_archive(
        os.path.join(BENCH_DIR, str(n)), n, SYNTH, hugo=with_hugo,
        discard=lambda p: run.discarded.append(common.to_trash(BENCH_DIR, p)))
    plan = common.Plan(os.path.join(archive, "gazette", "content"))
    work = os.path.join(run.work, str(n))
    os.makedirs(work)
    for site in ["gazette", "gazette-search"] + (["hugo"] if with_hugo else []):
        subprocess.run(["cp", "-al", os.path.join(archive, site), os.path.join(work, site)], check=True)
    hold = os.path.join(work, "held")
    if with_hugo:
        hugo_original = plan.snapshot(os.path.join(archive, "hugo", "content", "posts"))
    content = {"gazette": os.path.join(work, "gazette", "content"),
               "hugo": os.path.join(work, "hugo", "content", "posts")}
    time.sleep(2.5)  # gazette does not trust files modified within 2 s of a build
    tools = ["floor", "gazette"] + (["gazette+search"] if n <= SEARCH_MAX else []) + (["hugo"] if with_hugo else [])
    site = {"gazette": os.path.join(work, "gazette"), "gazette+search": os.path.join(work, "gazette-search"),
            "hugo": os.path.join(work, "hugo")}
    last, outs = {}, []
    counter = [0]

    def fresh(tool):
        counter[0] += 1
        path = os.path.join(work, "out", f"{tool}-{counter[0]}")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        outs.append(path)
        return path

    def build(tool, out):
        if tool == "hugo":
            return common.timed([HUGO, "--quiet", "-s", site[tool], "-d", out])
        return common.timed([GAZETTE, "build", "--quiet", "--root", site[tool], "--out", out])

    def clean(tool, i):
        out = fresh(tool)
        if tool == "floor":
            return common.timed(["sh", "-c", 'cd "$0" && find content -type f -exec cat {} + > /dev/null '
                                 '&& cp -r content "$1"', site["gazette"], out])
        if tool != "hugo":
            cache = os.path.join(site[tool], ".gazette-cache")
            subprocess.run(["rm", "-rf", cache], check=True)
            if os.path.exists(cache):
                sys.exit(f"could not delete {cache}")
        last[tool] = out
        return build(tool, out)

    def edit(case):
        def one(tool, i):
            undo = plan.change(case, content["hugo" if tool == "hugo" else "gazette"], hold)
            try:
                r = build(tool, last[tool])
            finally:
                undo()
            if tool != "hugo":
                build(tool, last[tool])  # back to the state every run starts from, untimed
            return r
        return one

    results = {}
    caches = [("cache", n)] * len([t for t in tools if t.startswith("gazette")])
    fit = common.runs_that_fit(BENCH_DIR, caches, [(t, n) for t in tools], WARMUP, RUNS,
                               lambda: run.make_room(n, "clean builds"))
    if fit:
        warmup, runs = fit
        if fit != (WARMUP, RUNS):
            run.notes.append(f"{n:,}: room for {sum(fit)} round(s) of clean builds only: {warmup} warm-up, {runs} measured")
        log(f"  clean: {warmup} warm-up round(s), {runs} measured, tools in turn: {', '.join(tools)}")
        got = rounds(warmup, runs, tools, clean)
    else:
        # One tool after the other, gazette first (before any deletion), each with as many
        # runs as fit; the last output of each kept for the rebuilds, the floor's not.
        got = {}
        for t in sorted(tools, key=lambda t: t != "gazette"):
            fixed = [("cache", n)] if t.startswith("gazette") else []
            fit_t = common.runs_that_fit(BENCH_DIR, fixed, [(t, n)], WARMUP, RUNS,
                                         lambda: run.make_room(n, f"{t} clean"))
            if not fit_t:
                run.notes.append(f"{n:,} {t}: not run, no room for even one output")
                log(f"  {t}: not run, no room for even one output")
                tools.remove(t)
                continue
            run.notes.append(f"{n:,} {t}: no room for a round of every tool: {t} alone, "
                             f"{fit_t[0]} warm-up, {fit_t[1]} measured")
            log(f"  {t} clean alone: {fit_t[0]} warm-up, {fit_t[1]} measured")
            got.update(rounds(*fit_t, [t], clean))
            run.done += [o for o in outs if o != last.get(t) and o not in last.values()]
        warmup, runs = 0, 1
    for t, rs in got.items():
        results[(t, "copy" if t == "floor" else "clean")] = rs
    files = {t: count_files(last[t]) for t in last}
    builders = [t for t in tools if t != "floor"]
    if "no-change" in CASES:
        log("  no-change")
        got = rounds(warmup, runs, [t for t in builders if t != "hugo"], lambda t, i: build(t, last[t]))
        for t, rs in got.items():
            results[(t, "no-change")] = rs
    for case in CASES:
        if case not in common.CASES:
            continue
        who = [t for t in builders if t != "hugo" or case == "add"]
        log(f"  {case}: {plan.describe(case)}")
        got = rounds(warmup, runs, who, edit(case))
        for t, rs in got.items():
            results[(t, case)] = rs
        plan.verify(content["gazette"])
        plan.verify(os.path.join(archive, "gazette", "content"))
        if with_hugo:
            plan.verify(content["hugo"], hugo_original)
    if with_hugo and "server" in CASES:
        for fast in (True, False):
            label = "server body" + ("" if fast else " (all pages)")
            log(f"  hugo {label}")
            results[("hugo", label)] = hugo_server(site["hugo"], plan, hold, fast, warmup, runs, run.notes)
        plan.verify(content["hugo"], hugo_original)
    run.done += outs + [work]
    return results, files, plan


# --- the report -----------------------------------------------------------------------------

def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except Exception as e:  # a missing tool is reported, not fatal
        return f"unknown ({e})"


def git_head():
    """The commit the binary was built from: taken when the run starts (bench/run.sh builds
    just before), since the tree may move on while a long run goes."""
    try:
        head = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no",
                                "--", "src", "Cargo.toml", "Cargo.lock"],
                               capture_output=True, text=True).stdout.strip()
        return head + (" with uncommitted changes to src/" if dirty else "")
    except OSError:
        return "unknown"


class LoadWatch:
    """The 1-minute load average every 30 s while the run goes: its highest value says how
    quiet the machine was, which the loads at the start and end alone do not."""

    def __init__(self):
        import threading
        self.highest = os.getloadavg()[0]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.thread.start()

    def watch(self):
        while not self.stop.wait(30):
            self.highest = max(self.highest, os.getloadavg()[0])

    def done(self):
        self.stop.set()
        return self.highest


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            return next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "unknown CPU"


def med(rs, k):
    return statistics.median(r[k] for r in rs)


def report(sizes, notes, started, load_start, load_end, head, highest):
    lines = [
        f"## {started:%Y-%m-%d %H:%M} UTC: gazette against Hugo",
        "",
        f"- CPU: {cpu_model()}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
        f"load average {load_start} at start, {load_end} at the end, highest 1-minute average seen "
        f"{highest:.2f} (2 cores: above 2, something else ran beside the benchmark)",
        f"- gazette: {version([GAZETTE, '--version'])} (release build of {head})",
        f"- Hugo: {version([HUGO, 'version'])}" + ("" if sizes and min(sizes) <= HUGO_MAX else " (not run)"),
        f"- `bench/run.sh`: {WARMUP} warm-up and {RUNS} measured runs per case (fewer where the notes say), "
        "medians; tools in turn, the order reversed every other round; clean builds cold (gazette's "
        "`.gazette-cache/` deleted first) into a new folder; the other cases rebuild the last clean output, "
        "each edit undone and rebuilt untimed after every run (bench/common.py); "
        f"Hugo above {HUGO_MAX:,} articles and gazette+search above {SEARCH_MAX:,} not run",
        "- \"% of clean\": the rebuild's wall time as a share of the same tool's clean build; \"× floor\": the "
        "clean build's wall time over the floor's (cat + cp -r content); gazette/Hugo: gazette's median over "
        "Hugo's for the same case (for body, over `hugo server`'s rebuild, default fast render / all pages); "
        "Hugo's server rows: the rebuild time its log gives, the server's CPU time from the write to that "
        "line, and its peak RSS since it started",
        "",
        "| articles | tool | case | wall s | CPU s | peak RSS MB | files | % of clean | × floor | gazette/Hugo wall | gazette/Hugo RSS |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    raw = []
    meds = {}
    edits = []
    order = ["copy", "clean", "no-change"] + list(common.CASES) + ["server body", "server body (all pages)"]
    for n, (results, files, plan) in sizes.items():
        edits.append(f"- {n:,} articles:")
        edits += [f"  - {plan.describe(c)}" for c in CASES if c in common.CASES]
        for (tool, case), rs in results.items():
            meds[(n, tool, case)] = tuple(med(rs, k) for k in range(3))
        floor = meds.get((n, "floor", "copy"))
        for (tool, case) in sorted(results, key=lambda tc: (["floor", "gazette", "gazette+search", "hugo"].index(tc[0]),
                                                            order.index(tc[1]))):
            w, c, r = meds[(n, tool, case)]
            clean = meds.get((n, tool, "clean"))
            share = f"{100 * w / clean[0]:.2f}%" if clean and case not in ("clean", "copy") else ""
            times = f"{w / floor[0]:.2f}" if floor and case == "clean" else ""
            vs_w = vs_r = ""
            if tool.startswith("gazette"):
                if case == "body":
                    hs = [meds.get((n, "hugo", s)) for s in ("server body", "server body (all pages)")]
                    if all(hs):
                        vs_w = " / ".join(f"{w / h[0]:.3f}" for h in hs)
                        vs_r = " / ".join(f"{r / h[2]:.3f}" for h in hs)
                elif meds.get((n, "hugo", case)):
                    h = meds[(n, "hugo", case)]
                    vs_w, vs_r = f"{w / h[0]:.3f}", f"{r / h[2]:.3f}"
            label = "cat + cp -r content (floor)" if tool == "floor" else case
            lines.append(f"| {n:,} | {tool} | {label} | {w:.3f} | {c:.2f} | {r:.0f} | "
                         f"{files.get(tool, '') if case == 'clean' else ''} | {share} | {times} | {vs_w} | {vs_r} |")
            raw.append(f"| {n:,} | {tool} | {label} | " + " ".join(f"{x[0]:.3f}" for x in results[(tool, case)])
                       + " | " + " ".join(f"{x[1]:.2f}" for x in results[(tool, case)])
                       + " | " + " ".join(f"{x[2]:.0f}" for x in results[(tool, case)]) + " |")
    lines += ["", "Issue 14's targets:", ""] + common.targets(meds)
    lines += ["", "The edits (bench/common.py):", ""] + edits
    if notes:
        lines += ["", "Notes on this run:", ""] + [f"- {t}" for t in notes]
    lines += ["", "Every run, in order:", "", "| articles | tool | case | wall s | CPU s | peak RSS MB |",
              "| ---: | --- | --- | --- | --- | --- |"] + raw
    return "\n".join(lines) + "\n"


def main():
    sizes_wanted = [int(a.replace(",", "").replace("_", "")) for a in sys.argv[1:]] or [1000, 10000, 100000]
    if WARMUP < 0 or RUNS < 1:
        sys.exit("WARMUP must be 0 or more and RUNS 1 or more")
    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    head = git_head()
    watch = LoadWatch()
    os.makedirs(BENCH_DIR, exist_ok=True)
    common.wait_for_deletions(BENCH_DIR)
    run = Run()
    sizes = {}
    try:
        for n in sizes_wanted:
            sizes[n] = run_size(n, run)
    finally:
        if KEEP:
            log(f"kept the outputs in {run.work}")
            common.delete_in_background(BENCH_DIR, run.discarded)
        else:
            common.delete_in_background(BENCH_DIR, [run.work] + run.discarded)
    load_end = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    text = report(sizes, run.notes, started, load_start, load_end, head, watch.done())
    print()
    print(text)
    if os.environ.get("WRITE", "1") == "1":
        common.write_results(text)
        log(f"written at the top of {RESULTS}")


if __name__ == "__main__":
    main()
