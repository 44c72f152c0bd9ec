#!/usr/bin/env bash
# Builds the canary example's app (examples/canary/app) as local images without a registry:
# gitorch-canary-app:v1 and :v2 answer every request, :bad answers 30% of them with a 500.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
overlay="$(mktemp -d)"
trap 'rm -rf "$overlay"' EXIT
cp -a "$root/examples/canary/app/www" "$overlay/www"
for spec in v1:0 v2:0 bad:30; do
  version="${spec%%:*}"
  "$root/tests/scripts/busybox-image.sh" "gitorch-canary-app:$version" "$overlay" \
    --change "ENV VERSION=$version" --change "ENV ERROR_RATE=${spec##*:}" \
    --change 'EXPOSE 8080' --change 'CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]'
done
