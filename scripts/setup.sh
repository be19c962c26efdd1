#!/usr/bin/env bash
# Installs what stylist needs on Debian (bookworm) and is missing: the FAISS static
# library with BLAS/LAPACK and OpenMP, a C++ compiler, and the Go modules.
# Idempotent; run as root or with sudo available.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in libfaiss-dev libopenblas-dev g++ pkg-config ca-certificates git; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
# Extra packages for the test suite and benchmarks (Ollama build, Python FAISS comparison,
# the PostgreSQL server the store and queue tests run for real).
if [[ "${STYLIST_SETUP_TEST:-0}" == 1 ]]; then
  for pkg in nlohmann-json3-dev python3-faiss python3-numpy postgresql; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
  done
fi
if ((${#need[@]})); then
  echo "setup: installing Debian packages: ${need[*]}" >&2
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if ! command -v go >/dev/null; then
  echo "setup: Go is missing; install Go >= $(awk '/^go /{print $2}' go.mod) from https://go.dev/dl and re-run" >&2
  exit 1
fi
go mod download
