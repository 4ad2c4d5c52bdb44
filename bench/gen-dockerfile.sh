#!/usr/bin/env bash
# Writes a realistic Dockerfile of about N lines (default 300) to stdout: global args, a shared
# base, many build stages with cache mounts, continuations and heredocs, a test stage and a
# release stage chosen by a FROM branch-${ARG} that copies from every build stage.
# Used by plan-startup.sh.
set -euo pipefail
n=${1:-300}
generate() {
cat <<'HEAD'
# syntax=docker/dockerfile:1
ARG BASE=debian:bookworm
ARG VERSION=1.0.0
ARG VARIANT=prod

FROM ${BASE} AS base
ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
RUN --mount=type=cache,target=/var/cache/apt \
    apt-get update && \
    apt-get install -y --no-install-recommends ca-certificates curl git make gcc
WORKDIR /src
HEAD
stages=$(( (n - 30) / 16 ))
for i in $(seq 0 $((stages - 1))); do
  cat <<STAGE

FROM base AS component${i}
ARG VERSION
ENV COMPONENT=component${i} BUILD_DIR=/build/component${i}
WORKDIR \$BUILD_DIR
COPY components/component${i}/ ./
RUN --mount=type=cache,target=/root/.cache \\
    make -j"\$(nproc)" VERSION=\${VERSION} && \\
    install -D out/component${i} /out/bin/component${i}
RUN <<SCRIPT
set -e
echo "component${i} \${VERSION}" > /out/VERSION.component${i}
SCRIPT
LABEL component${i}.version=\${VERSION}
STAGE
done
cat <<'TAIL'

FROM base AS test
COPY . .
RUN make test

FROM debian:bookworm AS release-prod
RUN useradd -r -u 10001 app

FROM release-prod AS release-debug
RUN apt-get update && apt-get install -y strace

FROM release-${VARIANT} AS release
ARG VERSION
LABEL org.opencontainers.image.version=${VERSION}
TAIL
for j in $(seq 0 $((stages - 1))); do
  echo "COPY --from=component${j} /out/bin/ /usr/local/bin/"
done
cat <<'TAIL'
USER app
EXPOSE 8080 8443
HEALTHCHECK --interval=30s CMD ["/usr/local/bin/component0", "health"]
ENTRYPOINT ["/usr/local/bin/component0"]
CMD ["serve"]
TAIL
}
out=$(generate)
printf '%s\n' "$out"
# Pad with comments to exactly n lines.
for _ in $(seq $(( n - $(printf '%s\n' "$out" | wc -l) ))); do echo "# ."; done
