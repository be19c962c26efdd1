#!/usr/bin/env bash
# Runs the Dockerfile's steps on this Debian (bookworm) host, for CI machines
# without a Docker engine: the build and runtime apt packages, the cgo build with
# the Dockerfile's flags, the demo-index build, and the runtime library check
# (ldd: every library resolves, FAISS is static, and each library belongs to a
# runtime package of the final image, its dependencies, or the base image).
# deploy/deploy_test.go checks that the package lists and commands below match
# the Dockerfile. Idempotent; about a minute warm. Exits non-zero on any failure.
#
#   STYLIST_DOCKER_OUT=DIR  keep the binary and index in DIR (default: a temp dir, removed)
set -euo pipefail
cd "$(dirname "$0")/.."

# Keep in sync with the Dockerfile (deploy/deploy_test.go enforces it).
BUILD_PKGS=(libfaiss-dev libopenblas-dev g++)
RUNTIME_PKGS=(libopenblas0 libgomp1 ca-certificates)
# Present in debian:bookworm-slim without installing anything.
BASE_PKGS=(libc6 libgcc-s1 libstdc++6)
GO_BUILD_FLAGS=(-trimpath "-ldflags=-s -w")

step() { echo "docker-steps: $*" >&2; }
fail() { echo "docker-steps: FAILED: $*" >&2; exit 1; }

# 1. apt packages of both stages.
need=()
for pkg in "${BUILD_PKGS[@]}" "${RUNTIME_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
  step "installing ${need[*]}"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
[[ -f /usr/lib/x86_64-linux-gnu/libfaiss.a || -n "$(find /usr/lib -name libfaiss.a -print -quit)" ]] \
  || fail "libfaiss.a (static FAISS) is missing"

# 2. The Go toolchain the image uses.
want_go="$(awk '$1 == "go" {print $2; exit}' go.mod)"
docker_go="$(sed -n 's/^ARG GO_VERSION=//p' Dockerfile)"
[[ "$docker_go" == "$want_go" ]] || fail "Dockerfile GO_VERSION $docker_go != go.mod go $want_go"
have_go="$(go env GOVERSION)"
[[ "$have_go" == "go$want_go" ]] || step "note: local $have_go, the image builds with go$want_go"

out="${STYLIST_DOCKER_OUT:-}"
if [[ -z "$out" ]]; then
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"
bin="$out/stylist"

# 3. The build stage's go build.
step "go build ${GO_BUILD_FLAGS[*]} ./cmd/stylist"
CGO_ENABLED=1 GOTOOLCHAIN=local go build "${GO_BUILD_FLAGS[@]}" -o "$bin" ./cmd/stylist

# 4. The build stage's demo index.
rm -rf "$out/demo-index"
step "stylist index --out demo-index"
"$bin" index --out "$out/demo-index" >/dev/null
[[ -s "$out/demo-index/manifest.json" && -s "$out/demo-index/index.faiss" ]] || fail "the demo index is incomplete"

# 5. The commands the image runs must exist.
for sub in serve healthcheck; do
  "$bin" "$sub" --help >/dev/null 2>&1 || fail "'stylist $sub' is missing (the image's ENTRYPOINT/HEALTHCHECK use it)"
done

# 6. Runtime libraries.
ldd_out="$(ldd "$bin")"
! grep -q "not found" <<<"$ldd_out" || fail "unresolved libraries:"$'\n'"$ldd_out"
! grep -q libfaiss <<<"$ldd_out" || fail "FAISS is linked dynamically; the runtime image has no libfaiss"

# closure PKG...: the packages apt installs for PKG..., following Depends and
# Pre-Depends and, like apt on a fresh image, only the first of alternatives.
closure() {
  local -A seen=()
  local queue=("$@") p dep
  while ((${#queue[@]})); do
    p="${queue[0]}"; queue=("${queue[@]:1}")
    [[ -n "${seen[$p]:-}" ]] && continue
    seen[$p]=1
    echo "$p"
    while read -r dep; do queue+=("$dep"); done < <(
      apt-cache depends --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
        --no-enhances "$p" 2>/dev/null |
        awk 'NR > 1 && /Depends:/ { if (!alt) { d = $2; gsub(/[<>]/, "", d); sub(/:.*/, "", d); print d }; alt = ($1 ~ /^\|/) }'
    )
  done
}
mapfile -t allowed < <(printf '%s\n' "${BASE_PKGS[@]}"; closure "${RUNTIME_PKGS[@]}")
owner() { # package owning a library, trying the merged-/usr spellings
  local p
  for p in "$1" "$(readlink -f "$1")"; do
    for q in "$p" "${p#/usr}" "/usr$p"; do
      dpkg-query -S "$q" 2>/dev/null | head -n1 | cut -d: -f1 && return 0
    done
  done
  return 1
}
while read -r lib; do
  [[ -z "$lib" ]] && continue
  pkg="$(owner "$lib")" || fail "no Debian package owns $lib"
  printf '%s\n' "${allowed[@]}" | grep -qx "$pkg" \
    || fail "$lib comes from $pkg, which the runtime image does not install (add it to both RUNTIME_PKGS and the Dockerfile)"
  step "runtime lib $(basename "$lib") <- $pkg"
done < <(awk '/=>/ {print $3} !/=>/ && $1 ~ /^\// {print $1}' <<<"$ldd_out")

step "ok: $(du -sh "$bin" | cut -f1) binary, demo index $(du -sh "$out/demo-index" | cut -f1)"
