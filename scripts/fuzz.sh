#!/usr/bin/env bash
# Fuzz the readers of user text (document numbers and metadata, chapters, book sidecars; the
# TCVN3/VNI repair) for a bounded time each, with libFuzzer through cargo-fuzz (nightly).
# A crashing, hanging or memory-hungry input is copied to tests/fuzz/<target>/, where
# `cargo test --test fuzz_regressions` replays it on every test run.
#   scripts/fuzz.sh [SECONDS_PER_TARGET=120]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-120}
if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
status=0
for target in metadata legacy; do
    mkdir -p "fuzz/corpus/$target" "tests/fuzz/$target"
    # Seed with the regression inputs and the sample sources: real text mutates into
    # interesting text faster than noise does.
    cp -n tests/fuzz/"$target"/* "fuzz/corpus/$target/" 2>/dev/null || true
    cp -n library/sources/*.txt "fuzz/corpus/$target/" 2>/dev/null || true
    echo "== $target: $seconds s"
    if ! cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1536 -max_len=65536 \
        -print_final_stats=1; then
        status=1
    fi
    for found in fuzz/artifacts/"$target"/*; do
        [ -e "$found" ] || continue
        cp "$found" "tests/fuzz/$target/"
        echo "kept $(basename "$found") in tests/fuzz/$target/: add the fix, then commit it"
    done
done
exit $status
