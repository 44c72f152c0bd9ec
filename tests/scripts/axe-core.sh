#!/usr/bin/env bash
# Fetches axe-core, the accessibility checker the dashboard's browser tests run in each page, from
# npm into tests/.cache/axe-core (once; the folder is not in Git).
set -euo pipefail
cd "$(dirname "$0")/../.."
version=4.14.1
target=tests/.cache/axe-core
[ -f "$target/axe.min.js" ] && exit 0
work="$(mktemp -d)"
(cd "$work" && npm pack --silent "axe-core@$version" >/dev/null && tar xzf "axe-core-$version.tgz")
mkdir -p tests/.cache
rm -rf "$target"
mv "$work/package" "$target"
rm -rf "$work"
