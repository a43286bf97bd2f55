#!/usr/bin/env bash
# Times two gazette binaries side by side (alternating) on the same synthetic archives: A, a
# baseline such as the previous main, against B, this tree's release build. See bench/compare.py.
#
#   bench/compare.sh --a /work/baseline/gazette-cb394bb --a-commit cb394bb \
#       --data /work/bench-data 10000 100000
#   bench/compare.sh ... --write       # also put the report at the top of bench/RESULTS.md
#   bench/compare.sh ... --search      # also measure the search index on (gazette+search)
#
# Installs GNU time if missing, builds this tree's gazette (B, unless --b or GAZETTE_B is
# given) and the synth example (unless SYNTH is given; only needed for archives not yet in
# --data), then runs bench/compare.py with B's commit id (git rev-parse --short HEAD,
# "-dirty" with changes). B is the tree this script is in, and --write writes its
# bench/RESULTS.md. Environment: RUNS (runs per binary per case), BENCH_DATA (default for
# --data), CARGO_TARGET_DIR, GAZETTE_B and B_COMMIT, SYNTH.
set -euo pipefail

cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-$(pwd)/target}

if [ ! -x /usr/bin/time ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq time
fi

# The synth example uses gazette::testing, which may sit behind a `testing` feature. Built
# before the binary so that gazette itself is built without that feature (nor the features
# dev-dependencies turn on), as `cargo build --release --bin gazette` alone builds it.
# Skipped when SYNTH names one (archives already in --data do not need it at all).
if [ -z "${SYNTH:-}" ]; then
    if nice -n 10 cargo build --release --example synth 2>/dev/null \
        || nice -n 10 cargo build --release --example synth --features testing; then
        export SYNTH=$TARGET/release/examples/synth
    else
        echo "compare.sh: could not build the synth example; archives must already be in --data" >&2
    fi
fi

if [ -z "${GAZETTE_B:-}" ] && [[ " $* " != *" --b "* && " $* " != *" --b="* ]]; then
    nice -n 10 cargo build --release --bin gazette
    export GAZETTE_B=$TARGET/release/gazette
    rev=$(git rev-parse --short HEAD)
    [ -n "$(git status --porcelain --untracked-files=no)" ] && rev="$rev-dirty"
    export B_COMMIT=${B_COMMIT:-$rev}
fi

exec python3 bench/compare.py "$@"
