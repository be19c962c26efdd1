#!/usr/bin/env bash
# The main job on the embedded default: installs what is missing, builds stylist,
# builds the demo index on first use and starts the stylist (a chat on a terminal,
# a scripted demo otherwise). Ollama is used when reachable; otherwise answers are
# retrieval-only, with a notice. Extra arguments go to `stylist demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p bin
go build -o bin/stylist ./cmd/stylist
exec bin/stylist demo "$@"
