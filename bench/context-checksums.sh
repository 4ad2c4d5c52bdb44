#!/usr/bin/env bash
# Cold and warm content checksums of a generated 20,000-file, ~280 MB build context
# (bench/gen-sumctx.py). Options: CTX= (default /var/tmp/pb/sumctx, generated when missing), RUNS=.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
ctx="${CTX:-/var/tmp/pb/sumctx}"
[ -d "$ctx" ] || python3 "$here/bench/gen-sumctx.py" "$ctx"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$here"
mvn -q -B -o compile -pl stagecraft-core
mvn -q -B -o dependency:build-classpath -pl stagecraft-core -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$work/classpath" >/dev/null
java -Druns="${RUNS:-3}" -cp "stagecraft-core/target/classes:$(cat "$work/classpath")" \
  bench/ContextChecksums.java "$ctx"
