#!/usr/bin/env bash
# Pull and push of a ~500 MB, 8-layer image against a local docker-registry: stagecraft (through
# the ./stagecraft launcher) against skopeo, RUNS times each in the same run, every run to a fresh
# destination (a new stagecraft root or skopeo directory for pulls, a new repository for pushes,
# so no blob is skipped). Prints each time and the medians. Results go in docs/benchmarks.md.
# Needs docker-registry, skopeo and python3.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=${RUNS:-5}
total_mb=${TOTAL_MB:-500}
layers=${LAYERS:-8}
for tool in docker-registry skopeo python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install -y $tool" >&2; exit 1; }
done
work="$(mktemp -d /var/tmp/stagecraft-bench.XXXXXX)"
registry_pid=""
cleanup() {
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
host="127.0.0.1:$port"
cat >"$work/registry.yml" <<YML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: $host
YML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do
  curl -fsS "http://$host/v2/" >/dev/null 2>&1 && break
  sleep 0.1
done

"$here/stagecraft" --version >/dev/null   # builds the jar and its class-data archive once
echo "generating a ${total_mb} MB image of $layers layers..." >&2
python3 "$here/bench/gen-oci-layout.py" "$work/layout" "$total_mb" "$layers" seed >/dev/null
skopeo copy -q --dest-tls-verify=false oci:"$work/layout":seed docker://"$host"/bench/seed:1
"$here/stagecraft" pull -q --root "$work/seed-root" "$host/bench/seed:1" >/dev/null

now() { date +%s.%N; }
declare -A times
measure() { # name command...
  local name=$1; shift
  local start end
  start=$(now)
  "$@" >/dev/null
  end=$(now)
  local t
  t=$(echo "$end - $start" | bc)
  times[$name]="${times[$name]:-} $t"
  printf '%-28s run %d: %6.2f s\n' "$name" "$run" "$t" >&2
}

for run in $(seq "$runs"); do
  sync
  measure "stagecraft pull" "$here/stagecraft" pull -q --root "$work/pull-$run" "$host/bench/seed:1"
  rm -rf "$work/pull-$run"
  sync
  measure "skopeo copy docker->oci" skopeo copy -q --src-tls-verify=false docker://"$host"/bench/seed:1 \
    oci:"$work/skopeo-$run":seed
  rm -rf "$work/skopeo-$run"
  "$here/stagecraft" tag --root "$work/seed-root" "$host/bench/seed:1" "$host/bench/sc-push-$run:1"
  sync
  measure "stagecraft push" "$here/stagecraft" push -q --root "$work/seed-root" "$host/bench/sc-push-$run:1"
  sync
  measure "skopeo copy oci->docker" skopeo copy -q --dest-tls-verify=false oci:"$work/layout":seed \
    docker://"$host"/bench/skopeo-push-$run:1
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo
echo "image: $(du -sm "$work/layout/blobs" | cut -f1) MB compressed in $layers layers; $runs runs each;" \
  "$(nproc) cores; $(java -version 2>&1 | head -1); $(skopeo --version)"
echo
echo "| operation | median (s) | runs (s) |"
echo "|:---|---:|:---|"
for name in "stagecraft pull" "skopeo copy docker->oci" "stagecraft push" "skopeo copy oci->docker"; do
  echo "| $name | $(echo "${times[$name]}" | median) |${times[$name]} |"
done
