#!/usr/bin/env bash
# Pod network benchmark: three namespaced nodes (tests/scripts/netns-nodes.sh) on host-gw, with a
# server and agents as separate processes, as a user runs them. It measures, in the same run:
#   floor       an HTTP download (curl from busybox httpd) between two node namespaces, plain route
#   pod IP      the same download from node 1 from a pod on node 2, over the host-gw route and bridge
#   cluster IP  the same download through the Service's cluster IP (node 1's proxy, TCP mode)
#   Ingress     requests per second through node 1's Ingress against the same requests straight to
#               the pod (16 concurrent keep-alive clients in Python)
#   DNS         the mean time of a cluster-name lookup from a pod (busybox nslookup, so a process
#               start is in each), and the time from a Service's commit until its name resolves
# curl runs in node 1's namespace: the pods' busybox has no client fast enough to measure with.
# Usage: tests/GitOrch.Benchmarks/pod-network.sh [MEGABYTES]   (needs root, dockerd images, nats-server)
set -euo pipefail
mb="${1:-1500}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
gitorch=(dotnet "$root/cli/GitOrch.Cli/bin/Release/net10.0/gitorch.dll")
[ -f "${gitorch[1]}" ] || dotnet build -c Release "$root/cli/GitOrch.Cli" >/dev/null
store=nats://10.250.9.1:14999
export GITORCH_HOME="$work/home"
cleanup() {
  pkill -f "httpd -f -p 10.250.9.12:8090" 2>/dev/null || true
  pkill -f "gitorch.dll agent --node gtb" 2>/dev/null || true
  pkill -f "$work/repo" 2>/dev/null || true
  pkill -f "nats-server -js -sd $work/js" 2>/dev/null || true
  bash "$root/tests/scripts/netns-nodes.sh" down 3 gtb 9 >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
bash "$root/tests/scripts/netns-nodes.sh" up 3 gtb 9 >/dev/null
nats-server -js -sd "$work/js" -a 10.250.9.1 -p 14999 >/dev/null 2>&1 &
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
        command: ["sh", "-c", "mkdir -p /srv && echo ok > /srv/index.html && dd if=/dev/zero of=/srv/big bs=1M count=0 seek=MEGABYTES && exec httpd -f -p 8080 -h /srv"]
---
apiVersion: v1
kind: Service
metadata: {name: sink}
spec:
  selector: {app: sink}
  ports: [{name: tcp-sink, port: 80, targetPort: 8080}]
YAML
sed -i "s/MEGABYTES/$mb/" "$work/repo/sink.yaml"
git -C "$work/repo" add -A && git -C "$work/repo" -c user.email=b@b -c user.name=bench commit -qm sink
sleep 1
"${gitorch[@]}" server --repo "$work/repo" --listen off --interval 00:00:01 --store "$store" >"$work/server.log" 2>&1 &
for i in 1 2; do
  nsenter --net=/var/run/netns/gtb$i "${gitorch[@]}" agent --node gtb$i --runtime docker --docker-endpoint unix:///run/gitorch-netns/gtb/$i/docker.sock \
    --state-dir "$work/nodes" --store "$store" >"$work/agent$i.log" 2>&1 &
done
for _ in $(seq 1 120); do
  [ "$("${gitorch[@]}" get pods --store "$store" 2>/dev/null | grep -c ' 1/1 ')" = 2 ] && break; sleep 1
done
pods="$("${gitorch[@]}" get pods -o wide --store "$store")"
ip_on() { echo "$pods" | awk -v n="gtb$1" '$6 == n { print $5 }'; }
container_on() { DOCKER_HOST=unix:///run/gitorch-netns/gtb/$1/docker.sock docker ps -q --filter label=gitorch.io/role=app | head -1; }
target="$(ip_on 2)"; client="$(container_on 1)"
cluster_ip="$("${gitorch[@]}" get svc sink -o jsonpath='{.spec.clusterIP}' --store "$store")"
in_pod() { DOCKER_HOST=unix:///run/gitorch-netns/gtb/1/docker.sock docker exec "$client" sh -c "$1"; }
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N); echo "$end - $start" | bc; }
# MB/s of one download from node 1's namespace, the best of three.
download() { for _ in 1 2 3; do nsenter --net=/var/run/netns/gtb1 curl -s -o /dev/null -w '%{speed_download}\n' "$1"; done | sort -n | tail -1 | awk '{ printf "%d", $1 / 1048576 }'; }
mkdir -p "$work/www" && truncate -s "${mb}M" "$work/www/big"
nsenter --net=/var/run/netns/gtb2 busybox httpd -f -p 10.250.9.12:8090 -h "$work/www" &
until nsenter --net=/var/run/netns/gtb2 ss -ltn | grep -q ':8090 '; do sleep 0.1; done
floor=$(download http://10.250.9.12:8090/big)
pod=$(download "http://$target:8080/big")
service=$(download "http://$cluster_ip/big")
echo "download of $mb MB to node 1 (best of 3):"
echo "  floor (node 2's namespace, plain route):  $floor MB/s"
echo "  a pod on node 2 (pod IP, host-gw):         $pod MB/s   ratio to the floor $(echo "scale=2; $pod / $floor" | bc)"
echo "  through the cluster IP (proxy, TCP):       $service MB/s   ratio to the floor $(echo "scale=2; $service / $floor" | bc)"
# Ingress against the pod itself, for small requests: what an HTTP router costs.
cat > "$work/repo/ingress.yaml" <<'YAML'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: sink}
spec:
  rules:
  - host: sink.test
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: sink, port: {number: 80}}}}
YAML
git -C "$work/repo" add -A && git -C "$work/repo" -c user.email=b@b -c user.name=bench commit -qm ingress
"${gitorch[@]}" sync --repo "$work/repo" --store "$store" >/dev/null
rps() { nsenter --net=/var/run/netns/gtb1 python3 - "$1" "$2" <<'PY'
import http.client, sys, threading, time
host, port, name = sys.argv[1].split(':')[0], int(sys.argv[1].split(':')[1]), sys.argv[2]
count, done = [0], time.time() + 5
def run():
    c = http.client.HTTPConnection(host, port, timeout=5)
    while time.time() < done:
        c.request("GET", "/", headers={"Host": name}); r = c.getresponse(); r.read()
        if r.status == 200: count[0] += 1
threads = [threading.Thread(target=run) for _ in range(16)]
[t.start() for t in threads]; [t.join() for t in threads]
print(int(count[0] / 5))
PY
}
until [ "$(nsenter --net=/var/run/netns/gtb1 curl -s -o /dev/null -w '%{http_code}' -H 'Host: sink.test' http://10.250.9.11/)" = 200 ]; do sleep 0.2; done
# The pods serve a small index page beside the big file.
direct=$(rps "$target:8080" sink.test)
ingress=$(rps "10.250.9.11:80" sink.test)
echo "  Ingress, small GETs, 16 clients for 5 s: direct to the pod $direct/s, through node 1's Ingress $ingress/s   ratio $(echo "scale=2; $ingress / $direct" | bc)"
exec_cost=$(seconds in_pod true)
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
lookups=$(echo "$(seconds in_pod 'i=0; while [ $i -lt 200 ]; do nslookup sink.default.svc.cluster.local >/dev/null; i=$((i+1)); done') - $exec_cost" | bc)
echo "  DNS from a pod: $(echo "scale=2; $lookups * 1000 / 200" | bc) ms per lookup, mean of 200 (one busybox nslookup process each)"
