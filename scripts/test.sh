#!/usr/bin/env bash
# The whole test suite: installs what is missing (Debian packages, the Ollama 0.6.5
# server the tests run for real), vets, runs every test, runs the packages with
# concurrency under the race detector, and replays the Dockerfile's build steps on
# this machine (no Docker engine is needed for that).
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$SECONDS
STYLIST_SETUP_TEST=1 scripts/setup.sh
STYLIST_OLLAMA_BIN="$(scripts/install-ollama.sh | tail -n 1)"
export STYLIST_OLLAMA_BIN
echo "test: ollama at $STYLIST_OLLAMA_BIN" >&2
# One throwaway PostgreSQL cluster on a free loopback port for the whole suite
# (internal/pgtest gives each test its own database); stopped on exit.
pgdir=$(mktemp -d /tmp/stylist-pg.XXXXXX)
go build -o "$pgdir/pgcluster" ./internal/pgtest/pgcluster
"$pgdir/pgcluster" -dir "$pgdir/cluster" -url-file "$pgdir/url" 2>"$pgdir/pgcluster.log" &
pgpid=$!
trap 'kill "$pgpid" 2>/dev/null; wait "$pgpid" 2>/dev/null; rm -rf "$pgdir"' EXIT
for _ in $(seq 600); do [[ -s $pgdir/url ]] && break; kill -0 "$pgpid" 2>/dev/null || break; sleep 0.1; done
if [[ ! -s $pgdir/url ]]; then
	echo "test: PostgreSQL did not start:" >&2
	cat "$pgdir/pgcluster.log" >&2
	exit 1
fi
STYLIST_TEST_PG_URL=$(<"$pgdir/url") STYLIST_REQUIRE_PG=1
export STYLIST_TEST_PG_URL STYLIST_REQUIRE_PG
echo "test: postgres at $STYLIST_TEST_PG_URL" >&2
go vet ./...
# The platform-neutral packages build, vet and test without cgo (FAISS stays in
# index/faiss), and the import direction of docs/architecture.md holds.
neutral=(./bot/... ./store/... ./moderation/... ./variants/... ./configs/... ./prompts/... ./query/... ./adapters/... ./history/... ./internal/confcheck/... ./internal/ttlset/... ./internal/replay/...)
CGO_ENABLED=0 go build "${neutral[@]}"
CGO_ENABLED=0 go vet "${neutral[@]}"
CGO_ENABLED=0 go test -count=1 "${neutral[@]}"
mod=github.com/stylistbot/stylist
for rule in "bot:$mod/(rag|retrieve|index|store|moderation|adapters/.*)" "store:$mod/(bot|rag|retrieve|index)" "store/cluster:$mod/(bot|rag|retrieve|index|store)"; do
	pkg=${rule%%:*} banned=${rule#*:}
	if bad=$(go list -deps "./$pkg" | grep -xE "$banned"); then
		echo "test: $pkg must not import $bad (docs/architecture.md)" >&2
		exit 1
	fi
done
go test -count=1 -timeout 25m ./...
go test -count=1 -race -short -timeout 25m ./bot/... ./adapters/... ./index/faiss/ ./retrieve/ ./configs/ ./store/ ./moderation/ ./rag/
scripts/docker-steps.sh
echo "test: all passed in $((SECONDS - t0)) s" >&2
