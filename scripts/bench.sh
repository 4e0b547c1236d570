#!/usr/bin/env bash
# Whole-process throughput and peak memory of `ocrclean clean` on a corpus
# built from the bundled seeds, next to a trivial floor (read, check UTF-8,
# write back; examples/floor.rs) on the same input.
#
#   scripts/bench.sh                 # 40 MB corpus: many files, and one JSONL file
#   scripts/bench.sh --mb 80         # a larger corpus
#   scripts/bench.sh --big           # also clean a 1 GB JSONL file and check peak RSS < 100 MB
#   scripts/bench.sh --runs 5        # best of 5 runs per row (default 3)
#
# Needs a Rust toolchain and GNU time (/usr/bin/time, installed with apt-get
# if missing). Everything is built and written under target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."

MB=40
RUNS=3
BIG=0
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) MB="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --big) BIG=1; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

if [ ! -x /usr/bin/time ]; then
    echo "bench.sh: installing GNU time" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq time >/dev/null
fi

cargo build --release --quiet --bin ocrclean --example floor --example bench_corpus
BIN=target/release/ocrclean
FLOOR=target/release/examples/floor
WORK=target/bench
CORPUS="$WORK/corpus-${MB}mb"
if [ ! -f "$CORPUS/corpus.jsonl" ]; then
    rm -rf "$CORPUS"
    target/release/examples/bench_corpus golden/seeds "$CORPUS" "$MB" >/dev/null
fi
TEXT_BYTES=$(find "$CORPUS/files" -type f -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
FILE_COUNT=$(find "$CORPUS/files" -type f -name '*.txt' | wc -l)
JSONL_BYTES=$(stat -c %s "$CORPUS/corpus.jsonl")
# Outputs go to tmpfs when there is one, so that the numbers measure the
# tool rather than the file system's inode allocator (BENCH_OUT overrides).
if [ -z "${BENCH_OUT:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    BENCH_OUT=/dev/shm/ocrclean-bench
fi
OUT="${BENCH_OUT:-$WORK/out}"

# run LABEL BYTES COMMAND...: the run with the best wall time of $RUNS:
# wall time, MB/s, CPU time (user + system, all threads) and peak RSS. The
# output is removed before each run.
run() {
    local label="$1" bytes="$2"; shift 2
    local best="" stats="" i start end secs
    for ((i = 0; i < RUNS; i++)); do
        rm -rf "$OUT" "$OUT.jsonl"
        start=$(date +%s%N)
        /usr/bin/time -f '%M %U %S' -o "$WORK/time" "$@" >/dev/null
        end=$(date +%s%N)
        secs=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
        if [ -z "$best" ] || awk -v s="$secs" -v b="$best" 'BEGIN {exit !(s < b)}'; then
            best=$secs
            stats=$(tail -n1 "$WORK/time")
        fi
    done
    echo "$stats" | awk -v l="$label" -v s="$best" -v n="$bytes" \
        '{printf "  %-34s %7.3f s %7.1f MB/s   cpu %6.2f s   %6.1f MB RSS\n", l, s, n / 1e6 / s, $2 + $3, $1 / 1024}'
    LAST=$best
    LAST_RSS_MB=$(echo "$stats" | awk '{printf "%.1f", $1 / 1024}')
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

echo "corpus: $FILE_COUNT files, $(ratio "$TEXT_BYTES" 1e6) MB of text; JSONL $(ratio "$JSONL_BYTES" 1e6) MB ($CORPUS)"
echo "machine: $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "passes: $($BIN passes | awk '{print $2}' | paste -sd' ')"
echo
echo "best of $RUNS runs; outputs in $OUT; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "files ($FILE_COUNT, -o DIR)"
run "floor (read, check UTF-8, write)" "$TEXT_BYTES" "$FLOOR" "$CORPUS/files" "$OUT"; floor=$LAST
run "clean --passes none -j 1" "$TEXT_BYTES" "$BIN" clean -q --passes none -j 1 "$CORPUS/files" -o "$OUT"
run "clean -j 1" "$TEXT_BYTES" "$BIN" clean -q -j 1 "$CORPUS/files" -o "$OUT"; j1=$LAST
run "clean -j 2" "$TEXT_BYTES" "$BIN" clean -q -j 2 "$CORPUS/files" -o "$OUT"; j2=$LAST
echo "  -j 1 / floor: $(ratio "$j1" "$floor")x the time   -j 2 speed-up: $(ratio "$j1" "$j2")x"
echo
echo "JSONL (one $(ratio "$JSONL_BYTES" 1e6) MB file, -o FILE; MB/s of JSONL bytes)"
run "floor (read, check UTF-8, write)" "$JSONL_BYTES" "$FLOOR" --jsonl "$CORPUS/corpus.jsonl" "$OUT.jsonl"; floor=$LAST
run "clean --jsonl --passes none -j 1" "$JSONL_BYTES" "$BIN" clean -q --jsonl --passes none -j 1 "$CORPUS/corpus.jsonl" -o "$OUT.jsonl"
run "clean --jsonl -j 1" "$JSONL_BYTES" "$BIN" clean -q --jsonl -j 1 "$CORPUS/corpus.jsonl" -o "$OUT.jsonl"; j1=$LAST
run "clean --jsonl -j 2" "$JSONL_BYTES" "$BIN" clean -q --jsonl -j 2 "$CORPUS/corpus.jsonl" -o "$OUT.jsonl"; j2=$LAST
echo "  -j 1 / floor: $(ratio "$j1" "$floor")x the time   -j 2 speed-up: $(ratio "$j1" "$j2")x"

if [ "$BIG" = 1 ]; then
    BIGDIR="$WORK/corpus-1024mb"
    if [ ! -f "$BIGDIR/corpus.jsonl" ]; then
        target/release/examples/bench_corpus golden/seeds "$BIGDIR" 1024 --jsonl-only >/dev/null
    fi
    BIG_BYTES=$(stat -c %s "$BIGDIR/corpus.jsonl")
    echo
    echo "big JSONL ($(ratio "$BIG_BYTES" 1e6) MB, stdin to stdout)"
    RUNS=1
    run "clean --jsonl -j 2 < big > /dev/null" "$BIG_BYTES" sh -c "$BIN clean -q --jsonl -j 2 < '$BIGDIR/corpus.jsonl'"
    # sh -c's own RSS is tiny; GNU time reports the largest process of the tree.
    rss_mb=$LAST_RSS_MB
    if awk -v r="$rss_mb" 'BEGIN {exit !(r < 100)}'; then
        echo "  peak RSS $rss_mb MB < 100 MB: ok"
    else
        echo "  peak RSS $rss_mb MB >= 100 MB: FAILED"
        exit 1
    fi
fi
rm -rf "$OUT" "$OUT.jsonl"
