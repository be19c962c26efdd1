# syntax=docker/dockerfile:1
#
# stylist: a cgo build linking Debian's static FAISS (libfaiss.a) in the build
# stage, and a slim runtime with only the shared libraries the binary needs
# (OpenBLAS, OpenMP) plus CA certificates.
#
#   docker build -t stylist .
#   docker compose -f deploy/compose.yaml up -d
#
# CI has no Docker engine: scripts/docker-steps.sh runs these same steps on the
# Debian host, and deploy/deploy_test.go checks that the two stay in agreement
# (package lists, Go version, build flags, index step).

# Must equal the go line of go.mod (checked by deploy/deploy_test.go).
ARG GO_VERSION=1.26.8

FROM golang:${GO_VERSION}-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libfaiss-dev libopenblas-dev g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
ENV CGO_ENABLED=1 GOTOOLCHAIN=local
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    go build -trimpath -ldflags="-s -w" -o /out/stylist ./cmd/stylist
# The demo index (embedded demo catalog, built-in LSA embedder) ships in the image,
# so the container answers without any data mounted.
RUN /out/stylist index --out /out/demo-index
# FAISS must be linked statically; the remaining libraries come from the runtime stage.
RUN ! ldd /out/stylist | grep -q libfaiss

FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libopenblas0 libgomp1 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 stylist \
 && useradd --system --uid 10001 --gid stylist --home-dir /var/lib/stylist --shell /usr/sbin/nologin stylist \
 && mkdir -p /var/lib/stylist /opt/stylist/index /etc/stylist \
 && chown stylist:stylist /var/lib/stylist /opt/stylist/index
COPY --from=build /out/stylist /usr/local/bin/stylist
COPY --from=build /out/demo-index /opt/stylist/demo-index
# Every shared library of the binary must resolve in this image.
RUN ! ldd /usr/local/bin/stylist | grep "not found"
ENV STYLIST_SERVER__LISTEN=0.0.0.0:8080 \
    STYLIST_INDEX__DIR=/opt/stylist/demo-index \
    STYLIST_STORE__PATH=/var/lib/stylist/stylist.db
USER stylist
WORKDIR /var/lib/stylist
VOLUME ["/var/lib/stylist"]
EXPOSE 8080
# The slim image has no curl/wget: the binary probes its own /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["stylist", "healthcheck"]
ENTRYPOINT ["stylist", "serve"]
