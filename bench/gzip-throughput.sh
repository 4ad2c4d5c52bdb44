#!/usr/bin/env bash
# Gzip throughput on 256 MiB of layer-like data (tar headers, text, random, padding): the JDK's
# and Commons Compress's single-threaded gzip against ParallelGzipOutputStream, which
# Compression.GZIP uses. Results go in docs/benchmarks.md. Options: MIB=, WARMUPS=, RUNS=;
# NICE=-10 (root only) gives the JVM priority on a machine busy with other work.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$here"
mvn -q -B -o compile -pl stagecraft-core
mvn -q -B -o dependency:build-classpath -pl stagecraft-core -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$work/classpath" >/dev/null
nice -n "${NICE:-0}" java -Xmx2g -Dmib="${MIB:-256}" -Dwarmups="${WARMUPS:-1}" -Druns="${RUNS:-3}" \
  -cp "stagecraft-core/target/classes:$(cat "$work/classpath")" bench/GzipThroughput.java
