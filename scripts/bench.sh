#!/usr/bin/env bash
# Performance at archive scale: generate, ingest and time queries in-process (`vankien bench`),
# then serve that library and load the JSON API with wrk. Usage: scripts/bench.sh [DOCUMENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-100000}
work=${BENCH_DIR:-/tmp/vankien-bench}
port=${BENCH_PORT:-18480}
scripts/setup.sh
for tool in wrk curl; do
    command -v "$tool" >/dev/null || apt-get install -y -qq "$tool" >/dev/null
done
cargo build --release --quiet
bin=target/release/vankien
echo "## vankien bench --documents $docs ($(nproc) cores, $(date -u +%Y-%m-%d))"
"$bin" bench --documents "$docs" --work "$work"

# The HTTP API under concurrent load, every query class mixed.
"$bin" --library "$work/library" --index "$work/index" serve --addr "127.0.0.1:$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
    sleep 0.2
done
cat >"$work/paths.lua" <<LUA
local paths = {}
for line in io.lines("$work/queries.txt") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
echo
echo "## wrk: /api/search, $(wc -l <"$work/queries.txt") queries of all classes in turn"
wrk -t2 -c16 -d20s --latency -s "$work/paths.lua" "http://127.0.0.1:$port" |
    grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx"
