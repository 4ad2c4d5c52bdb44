#!/bin/bash
# Rebuilds every case under cases/ with the real BuildKit (dockerd 20.10's built-in BuildKit)
# and stores the pushed image's raw config as cases/<case>/expected-config.json.
# Needs the reference environment (/work/shared/tools/reference-env.sh): dockerd, skopeo and the
# registry on 127.0.0.1:5000 seeded with busybox:1 and debian:bookworm.
#   usage: regenerate.sh [case...]     (default: all cases; base images are always re-read)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
D=/usr/bin/docker
REG=127.0.0.1:5000
# A third base image, built here with BuildKit, carries env, labels, user, entrypoint and
# ONBUILD triggers so that cases can start from a non-trivial image.
if [ "${SKIP_BASE_BUILD:-}" != 1 ]; then
  DOCKER_BUILDKIT=1 $D build --no-cache --network=host -t $REG/difftest-base/app:1 $here/base-images/app >/tmp/difftest-base-app.log 2>&1
  $D push $REG/difftest-base/app:1 >/dev/null
fi
for n in busybox:1 debian:bookworm difftest-base/app:1; do
  f=$here/base-images/$(echo $n | tr ':/' '__')
  skopeo inspect --tls-verify=false --config --raw docker://$REG/$n > $f.json
  skopeo inspect --tls-verify=false docker://$REG/$n | jq -r .Digest > $f.digest
done
cd $here/cases
cases=("$@"); [ ${#cases[@]} -gt 0 ] || cases=(*/)
for c in "${cases[@]}"; do
  c=${c%/}
  args=()
  if [ -f $c/case.properties ]; then
    t=$(sed -n 's/^target=//p' $c/case.properties)
    [ -z "$t" ] || args+=(--target "$t")
    ba=$(sed -n 's/^build-args=//p' $c/case.properties)
    if [ -n "$ba" ]; then
      IFS=, read -ra kvs <<<"$ba"
      for kv in "${kvs[@]}"; do args+=(--build-arg "$kv"); done
    fi
  fi
  img=$REG/difftest/$c:1
  if DOCKER_BUILDKIT=1 $D build --no-cache --network=host -t $img "${args[@]}" \
       -f $c/Dockerfile $c > /tmp/difftest-$c.log 2>&1 \
     && $D push $img > /dev/null \
     && skopeo inspect --tls-verify=false --config --raw docker://$img > $c/expected-config.json; then
    echo "ok   $c"
  else
    echo "FAIL $c (see /tmp/difftest-$c.log)"
  fi
done
