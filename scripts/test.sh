#!/usr/bin/env bash
# Set up and run the whole test suite: installs what is missing, then format, lints and tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
cargo test --all-targets
cargo test --doc --quiet
