#!/usr/bin/env bash
# Time whole dossier commands, cold and warm, with public tools:
# hyperfine (wall time over repeated runs) and /usr/bin/time -v (peak RSS).
#
#   benches/commands.sh [N...]        default: 10000 100000
#
# For each N it generates (once) a corpus of N articles under
# /tmp/index/cN with examples/gen_corpus, then times, with the index in a
# fresh cache folder /tmp/index/cache-N:
#   - the baseline: reading every file and counting lines with memchr-speed
#     tools (cat | wc -l; benches/first_frame.rs has the in-process memchr one), i.e. what merely touching the bytes costs;
#   - `dossier list DIR --json` cold (empty index), warm, and --no-cache;
#   - `dossier entities DIR --json` cold (no extracts stored yet) and warm;
#   - peak memory of each, against the corpus's body text size.
# Entities are timed only up to ENTITIES_MAX articles (default 20000): at
# 10,000 resolution already takes seconds and over a gigabyte (see
# benches/notes/index.md), so 100,000 would take many minutes.
# Needs: a release build (cargo build --release --example gen_corpus),
# hyperfine (apt-get install -y hyperfine), GNU time (/usr/bin/time).
# Figures depend on what else the machine runs: note `uptime` beside them.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=target/release/dossier
GEN=target/release/examples/gen_corpus
OUT=/tmp/index
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(10000 100000)
ENTITIES_MAX=${ENTITIES_MAX:-20000}

if ! command -v hyperfine >/dev/null; then
    echo "hyperfine is not installed: apt-get install -y hyperfine" >&2
    exit 1
fi
if [ ! -x /usr/bin/time ]; then
    echo "GNU time is not installed: apt-get install -y time" >&2
    exit 1
fi
cargo build --release --bin dossier --example gen_corpus >&2
mkdir -p "$OUT"

peak() { # peak RSS (MB) and wall time of one run of "$@"
    /usr/bin/time -f "%M %e %U %S" "$@" >/dev/null 2>"$OUT/time.txt" || true
    awk 'END { printf "%.0f MB peak, %s s wall, %s s user, %s s sys\n", $1/1024, $2, $3, $4 }' "$OUT/time.txt"
}

for n in "${SIZES[@]}"; do
    dir="$OUT/c$n"
    cache="$OUT/cache-$n"
    [ -d "$dir" ] || "$GEN" "$dir" "$n" >&2
    echo "== $n articles: $(du -sh "$dir" | cut -f1) on disk; $(uptime)"
    echo "-- baseline: read every file (cat) and scan it (wc -l)"
    hyperfine --warmup 1 --runs 3 "find $dir -type f -print0 | xargs -0 cat | wc -l" 2>&1 | grep -E "Time|Range"

    export DOSSIER_CACHE_DIR="$cache"
    rm -rf "$cache"
    echo "-- list, cold (empty index):  $(peak "$BIN" list "$dir" --json)"
    echo "-- list, warm:                $(peak "$BIN" list "$dir" --json)"
    hyperfine --warmup 1 --runs 5 "$BIN list $dir --json" 2>&1 | grep -E "Time|Range"
    echo "-- list, --no-cache:          $(peak "$BIN" --no-cache list "$dir" --json)"
    if [ "$n" -le "$ENTITIES_MAX" ]; then
        echo "-- entities, cold extracts:   $(peak "$BIN" entities "$dir" --json)"
        echo "-- entities, warm:            $(peak "$BIN" entities "$dir" --json)"
        hyperfine --runs 3 "$BIN entities $dir --json" 2>&1 | grep -E "Time|Range"
    else
        echo "-- entities: skipped above ENTITIES_MAX=$ENTITIES_MAX articles"
    fi
    echo "-- index size: $(du -sh "$cache" | cut -f1)"
    unset DOSSIER_CACHE_DIR
done
