#!/usr/bin/env bash
# The whole test suite: installs what is missing (Debian packages, the Ollama 0.6.5
# server the tests run for real), vets, then runs every test; the packages with
# concurrency run under the race detector too.
set -euo pipefail
cd "$(dirname "$0")/.."
STYLIST_SETUP_TEST=1 scripts/setup.sh
STYLIST_OLLAMA_BIN="$(scripts/install-ollama.sh | tail -n 1)"
export STYLIST_OLLAMA_BIN
echo "test: ollama at $STYLIST_OLLAMA_BIN" >&2
go vet ./...
go test -count=1 -timeout 20m ./...
go test -count=1 -race -timeout 20m ./bot/... ./adapters/... ./index/faiss/ ./retrieve/ ./configs/
