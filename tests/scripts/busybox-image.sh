#!/usr/bin/env bash
# Builds a tiny busybox image from Debian's busybox-static and imports it into the local Docker daemon,
# because no registry can be reached from the test machines. The tag matches the upstream image, so
# the examples pull the real one wherever a registry answers.
# Usage: busybox-image.sh TAG [FOLDER-TO-ADD [docker-import flags…]]: the folder's contents are copied
# over the root, and the flags (such as --change 'ENV A=1') go to docker import.
set -euo pipefail
tag="${1:-busybox:1.36}"
overlay="${2:-}"
shift $(( $# > 2 ? 2 : $# ))
if docker image inspect "$tag" >/dev/null 2>&1; then exit 0; fi
rootfs="$(mktemp -d)"
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/www"
cp /bin/busybox "$rootfs/bin/busybox"
for applet in $("$rootfs/bin/busybox" --list); do
  [ -e "$rootfs/bin/$applet" ] || ln -s busybox "$rootfs/bin/$applet"
done
chmod 1777 "$rootfs/tmp"
echo 'root:x:0:0:root:/root:/bin/sh' > "$rootfs/etc/passwd"
echo 'hello from gitorch' > "$rootfs/www/index.html"
if [ -n "$overlay" ]; then cp -a "$overlay/." "$rootfs/"; fi
tar -C "$rootfs" -c . | docker import --change 'CMD ["sh"]' "$@" - "$tag" >/dev/null
echo "imported $tag"
