#!/usr/bin/env bash
# Runs every test on a fresh Debian machine that has the .NET SDK: installs and starts what the
# integration tests need (git, nats-server, dockerd, docker-registry, a local busybox image; kustomize or
# kubectl must already be on the PATH, as Debian packages neither), builds, tests, and ends
# with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v git >/dev/null || missing+=(git)
command -v nats-server >/dev/null || missing+=(nats-server)
command -v dockerd >/dev/null || missing+=(docker.io)
[ -x /bin/busybox ] || missing+=(busybox-static)
command -v zsh >/dev/null || missing+=(zsh)  # the completion tests check the zsh script with zsh -n
# The multi-node networking tests make namespaces, routes and filter rules, and fetch from inside them.
command -v ip >/dev/null || missing+=(iproute2)
command -v iptables >/dev/null || missing+=(iptables)
command -v curl >/dev/null || missing+=(curl)
# The hostile-input tests bound each command's peak memory, which GNU time reports.
[ -x /usr/bin/time ] || missing+=(time)
# The OCI chart tests pull from a real registry that logs users in with an htpasswd file.
command -v docker-registry >/dev/null || missing+=(docker-registry)
command -v htpasswd >/dev/null || missing+=(apache2-utils)
# The dashboard's browser tests drive Debian's Chromium, and check each page with axe-core from npm.
command -v chromium >/dev/null || missing+=(chromium)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "error: could not install ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

if ! command -v kustomize >/dev/null && ! command -v kubectl >/dev/null; then
  echo "error: the kustomize tests need kustomize, or kubectl (which includes it), on the PATH"; echo "0 passed, 1 failed"; exit 1
fi

if ! docker version >/dev/null 2>&1; then
  echo "starting dockerd"
  as_root sh -c 'dockerd --storage-driver=vfs >/tmp/gitorch-dockerd.log 2>&1 &'
  for _ in $(seq 1 60); do docker version >/dev/null 2>&1 && break; sleep 1; done
  docker version >/dev/null 2>&1 || { echo "error: dockerd did not start (see /tmp/gitorch-dockerd.log)"; echo "0 passed, 1 failed"; exit 1; }
fi
tests/scripts/axe-core.sh || { echo "error: could not fetch axe-core from npm"; echo "0 passed, 1 failed"; exit 1; }
tests/scripts/busybox-image.sh busybox:1.36 || { echo "error: could not build the busybox test image"; echo "0 passed, 1 failed"; exit 1; }
tests/scripts/canary-app-images.sh || { echo "error: could not build the canary app test images"; echo "0 passed, 1 failed"; exit 1; }

dotnet build GitOrch.sln -c Release -nologo -v quiet || { echo "error: build failed"; echo "0 passed, 1 failed"; exit 1; }

results="$(mktemp -d)"
dotnet test GitOrch.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results"
status=$?

read -r passed failed skipped < <(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
  END { printf "%d %d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["notExecuted"] }')
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "$status" -eq 0 ] && [ "${passed:-0}" -gt 0 ]
