#!/usr/bin/env bash
# Makes (up) or removes (down) N test nodes on this machine, for the multi-node networking tests.
# Each node is a network namespace PREFIXI with address 10.250.SEGMENT.(10+I) on the test bridge
# PREFIXnet0 (the host is 10.250.SEGMENT.1), and its own dockerd (socket
# /run/gitorch-netns/PREFIX/I/docker.sock) holding the busybox test image. Only addresses inside
# these namespaces are ever a target. Sets with different prefixes and segments can run side by side.
# Usage: netns-nodes.sh up|down N [PREFIX [SEGMENT]]   (defaults: 3 gtn 0)
set -euo pipefail
action="$1"; count="${2:-3}"; prefix="${3:-gtn}"; segment="${4:-0}"
root="/run/gitorch-netns/$prefix"
bridge="${prefix}net0"
net="10.250.$segment"

down() {
  for i in $(seq 1 "$count"); do
    if [ -S "$root/$i/docker.sock" ]; then
      ids=$(DOCKER_HOST="unix://$root/$i/docker.sock" timeout 20 docker ps -aq 2>/dev/null || true)
      [ -n "$ids" ] && DOCKER_HOST="unix://$root/$i/docker.sock" timeout 60 docker rm -f $ids >/dev/null 2>&1 || true
    fi
    if [ -f "$root/$i/pid" ]; then
      pid=$(cat "$root/$i/pid"); kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    ip netns del "$prefix$i" 2>/dev/null || true
    rm -rf "${root:?}/$i"
  done
  ip link del "$bridge" 2>/dev/null || true
}

up() {
  down
  mkdir -p "$root"
  ip link add "$bridge" type bridge
  ip addr add "$net.1/24" dev "$bridge"
  ip link set "$bridge" up
  # Bridged traffic between the namespaces must not meet the host's (Docker's) FORWARD policy.
  iptables -w -C FORWARD -i "$bridge" -o "$bridge" -j ACCEPT 2>/dev/null || iptables -w -I FORWARD -i "$bridge" -o "$bridge" -j ACCEPT
  for i in $(seq 1 "$count"); do
    ns="$prefix$i"; dir="$root/$i"; mkdir -p "$dir"
    ip netns add "$ns"
    ip link add "${prefix}v$i" type veth peer name eth0 netns "$ns"
    ip link set "${prefix}v$i" master "$bridge" up
    ip -n "$ns" addr add "$net.$((10 + i))/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    ip -n "$ns" route add default via "$net.1"
    nsenter --net="/var/run/netns/$ns" dockerd --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/pid" \
      -H "unix://$dir/docker.sock" --bridge=none --storage-driver=vfs >"$dir/dockerd.log" 2>&1 &
  done
  for i in $(seq 1 "$count"); do
    for _ in $(seq 1 300); do DOCKER_HOST="unix://$root/$i/docker.sock" docker version >/dev/null 2>&1 && break; sleep 0.1; done
    DOCKER_HOST="unix://$root/$i/docker.sock" docker version >/dev/null || { cat "$root/$i/dockerd.log" >&2; exit 1; }
    docker image save busybox:1.36 | DOCKER_HOST="unix://$root/$i/docker.sock" docker image load >/dev/null
  done
  echo "nodes up: $count"
}

"$action"
