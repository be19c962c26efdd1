#!/usr/bin/env bash
# Builds the Ollama 0.6.5 server that the tests run for real (no model downloads:
# tests write their own tiny GGUF model) into $(go env GOPATH)/bin, unless a binary
# reporting 0.6.5 is already there. Installs Debian's nlohmann-json3-dev and g++
# (needed by the cgo llama.cpp build) when missing. Idempotent. The last line of
# stdout is the binary's path.
# Newer Ollama tags do not build from the module proxy (llama.cpp's vendor/ is
# missing from the module zip), so the version is pinned.
set -euo pipefail
VERSION=0.6.5

need=()
for pkg in nlohmann-json3-dev g++; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
  echo "install-ollama: installing Debian packages: ${need[*]}" >&2
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

if ! command -v go >/dev/null; then
  echo "install-ollama: Go is missing" >&2
  exit 1
fi
gobin="$(go env GOPATH | cut -d: -f1)/bin"
bin="$gobin/ollama"

has_version() {
  # --version also asks a server for its version; point it at a closed port.
  [[ -x "$bin" ]] && OLLAMA_HOST=127.0.0.1:9 "$bin" --version 2>&1 | grep -q "version is $VERSION"
}

if ! has_version; then
  echo "install-ollama: building ollama $VERSION (about 2 minutes cold)..." >&2
  GOBIN="$gobin" go install \
    "-ldflags=-X=github.com/ollama/ollama/version.Version=$VERSION" \
    "github.com/ollama/ollama@v$VERSION"
  if ! has_version; then
    echo "install-ollama: $bin does not report version $VERSION after the build" >&2
    exit 1
  fi
fi
echo "$bin"
