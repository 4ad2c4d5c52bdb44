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
# Under /var/tmp: /tmp may be a small tmpfs, and the image and its copies take gigabytes.
work="$(mktemp -d --tmpdir=/var/tmp)"
cleanup() {
  for f in "$work"/*.pid; do
    [ -f "$f" ] || continue
    kill "$(cat "$f")" 2>/dev/null || true
    while kill -0 "$(cat "$f")" 2>/dev/null; do sleep 0.1; done
  done
  rm -rf "$work"
}
trap cleanup EXIT

# Starts a docker-registry with its own storage on a free loopback port; prints host:port.
start_registry() {
  local name=$1 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat >"$work/$name.yml" <<YML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/$name
http:
  addr: 127.0.0.1:$port
YML
  docker-registry serve "$work/$name.yml" >"$work/$name.log" 2>&1 &
  echo $! >"$work/$name.pid"
  for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break
    sleep 0.1
  done
  echo "127.0.0.1:$port"
}
stop_registry() {
  local name=$1
  local pid
  pid=$(cat "$work/$name.pid")
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -rf "${work:?}/$name" "$work/$name.pid"
}
host=$(start_registry seed)

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
  # Pushes go to a registry of their own, empty, so nothing is skipped or mounted (skopeo's blob
  # cache would otherwise mount the layers from the repository of an earlier run).
  dest=$(start_registry "push-sc-$run")
  "$here/stagecraft" tag --root "$work/seed-root" "$host/bench/seed:1" "$dest/bench/pushed:1"
  sync
  measure "stagecraft push" "$here/stagecraft" push -q --root "$work/seed-root" "$dest/bench/pushed:1"
  "$here/stagecraft" rmi --root "$work/seed-root" "$dest/bench/pushed:1" >/dev/null
  stop_registry "push-sc-$run"
  dest=$(start_registry "push-skopeo-$run")
  sync
  measure "skopeo copy oci->docker" skopeo copy -q --dest-tls-verify=false oci:"$work/layout":seed \
    docker://"$dest"/bench/pushed:1
  stop_registry "push-skopeo-$run"
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo
echo "image: $(du -sm "$work/layout/blobs" | cut -f1) MB compressed in $layers layers; $runs runs each;" \
  "$(nproc) cores; $(java -version 2>&1 | head -1); $(skopeo --version)"
echo
echo "| operation | median (s) | runs (s) |"
echo "|:---|---:|:---|"
for name in "stagecraft pull" "skopeo copy docker->oci" "stagecraft push" "skopeo copy oci->docker"; do
  runs_list=$(for t in ${times[$name]}; do printf ' %.2f' "$t"; done)
  printf '| %s | %.2f |%s |\n' "$name" "$(echo "${times[$name]}" | median)" "$runs_list"
done
