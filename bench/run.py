"""The measuring half of bench/run.sh (which installs the tools and builds gazette first).

For each N: generates the archive (bench/synth.rs), then times with GNU time, one warm-up and
RUNS measured runs each, medians reported:
  floor     cat of every content file + cp -r content (what merely reading and copying costs)
  clean     a build into a new, empty output folder
  no-change a rebuild into that folder with nothing changed
  edit      a rebuild after changing one article's title
for gazette without search (the same work as Hugo's site, which has none), gazette with its
search index (its default: "gazette+search") and Hugo, and writes bench/RESULTS.md, newest
run first. The targets are checked on "gazette"; "gazette+search" shows what search costs.

Clean builds go into a fresh folder each time and old outputs are deleted only at the end:
on ext4 with online discard, deleting costs ~1 ms a file, and freshly freed inodes slow the
next build's file creation (seen: 8.9 s instead of 3.2 s at 10,000 articles).
"""

import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

BENCH_DIR = os.environ["BENCH_DIR"]
GAZETTE = os.environ["GAZETTE"]
SYNTH = os.environ["SYNTH"]
HUGO = os.environ["HUGO"]
RUNS = int(os.environ.get("RUNS", "3"))
HUGO_MAX = int(os.environ.get("HUGO_MAX", "100000"))
KEEP = os.environ.get("KEEP") == "1"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(REPO, "bench", "RESULTS.md")

counter = 0
to_delete = []


def fresh(name):
    """A new folder path under BENCH_DIR/out that does not exist yet."""
    global counter
    counter += 1
    path = os.path.join(BENCH_DIR, "out", f"{name}-{os.getpid()}-{counter}")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    to_delete.append(path)
    return path


def timed(cmd, cwd=None):
    """Runs cmd under GNU time: (wall s, cpu s, peak RSS MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        subprocess.run(
            ["/usr/bin/time", "-o", t.name, "-f", "%e %U %S %M", *cmd],
            cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall, user, system, rss = t.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss) / 1024


def measure(make_cmd, prepare=None):
    """One warm-up and RUNS runs; medians of wall, CPU and peak RSS."""
    results = []
    for i in range(RUNS + 1):
        cmd = make_cmd()
        if prepare:
            prepare()
        r = timed(cmd)
        if i > 0:
            results.append(r)
    return tuple(statistics.median(x[k] for x in results) for k in range(3)) + (results,)


def count_files(folder):
    return sum(len(files) for _, _, files in os.walk(folder))


def one_article(root):
    for dirpath, _, files in sorted(os.walk(os.path.join(root, "content"))):
        for f in sorted(files):
            if f.endswith(".md"):
                return os.path.join(dirpath, f)
    raise SystemExit(f"no article under {root}")


def toggle_title(path):
    """Edits one article: adds or removes ' (updated)' at the end of its title."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if '(updated)"\n' in text:
        text = text.replace(' (updated)"\n', '"\n', 1)
    else:
        text = re.sub(r'^(title = ".*)"$', r'\1 (updated)"', text, count=1, flags=re.M)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except Exception as e:  # a missing tool is reported, not fatal
        return f"unknown ({e})"


def run_size(n):
    site = os.path.join(BENCH_DIR, f"archive-{n}")
    done = os.path.isfile(os.path.join(site, "done"))
    if not (done and os.path.isdir(os.path.join(site, "gazette-search"))):
        shutil.rmtree(site, ignore_errors=True)
        subprocess.run([SYNTH, str(n), site], check=True)
        open(os.path.join(site, "done"), "w").close()
    gazette_site = os.path.join(site, "gazette")
    search_site = os.path.join(site, "gazette-search")
    hugo_site = os.path.join(site, "hugo")
    rows = {}
    print(f"== {n} articles", flush=True)

    rows["floor"] = measure(lambda: floor_cmd_in(gazette_site))
    print("  floor", rows["floor"][:3], flush=True)

    tools = [("gazette", gazette_site,
              lambda out: [GAZETTE, "build", "--quiet", "--root", gazette_site, "--out", out]),
             # The same archive with gazette's search index (its default; Hugo has none).
             ("gazette+search", search_site,
              lambda out: [GAZETTE, "build", "--quiet", "--root", search_site, "--out", out])]
    if n <= HUGO_MAX:
        tools.append(("hugo", hugo_site,
                      lambda out: [HUGO, "--quiet", "-s", hugo_site, "-d", out]))
    for name, root, cmd in tools:
        last = {}

        def clean():
            last["out"] = fresh(name)
            return cmd(last["out"])

        rows[f"{name} clean"] = measure(clean)
        out = last["out"]
        rows[f"{name} clean"] += (count_files(out),)
        print(f"  {name} clean", rows[f'{name} clean'][:3], flush=True)
        rows[f"{name} no-change"] = measure(lambda: cmd(out))
        print(f"  {name} no-change", rows[f'{name} no-change'][:3], flush=True)
        article = one_article(root)
        rows[f"{name} edit"] = measure(lambda: cmd(out), prepare=lambda: toggle_title(article))
        print(f"  {name} edit", rows[f'{name} edit'][:3], flush=True)
    return rows


def floor_cmd_in(site):
    dest = fresh("floor")
    return ["sh", "-c", f"cd {site} && find content -type f -exec cat {{}} + > /dev/null && cp -r content {dest}"]


def report(sizes, started):
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    lines = [
        f"## {started:%Y-%m-%d %H:%M} UTC",
        "",
        f"- CPU: {cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}",
        f"- gazette: {version([GAZETTE, '--version'])} (release build of {git_head()})",
        f"- Hugo: {version([HUGO, 'version'])}",
        f"- load average at start: {started_load}; other processes may have shared the CPUs, so wall times are noisy: CPU time is steadier",
        f"- {RUNS} runs after a warm-up, medians; clean builds into a new folder each time",
        "",
        "| articles | case | wall s | CPU s | peak RSS MB | files written | wall vs Hugo |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, rows in sizes.items():
        for case, r in rows.items():
            tool, _, kind = case.partition(" ")
            hugo = rows.get(f"hugo {kind}") if tool.startswith("gazette") else None
            ratio = f"{hugo[0] / r[0]:.1f}x faster" if hugo and r[0] > 0 else ""
            files = str(r[4]) if len(r) > 4 else ""
            label = "cat + cp -r content (floor)" if case == "floor" else case
            lines.append(f"| {n:,} | {label} | {r[0]:.2f} | {r[1]:.2f} | {r[2]:.0f} | {files} | {ratio} |")
    lines += ["", "Targets:", ""]
    lines += targets(sizes)
    return "\n".join(lines) + "\n"


def targets(sizes):
    out = []
    def check(ok, text):
        out.append(f"- {'met' if ok else 'MISSED'}: {text}")
    big = sizes.get(100000)
    if big:
        g, f = big["gazette clean"], big["floor"]
        check(g[0] <= 3 * f[0], f"100,000 clean build {g[0]:.1f} s within 3x cat+cp {f[0]:.1f} s (ratio {g[0] / f[0]:.2f})")
        check(g[2] < 1024, f"100,000 peak RSS {g[2]:.0f} MB under 1 GB")
        for kind in ("no-change", "edit"):
            r = big[f"gazette {kind}"]
            check(r[0] <= 0.02 * g[0], f"100,000 {kind} rebuild {r[0]:.2f} s at most 2% of the clean build ({100 * r[0] / g[0]:.1f}%)")
    else:
        out.append("- not run: the 100,000-article targets")
    mid = sizes.get(10000)
    if mid and "hugo clean" in mid:
        g, h = mid["gazette clean"], mid["hugo clean"]
        check(h[0] >= 2 * g[0], f"10,000 clean build {g[0]:.2f} s at least 2x faster than Hugo {h[0]:.2f} s ({h[0] / g[0]:.1f}x)")
        check(g[2] <= h[2] / 2, f"10,000 peak RSS {g[2]:.0f} MB at most half of Hugo's {h[2]:.0f} MB")
    else:
        out.append("- not run: the 10,000-article comparison with Hugo")
    if big and mid:
        ratio = big["gazette clean"][0] / mid["gazette clean"][0]
        check(ratio <= 11, f"near-linear: 100,000 / 10,000 clean build time {ratio:.1f} (at most 11)")
    return out


def git_head():
    try:
        return subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"


def main():
    global started_load
    sizes_wanted = [int(a.replace(",", "").replace("_", "")) for a in sys.argv[1:]] or [1000, 10000, 100000]
    started = datetime.datetime.now(datetime.timezone.utc)
    started_load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    sizes = {}
    try:
        for n in sizes_wanted:
            sizes[n] = run_size(n)
            # The outputs of one size go before the next: at 100,000 articles each clean build
            # is ~2.5 GB and 140,000 files, and all runs' outputs together ~20 GB.
            delete_outputs()
    finally:
        if sizes:
            new = report(sizes, started)
            old = ""
            if os.path.exists(RESULTS):
                with open(RESULTS, encoding="utf-8") as f:
                    old = f.read()
            head = ("# Benchmark results\n\nWritten by `bench/run.sh` (gazette against Hugo) and "
                    "`bench/compare.sh --write` (two gazette binaries side by side); the newest run first.\n\n")
            for h in (head, "# Benchmark results\n\nWritten by `bench/run.sh`; the newest run first.\n\n"):
                if old.startswith(h):
                    old = old[len(h):]
                    break
            with open(RESULTS, "w", encoding="utf-8") as f:
                f.write(head + new + ("\n" + old if old else ""))
            print(new)
        delete_outputs()


def delete_outputs():
    if KEEP or not to_delete:
        return
    print(f"deleting {len(to_delete)} build outputs (slow on ext4 with discard)...", flush=True)
    for path in to_delete:
        shutil.rmtree(path, ignore_errors=True)
    to_delete.clear()


started_load = ""

if __name__ == "__main__":
    main()
