#!/usr/bin/env bash
# Builds, stagecraft against BuildKit (Debian's dockerd 20.10, `docker build` with
# DOCKER_BUILDKIT=1) on the same machine, in the same run, interleaved so both see the same load.
# MODE=cold (default): every build with --no-cache. MODE=warm: each case built once first, then
# measured rebuilds with nothing changed. MODE=touch: as warm, but before each measured build one
# file of the big context gets new content (so its COPY runs again, and nothing before it).
# Cases:
#   chain20   - 20 small RUN steps in a chain (and chain1, one step, for the per-step overhead)
#   parallel  - two stages doing CPU work over a shared base, merged by a final stage
#   bigctx    - a 20,000-file, ~280 MB context copied into the image and stored as an image
# Both start from the same busybox base image (imported by stagecraft, pushed to a loopback
# registry that dockerd pulls from); base layers are already local for both before timing.
# Prints every time, the medians, the ratios, and stagecraft's peak RSS. Results: docs/benchmarks.md.
# Needs: dockerd (.ci/start-dockerd), docker-registry, busybox-static, python3.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=${RUNS:-3}
mode=${MODE:-cold}
case "$mode" in cold) nocache=(--no-cache) ;; warm|touch) nocache=() ;;
  *) echo "MODE must be cold, warm or touch" >&2; exit 2 ;; esac
files=${CONTEXT_FILES:-20000}
context_mb=${CONTEXT_MB:-280}
DOCKER=/usr/bin/docker
"$here/.ci/start-dockerd" >/dev/null
for tool in docker-registry python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install -y $tool" >&2; exit 1; }
done
work="$(mktemp -d --tmpdir=/var/tmp)"
cleanup() {
  [ -f "$work/registry.pid" ] && kill "$(cat "$work/registry.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
root="$work/root"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
  "$work/registry" "$port" >"$work/registry.yml"
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
echo $! >"$work/registry.pid"
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
base="127.0.0.1:$port/bench/busybox:1"

# The base image: busybox-static and its applets.
mkdir -p "$work/rootfs/bin" "$work/rootfs/etc" "$work/rootfs/tmp"
cp /bin/busybox "$work/rootfs/bin/busybox"
for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox "$work/rootfs/bin/$a"; done
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$work/rootfs/etc/passwd"
printf 'root:x:0:\n' >"$work/rootfs/etc/group"
chmod 1777 "$work/rootfs/tmp"
"$here/stagecraft" import --root "$root" "$work/rootfs" "$base" >/dev/null
"$here/stagecraft" push -q --root "$root" "$base" >/dev/null
$DOCKER pull -q "$base" >/dev/null

# The cases.
mkdir -p "$work/chain20" "$work/chain1" "$work/parallel" "$work/bigctx/data"
{ echo "FROM $base"; for i in $(seq 20); do echo "RUN echo $i > /step$i"; done; } >"$work/chain20/Dockerfile"
{ echo "FROM $base"; echo "RUN echo 1 > /step1"; } >"$work/chain1/Dockerfile"
cat >"$work/parallel/Dockerfile" <<DF
FROM $base AS shared
RUN mkdir /work && echo shared > /work/base
FROM shared AS one
RUN dd if=/dev/urandom bs=1M count=24 2>/dev/null | gzip -1 > /work/one.gz
FROM shared AS two
RUN dd if=/dev/urandom bs=1M count=24 2>/dev/null | gzip -1 > /work/two.gz
FROM shared
COPY --from=one /work/one.gz /out/
COPY --from=two /work/two.gz /out/
DF
printf 'FROM %s\nCOPY data /ctx\n' "$base" >"$work/bigctx/Dockerfile"
python3 - "$work/bigctx/data" "$files" "$context_mb" <<'PY'
import os, random, sys
root, n, mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(7)
size = mb * 1024 * 1024 // n
words = [b"layer", b"image", b"build", b"stage", b"context", b"docker", b"copy", b"cache"]
for i in range(n):
    d = os.path.join(root, "d%03d" % (i % 400), "s%02d" % (i % 7))
    os.makedirs(d, exist_ok=True)
    half = size // 2
    text = b" ".join(rnd.choice(words) for _ in range(half // 6))[:half]
    with open(os.path.join(d, "f%05d.txt" % i), "wb") as f:
        f.write(text + os.urandom(size - len(text)))
PY
echo "mode: $mode"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; $(java -version 2>&1 | head -1); $($DOCKER version --format 'dockerd {{.Server.Version}}')"
echo "context: $(find "$work/bigctx/data" -type f | wc -l) files, $(du -sm "$work/bigctx/data" | cut -f1) MB"
"$here/stagecraft" build -q --root "$root" "$work/chain1" >/dev/null   # builds the jar, warms the store

if [ "$mode" != cold ]; then
  echo "priming the caches of both builders..." >&2
  for case in chain1 chain20 parallel bigctx; do
    "$here/stagecraft" build -q --root "$root" "$work/$case" >/dev/null
    DOCKER_BUILDKIT=1 $DOCKER build -q --network=host "$work/$case" >/dev/null
  done
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A times
peak_rss=0
for run in $(seq "$runs"); do
  for case in chain1 chain20 parallel bigctx; do
    if [ "$mode" = touch ] && [ "$case" = bigctx ]; then
      echo "run $run" >>"$work/bigctx/data/d000/s00/f00000.txt"
    fi
    s=$(date +%s.%N)
    /usr/bin/time -f %M -o "$work/rss" "$here/stagecraft" build -q "${nocache[@]}" --root "$root" -t "bench/$case:$run" "$work/$case" >/dev/null
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc)
    times[stagecraft-$case]+="$t "
    rss=$(cat "$work/rss"); [ "$rss" -gt "$peak_rss" ] && [ "$case" = bigctx ] && peak_rss=$rss
    s=$(date +%s.%N)
    DOCKER_BUILDKIT=1 $DOCKER build -q "${nocache[@]}" --network=host -t "bench/$case:$run" "$work/$case" >/dev/null
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc)
    times[buildkit-$case]+="$t "
    echo "run $run $case: stagecraft $(echo "${times[stagecraft-$case]}" | awk '{print $NF}') s, buildkit $t s"
  done
done
echo
printf '| case | stagecraft median | BuildKit median | ratio |\n|:---|---:|---:|---:|\n'
for case in chain1 chain20 parallel bigctx; do
  sc=$(echo "${times[stagecraft-$case]}" | tr ' ' '\n' | grep . | median)
  bk=$(echo "${times[buildkit-$case]}" | tr ' ' '\n' | grep . | median)
  printf '| %s | %.2f s | %.2f s | %.2f |\n' "$case" "$sc" "$bk" "$(echo "$sc / $bk" | bc -l)"
done
sc1=$(echo "${times[stagecraft-chain1]}" | tr ' ' '\n' | grep . | median)
sc20=$(echo "${times[stagecraft-chain20]}" | tr ' ' '\n' | grep . | median)
printf '\nstagecraft RUN step overhead: %.0f ms per step ((chain20 - chain1) / 19)\n' "$(echo "($sc20 - $sc1) * 1000 / 19" | bc -l)"
printf 'stagecraft peak RSS on bigctx: %d MB\n' $((peak_rss / 1024))
