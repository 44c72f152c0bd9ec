#!/usr/bin/env bash
# Pod network benchmark: three namespaced nodes (tests/scripts/netns-nodes.sh) on host-gw, with a
# server and agents as separate processes, as a user runs them. It measures, in the same run:
#   floor       a TCP transfer between two node namespaces over their plain route
#   pod-to-pod  the same transfer from a pod on node 1 to a pod on node 2 (pod IP)
#   cluster IP  the same transfer through the Service's cluster IP (the proxy's TCP mode)
#   DNS         per-query latency of cluster names at 10.96.0.10 from node 1, and the time from a
#               Service's creation until its name resolves
# Usage: tests/GitOrch.Benchmarks/pod-network.sh [MEGABYTES]   (needs root, dockerd images, nats-server)
set -euo pipefail
mb="${1:-400}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
gitorch=(dotnet "$root/cli/GitOrch.Cli/bin/Release/net10.0/gitorch.dll")
[ -f "${gitorch[1]}" ] || dotnet build -c Release "$root/cli/GitOrch.Cli" >/dev/null
store=nats://10.250.0.1:14999
export GITORCH_HOME="$work/home"
cleanup() {
  pkill -f "gitorch.dll agent --node gtn" 2>/dev/null || true
  pkill -f "$work/repo" 2>/dev/null || true
  pkill -f "nats-server -js -sd $work/js" 2>/dev/null || true
  bash "$root/tests/scripts/netns-nodes.sh" down 3 >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
bash "$root/tests/scripts/netns-nodes.sh" up 3 >/dev/null
nats-server -js -sd "$work/js" -a 10.250.0.1 -p 14999 >/dev/null 2>&1 &
mkdir -p "$work/repo" && git -C "$work/repo" init -q
cat > "$work/repo/sink.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: sink}
spec:
  replicas: 2
  selector: {matchLabels: {app: sink}}
  template:
    metadata: {labels: {app: sink}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector: {matchLabels: {app: sink}}
            topologyKey: kubernetes.io/hostname
      containers:
      - name: sink
        image: busybox:1.36
        imagePullPolicy: Never
        command: ["sh", "-c", "while true; do nc -l -p 5001 > /dev/null; done"]
---
apiVersion: v1
kind: Service
metadata: {name: sink}
spec:
  selector: {app: sink}
  ports: [{name: tcp-sink, port: 5001}]
YAML
git -C "$work/repo" add -A && git -C "$work/repo" -c user.email=b@b -c user.name=bench commit -qm sink
sleep 1
"${gitorch[@]}" server --repo "$work/repo" --listen off --interval 00:00:01 --store "$store" >"$work/server.log" 2>&1 &
for i in 1 2; do
  nsenter --net=/var/run/netns/gtn$i "${gitorch[@]}" agent --node gtn$i --runtime docker --docker-endpoint unix:///run/gitorch-netns/$i/docker.sock \
    --state-dir "$work/nodes" --store "$store" >"$work/agent$i.log" 2>&1 &
done
for _ in $(seq 1 120); do
  [ "$("${gitorch[@]}" get pods --store "$store" 2>/dev/null | grep -c ' 1/1 ')" = 2 ] && break; sleep 1
done
pods="$("${gitorch[@]}" get pods -o wide --store "$store")"
ip_on() { echo "$pods" | awk -v n="gtn$1" '$6 == n { print $5 }'; }
container_on() { DOCKER_HOST=unix:///run/gitorch-netns/$1/docker.sock docker ps -q --filter label=gitorch.io/role=app | head -1; }
target="$(ip_on 2)"; client="$(container_on 1)"
cluster_ip="$("${gitorch[@]}" get svc sink -o jsonpath='{.spec.clusterIP}' --store "$store")"
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N); echo "$end - $start" | bc; }
in_pod() { DOCKER_HOST=unix:///run/gitorch-netns/1/docker.sock docker exec "$client" sh -c "$1"; }
# The floor: the node namespaces themselves, over their plain route.
nsenter --net=/var/run/netns/gtn2 busybox nc -l -p 5002 >/dev/null &
sleep 0.5
floor=$(seconds nsenter --net=/var/run/netns/gtn1 sh -c "dd if=/dev/zero bs=1M count=$mb 2>/dev/null | busybox nc 10.250.0.12 5002")
pod=$(seconds in_pod "dd if=/dev/zero bs=1M count=$mb 2>/dev/null | nc $target 5001")
sleep 0.5
service=$(seconds in_pod "dd if=/dev/zero bs=1M count=$mb 2>/dev/null | nc $cluster_ip 5001")
rate() { echo "scale=0; $mb / $1" | bc; }
echo "transfer of $mb MB, node 1 to node 2:"
echo "  floor (namespace to namespace, plain route): $(rate "$floor") MB/s"
echo "  pod to pod (pod IP, host-gw):               $(rate "$pod") MB/s   ratio $(echo "scale=2; $floor / $pod" | bc)"
echo "  through the cluster IP (proxy, TCP):        $(rate "$service") MB/s   ratio $(echo "scale=2; $floor / $service" | bc)"
# DNS: per query latency from node 1, and the time from a new Service's creation until it resolves.
cat > "$work/repo/late.yaml" <<'YAML'
apiVersion: v1
kind: Service
metadata: {name: late}
spec:
  selector: {app: sink}
  ports: [{port: 6000}]
YAML
git -C "$work/repo" add -A && git -C "$work/repo" -c user.email=b@b -c user.name=bench commit -qm late
committed=$(date +%s.%N)
"${gitorch[@]}" sync --repo "$work/repo" --store "$store" >/dev/null
until in_pod "nslookup late.default.svc.cluster.local" 2>/dev/null | grep -q "Address: 10.96"; do sleep 0.05; done
echo "  a new Service resolves $(echo "$(date +%s.%N) - $committed" | bc | cut -c1-5) s after its commit (sync included)"
in_pod 'i=0; while [ $i -lt 200 ]; do a=$(date +%s%N); nslookup sink.default.svc.cluster.local >/dev/null; b=$(date +%s%N); echo $(( (b - a) / 1000 )); i=$((i+1)); done' \
  | sort -n | awk '{ v[NR] = $1 } END { printf "  DNS from a pod, 200 lookups (busybox nslookup, process start included): p50 %.2f ms, p99 %.2f ms\n", v[int(NR*0.5)]/1000, v[int(NR*0.99)]/1000 }'
