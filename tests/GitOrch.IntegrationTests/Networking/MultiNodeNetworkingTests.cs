using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using GitOrch.Api.Model;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests.Networking;

/// <summary>Pods on three namespaced nodes reach each other and every Service by name, over host-gw routes and cluster DNS.</summary>
public sealed class MultiNodeNetworkingTests(HostGatewayCluster cluster, ITestOutputHelper log) : IClassFixture<HostGatewayCluster>
{
    internal const string Web = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              affinity:
                podAntiAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - labelSelector: {matchLabels: {app: web}}
                    topologyKey: kubernetes.io/hostname
              containers:
              - name: web
                image: busybox:1.36
                imagePullPolicy: Never
                command: ["sh", "-c", "mkdir -p /srv && hostname > /srv/index.html && exec httpd -f -p 8080 -h /srv"]
                ports: [{name: http, containerPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{name: tcp-web, port: 80, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-nodeport}
        spec:
          type: NodePort
          selector: {app: web}
          ports: [{name: tcp-web, port: 80, targetPort: 8080, nodePort: 30480}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: upstream}
        spec:
          type: ExternalName
          externalName: db.example.org
        """;

    private const string Balancers = """
        apiVersion: v1
        kind: Service
        metadata: {name: web-lb}
        spec:
          type: LoadBalancer
          selector: {app: web}
          ports: [{name: tcp-web, port: 8088, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-private}
        spec:
          type: LoadBalancer
          sessionAffinity: ClientIP
          loadBalancerSourceRanges: [NODE-ONE/32]
          selector: {app: web}
          ports: [{name: tcp-web, port: 8089, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-local}
        spec:
          type: NodePort
          externalTrafficPolicy: Local
          selector: {app: web}
          ports: [{name: tcp-web, port: 80, targetPort: 8080, nodePort: 30481}]
        """;

    private const string Api = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          replicas: 1
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              containers:
              - name: api
                image: busybox:1.36
                imagePullPolicy: Never
                command: ["sh", "-c", "mkdir -p /srv/api && hostname > /srv/api/index.html && exec httpd -f -p 8080 -h /srv"]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api}
        spec:
          selector: {app: api}
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: site}
        spec:
          tls:
          - hosts: [a.example.test]
            secretName: a-tls
          rules:
          - host: a.example.test
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
          - host: b.example.test
            http:
              paths:
              - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
        """;

    private const string DbZero = "db-0.db.default.svc.cluster.local";

    private const string Database = """
        apiVersion: v1
        kind: Service
        metadata: {name: db}
        spec:
          clusterIP: None
          selector: {app: db}
          ports: [{name: http, port: 8080}]
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          serviceName: db
          replicas: 1
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers:
              - name: db
                image: busybox:1.36
                imagePullPolicy: Never
                command: ["sh", "-c", "mkdir -p /srv && hostname > /srv/index.html && exec httpd -f -p 8080 -h /srv"]
        """;

    [Fact]
    public async Task APodOnNodeOne_ReachesTheServiceByShortName_Fqdn_AndClusterIP_EveryReplicaOnEveryNode_AndOtherNodesPodsDirectly()
    {
        var pods = await DeployWebAsync();
        var client = pods.Single(pod => cluster.NodeOf(pod) == 1);
        var service = (await cluster.Client.GetAsync<Service>("default", "web"))!;
        Assert.StartsWith("10.96.", service.Spec.ClusterIP);

        foreach (var host in new[] { "web", "web.default.svc.cluster.local", service.Spec.ClusterIP! })
            await Eventually.WaitAsync(() => cluster.HttpFromPodAsync(1, client, host, 80), answer => answer.StartsWith("web-", StringComparison.Ordinal), MultiNodeCluster.Patience, $"{host}:80 from {client.Name}");

        var answered = new HashSet<string>();
        for (var i = 0; i < 30; i++) answered.Add(await cluster.HttpFromPodAsync(1, client, "web", 80));
        Assert.Equal(pods.Select(pod => pod.Name).Order(), answered.Order());

        foreach (var other in pods.Where(pod => cluster.NodeOf(pod) != 1))
            Assert.Equal(other.Name, await cluster.HttpFromPodAsync(1, client, other.Status!.PodIP!, 8080));
        Assert.All(pods, pod => Assert.StartsWith("10.244.", pod.Status!.PodIP));
        Assert.Equal(3, pods.Select(pod => string.Join('.', pod.Status!.PodIP!.Split('.')[..3])).Distinct().Count());

        var cname = await cluster.ExecAsync(1, client, "nslookup upstream.default.svc.cluster.local");
        Assert.Contains("canonical name = db.example.org", cname.Output);
    }

    [Fact]
    public async Task ANodePort_OnEachNodesAddress_ReachesPodsOnOtherNodes()
    {
        var pods = await DeployWebAsync();
        for (var node = 1; node <= cluster.NodeCount; node++)
        {
            var answered = new HashSet<string>();
            await Eventually.WaitAsync(async () =>
            {
                answered.Add(await HttpAsync(cluster.NodeAddress(node), 30480));
                return answered;
            }, seen => pods.All(pod => seen.Contains(pod.Name)), MultiNodeCluster.Patience, $"every replica through {cluster.NodeAddress(node)}:30480");
        }
    }

    [Fact]
    public async Task LoadBalancers_ListEveryNodesAddress_AreServedThere_AndHonourSourceRangesAffinityAndLocalTraffic()
    {
        var pods = await DeployWebAsync();
        var client = pods.Single(pod => cluster.NodeOf(pod) == 1);
        await cluster.CommitAndSyncAsync("balancers", "balancers.yaml", Balancers.Replace("NODE-ONE", cluster.NodeAddress(1)));
        var addresses = Enumerable.Range(1, cluster.NodeCount).Select(cluster.NodeAddress).ToList();
        await Eventually.WaitAsync(async () => (await cluster.Client.GetAsync<Service>("default", "web-lb"))?.Status?.LoadBalancer?.ToJsonString(),
            status => status is not null && addresses.All(address => status.Contains($"\"ip\":\"{address}\"")), MultiNodeCluster.Patience, "web-lb's status listing the three nodes");
        foreach (var address in addresses)
            await Eventually.WaitAsync(() => HttpAsync(address, 8088), answer => answer.StartsWith("web-", StringComparison.Ordinal), MultiNodeCluster.Patience, $"web-lb at {address}:8088");

        // Node 1's pods leave the cluster CIDR masqueraded as node 1, the one address the range admits.
        var first = await Eventually.WaitAsync(() => cluster.HttpFromPodAsync(1, client, cluster.NodeAddress(2), 8089), answer => answer.StartsWith("web-", StringComparison.Ordinal), MultiNodeCluster.Patience, "web-private from node 1");
        for (var i = 0; i < 5; i++) Assert.Equal(first, await cluster.HttpFromPodAsync(1, client, cluster.NodeAddress(2), 8089));
        Assert.False((await HttpAsync(cluster.NodeAddress(2), 8089)).StartsWith("web-", StringComparison.Ordinal), "the host is outside web-private's source ranges");

        var nodeTwosPod = pods.Single(pod => cluster.NodeOf(pod) == 2).Name;
        await Eventually.WaitAsync(() => HttpAsync(cluster.NodeAddress(2), 30481), answer => answer == nodeTwosPod, MultiNodeCluster.Patience, "web-local at node 2");
        for (var i = 0; i < 6; i++) Assert.Equal(nodeTwosPod, await HttpAsync(cluster.NodeAddress(2), 30481));
    }

    [Fact]
    public async Task AnIngress_RoutesTwoHostsAndTwoPaths_ToTwoServices_OneOverTlsBySni_OnEveryNode()
    {
        await DeployWebAsync();
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=a.example.test", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var secret = $"apiVersion: v1\nkind: Secret\nmetadata: {{name: a-tls}}\ntype: kubernetes.io/tls\ndata:\n" +
            $"  tls.crt: {Convert.ToBase64String(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()))}\n" +
            $"  tls.key: {Convert.ToBase64String(Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()))}\n";
        await cluster.CommitAndSyncAsync("tls", "a-tls.yaml", secret);
        await cluster.CommitAndSyncAsync("site", "site.yaml", Api);
        await Eventually.WaitAsync(async () => (await cluster.Client.GetAsync<Ingress>("default", "site"))?.Status?.LoadBalancer?.ToJsonString(),
            status => status is not null && Enumerable.Range(1, cluster.NodeCount).All(node => status.Contains($"\"ip\":\"{cluster.NodeAddress(node)}\"")), MultiNodeCluster.Patience, "the Ingress's status listing the nodes");

        foreach (var node in Enumerable.Range(1, cluster.NodeCount).Select(cluster.NodeAddress))
        {
            await Eventually.WaitAsync(() => IngressAsync($"http://{node}/", "b.example.test/api/"), answer => answer.StartsWith("api-", StringComparison.Ordinal), MultiNodeCluster.Patience, $"b.example.test/api/ at {node}");
            Assert.StartsWith("web-", await IngressAsync($"http://{node}/", "b.example.test/"));
            Assert.StartsWith("web-", await IngressAsync($"http://{node}/", "a.example.test/"));
            Assert.StartsWith("404", await IngressAsync($"http://{node}/", "c.example.test/"));
        }
        var (subject, answer) = await HttpsBySniAsync(cluster.NodeAddress(2), "a.example.test");
        Assert.Equal("CN=a.example.test", subject);
        Assert.StartsWith("web-", answer);
    }

    /// <summary>A GET to a node's Ingress with the given host and path; the body's first line, or the status code.</summary>
    private static async Task<string> IngressAsync(string node, string hostAndPath)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var slash = hostAndPath.IndexOf('/');
        using var message = new HttpRequestMessage(HttpMethod.Get, node.TrimEnd('/') + hostAndPath[slash..]);
        message.Headers.Host = hostAndPath[..slash];
        try
        {
            using var response = await http.SendAsync(message);
            return response.IsSuccessStatusCode ? (await response.Content.ReadAsStringAsync()).Trim() : $"{(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.Message;
        }
    }

    /// <summary>An HTTPS GET to a node's address with the server name <paramref name="host"/>: the certificate's subject and the body.</summary>
    private static async Task<(string Subject, string Body)> HttpsBySniAsync(string address, string host)
    {
        string subject = "";
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(address, 443, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => { subject = certificate?.Subject ?? ""; return true; } },
        }) { Timeout = TimeSpan.FromSeconds(10) };
        var body = (await http.GetStringAsync($"https://{host}/")).Trim();
        return (subject, body);
    }

    [Fact]
    public async Task AStatefulSetPodsName_ResolvesToItsAddress_AndFollowsItToAnotherNode()
    {
        var client = (await DeployWebAsync()).Single(pod => cluster.NodeOf(pod) == 1);
        await cluster.CommitAndSyncAsync("database", "db.yaml", Database);
        var first = await ReadyDbAsync(_ => true);
        await Eventually.WaitAsync(() => cluster.ExecAsync(1, client, $"nslookup {DbZero}"), lookup => lookup.Output.Contains($"Address: {first.Status!.PodIP}"), MultiNodeCluster.Patience, "db-0's name resolving from node 1");
        // The short name goes through the search path of the pod's resolv.conf (busybox nslookup does not search names with a dot; nc's resolver does).
        await Eventually.WaitAsync(() => cluster.HttpFromPodAsync(1, client, "db-0.db", 8080), answer => answer == "db-0", MultiNodeCluster.Patience, "db-0.db:8080 from node 1");

        var node = (await cluster.Client.GetAsync<Node>(null, first.Spec.NodeName!))!;
        await cluster.Client.UpdateAsync(node with { Spec = node.Spec with { Unschedulable = true } }, node);
        try
        {
            await cluster.Client.DeleteAsync(first);
            var moved = await ReadyDbAsync(pod => pod.Spec.NodeName != first.Spec.NodeName);
            var ready = Stopwatch.StartNew();
            await Eventually.WaitAsync(() => cluster.ExecAsync(1, client, $"nslookup {DbZero}"), lookup => lookup.Output.Contains($"Address: {moved.Status!.PodIP}"), MultiNodeCluster.Patience, "db-0's name following the pod");
            log.WriteLine($"db-0's name resolved to the moved pod {ready.ElapsedMilliseconds} ms after the test saw it ready");
            Assert.Equal("db-0", await cluster.HttpFromPodAsync(1, client, "db-0.db", 8080));
        }
        finally
        {
            var latest = (await cluster.Client.GetAsync<Node>(null, first.Spec.NodeName!))!;
            await cluster.Client.UpdateAsync(latest with { Spec = latest.Spec with { Unschedulable = null } }, latest);
        }
    }

    [Fact]
    public async Task ARemovedNodesRoute_Disappears_AndAClashingHostRoute_IsReportedAndLeftAlone()
    {
        await cluster.WaitForRoutesAsync();
        var block = (await cluster.Client.GetAsync<Node>(null, cluster.NodeName(3)))!.Spec.PodCIDR!;
        await cluster.StopAgentAsync(3);
        await cluster.Client.DeleteAsync((await cluster.Client.GetAsync<Node>(null, cluster.NodeName(3)))!);
        await Eventually.WaitAsync(() => cluster.RoutesAsync(1), routes => !routes.Contains(block), MultiNodeCluster.Patience, $"node 1 dropping its route to {block}");
        await Eventually.WaitAsync(() => cluster.RoutesAsync(2), routes => !routes.Contains(block), MultiNodeCluster.Patience, $"node 2 dropping its route to {block}");

        // A route some other tool put on node 1 for the block the returning node will be given again.
        Assert.Equal(0, (await cluster.IpAsync(1, "route", "add", block, "via", cluster.NodeAddress(2))).ExitCode);
        try
        {
            cluster.StartAgent(3);
            await Eventually.WaitAsync(() => Task.FromResult(cluster.AgentOutput(1)), output => output.Contains($"Route to {block} via {cluster.NodeAddress(3)} clashes with the host's route", StringComparison.Ordinal), MultiNodeCluster.Patience, "node 1 reporting the clash");
            Assert.Contains($"{block} via {cluster.NodeAddress(2)}", (await cluster.IpAsync(1, "-4", "route", "show", "exact", block)).Output);
        }
        finally
        {
            await cluster.IpAsync(1, "route", "del", block, "via", cluster.NodeAddress(2));
        }
        await cluster.WaitForRoutesAsync();
    }

    private async Task<List<Pod>> DeployWebAsync()
    {
        await cluster.WaitForRoutesAsync();
        await cluster.CommitAndSyncAsync("web", "web.yaml", Web);
        return await Eventually.WaitAsync(() => cluster.ReadyPodsAsync("web"),
            pods => pods.Count == 3 && pods.Select(cluster.NodeOf).Distinct().Count() == 3, MultiNodeCluster.Patience, "three web replicas, one per node");
    }

    private async Task<Pod> ReadyDbAsync(Func<Pod, bool> where) =>
        (await Eventually.WaitAsync(async () => (await cluster.ReadyPodsAsync("db")).FirstOrDefault(pod => pod.Name == "db-0" && where(pod)),
            pod => pod is not null, MultiNodeCluster.Patience, "db-0 ready"))!;

    /// <summary>One HTTP/1.0 GET from the host (outside every node); the last line of the answer, or the error.</summary>
    private static async Task<string> HttpAsync(string address, int port)
    {
        try
        {
            using var tcp = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await tcp.ConnectAsync(address, port, timeout.Token);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\n\r\n"), timeout.Token);
            var text = await new StreamReader(stream).ReadToEndAsync(timeout.Token);
            return text.TrimEnd().Split('\n').Last().Trim();
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return e.Message;
        }
    }
}
