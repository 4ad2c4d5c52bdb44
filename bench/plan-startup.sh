#!/usr/bin/env bash
# Measures `./stagecraft plan` end to end (JVM start included) on a generated 300-line
# Dockerfile: the floor under every build's start-up time. Results go in docs/benchmarks.md.
# Needs hyperfine (apt-get install -y hyperfine).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
lines=${LINES_OF_DOCKERFILE:-300}
runs=${RUNS:-20}
command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install -y hyperfine" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$here/bench/gen-dockerfile.sh" "$lines" >"$work/Dockerfile"
"$here/stagecraft" plan "$work" >/dev/null   # builds the jar and the class-data archive once
echo "Dockerfile: $(wc -l <"$work/Dockerfile") lines; $(java -version 2>&1 | head -1); $(nproc) cores"
hyperfine --warmup 3 --runs "$runs" --export-markdown "$work/result.md" \
  -n "stagecraft plan (launcher, CDS archive)" "$here/stagecraft plan $work" \
  -n "stagecraft plan (plain java -jar)" "java -jar $here/stagecraft-cli/target/stagecraft.jar plan $work" \
  -n "JVM start only (java -version)" "java -Xshare:auto -version"
cat "$work/result.md"
