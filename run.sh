#!/usr/bin/env bash
# Set up and serve the sample library: installs what is missing, builds, ingests the shipped
# samples (already-ingested files are recognised by checksum and skipped), then serves.
#   ./run.sh [--addr 127.0.0.1:8080]
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
cargo build --release --quiet
./target/release/vankien ingest library/samples/documents
./target/release/vankien ingest --kind book library/samples/books
./target/release/vankien serve "$@"
