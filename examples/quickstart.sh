#!/usr/bin/env bash
# The README's quick start: makes a base image offline from Debian's busybox-static, builds the
# multi-stage example in examples/hello with runc, and runs the result.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="${STAGECRAFT_ROOT:-$here/target/quickstart-root}"
export STAGECRAFT_ROOT="$root"

need=()
[ -x /bin/busybox ] && ldd /bin/busybox 2>&1 | grep -q 'not a dynamic' || need+=(busybox-static)
command -v runc >/dev/null || command -v crun >/dev/null || need+=(runc)
if [ ${#need[@]} -gt 0 ]; then
  echo "quickstart: installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A base image: busybox and its applets, /etc/passwd and /etc/group, imported as one layer.
base="$(mktemp -d)"
trap 'rm -rf "$base"' EXIT
mkdir -p "$base/bin" "$base/etc" "$base/tmp" "$base/root"
cp /bin/busybox "$base/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$base/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$base/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$base/etc/group"
chmod 1777 "$base/tmp"
"$here/stagecraft" import "$base" stagecraft.example/busybox:1 >/dev/null

# The build: build, test and assets stages are independent of release-prod; dev and test are skipped.
"$here/stagecraft" build -t stagecraft.example/greet:1 --build-arg VERSION=1.0 "$here/examples/hello"

# Run it: the image's filesystem, and its entrypoint as its user, in a container of its own.
out="$(mktemp -d)"
trap 'rm -rf "$base" "$out"' EXIT
"$here/stagecraft" build -q -o "type=local,dest=$out/rootfs" --build-arg VERSION=1.0 "$here/examples/hello" >/dev/null
unshare --mount --pid --fork --uts chroot --userspec=10001:10001 "$out/rootfs" /usr/local/bin/greet quickstart
