using GitOrch.Agent;
using GitOrch.Agent.Http;
using GitOrch.Api.Model;
using System.Security.Cryptography.X509Certificates;
using GitOrch.Store;
using GitOrch.Store.Nats;

namespace GitOrch.Cli;

/// <summary>Talks to the agent of the node a pod runs on, at the endpoint its Node status publishes: for logs and exec.</summary>
public static class AgentConnection
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>One TLS client per node and identity, so that requests to one agent (logs of many pods, say) share connections.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Node, StoreCredentials? Identity), HttpClient> SecureClients = new();

    /// <param name="name">NAME, or pod/NAME as <c>get -o name</c> prints it.</param>
    public static async Task<Pod> FindPodAsync(ObjectClient client, string ns, string name, CancellationToken cancellationToken)
    {
        var podName = PodName(name);
        return await client.GetAsync<Pod>(ns, podName, cancellationToken) ?? throw new NotFoundException($"pod \"{podName}\" in namespace {ns}");
    }

    private static string PodName(string argument)
    {
        if (argument.Split('/', 2) is not [var kind, var name]) return argument;
        return Kinds.Resolve(kind) == Kinds.Pod
            ? name
            : throw new ArgumentException($"\"{argument}\" is not a pod; give a pod as NAME or pod/NAME");
    }

    /// <summary>
    /// Sends a request to the pod's agent; an agent that does not answer is "unreachable", an agent's
    /// refusal is its one-line message. An agent that serves TLS gets the certificate of
    /// <paramref name="identity"/>, and must itself present the node's certificate from the cluster CA.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(ObjectClient client, StoreCredentials? identity, Pod pod, HttpMethod method, string pathAndQuery, HttpContent? content,
        CancellationToken cancellationToken)
    {
        var (url, nodeName, secure, token) = await EndpointAsync(client, pod, Uri.UriSchemeHttp, pathAndQuery, cancellationToken);
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(AgentToken.Scheme, token);
        var http = secure ? SecureClientFor(nodeName, identity) : Http;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new RuntimeUnavailableException($"the agent of node {nodeName} at {url.Authority} does not answer: {e.Message}");
        }
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            throw new AgentAnswerException($"the agent of node {nodeName} refused the request: it needs the token in {AgentToken.PathFor(nodeName)}, "
                + (token is null ? "which this user cannot read (run as the agent's user or root)" : "and the token there is not the running agent's"));
        if (!response.IsSuccessStatusCode)
            throw new AgentAnswerException((await response.Content.ReadAsStringAsync(cancellationToken)).Trim());
        return response;
    }

    private static HttpClient SecureClientFor(string nodeName, StoreCredentials? identity) =>
        SecureClients.GetOrAdd((nodeName, identity), key => SecureClient(key.Node, key.Identity));

    /// <summary>
    /// Opens a port-forward tunnel to the pod's port through its node's agent: a WebSocket whose messages
    /// are the bytes of one TCP connection.
    /// </summary>
    public static async Task<System.Net.WebSockets.ClientWebSocket> OpenTunnelAsync(ObjectClient client, StoreCredentials? identity, Pod pod, int port, CancellationToken cancellationToken)
    {
        var (url, nodeName, secure, token) = await EndpointAsync(client, pod, "ws", $"portforward?port={port}", cancellationToken);
        var socket = new System.Net.WebSockets.ClientWebSocket();
        if (token is not null) socket.Options.SetRequestHeader("Authorization", $"{AgentToken.Scheme} {token}");
        try
        {
            await socket.ConnectAsync(url, secure ? SecureClientFor(nodeName, identity) : Http, cancellationToken);
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or HttpRequestException)
        {
            socket.Dispose();
            throw new RuntimeUnavailableException($"the agent of node {nodeName} at {url.Authority} refused the port-forward: {e.Message}");
        }
        return socket;
    }

    private sealed record AgentEndpointTarget(Uri Url, string NodeName, bool Secure, string? Token);

    /// <summary>Where the pod's agent listens, for one path under the pod, and how to prove who is calling (the token without TLS).</summary>
    private static async Task<AgentEndpointTarget> EndpointAsync(ObjectClient client, Pod pod, string plainScheme, string pathAndQuery, CancellationToken cancellationToken)
    {
        var nodeName = pod.Spec.NodeName ?? throw new AgentAnswerException($"pod \"{pod.Name}\" is not scheduled to a node yet");
        var node = await client.GetAsync<Node>(null, nodeName, cancellationToken) ?? throw new NotFoundException($"node \"{nodeName}\"");
        var endpoint = node.Status?.DaemonEndpoints?.KubeletEndpoint
            ?? throw new AgentAnswerException($"node \"{nodeName}\" publishes no agent endpoint (its agent runs without --agent-listen)");
        var address = node.Status.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address ?? "127.0.0.1";
        var secure = endpoint.Scheme == Uri.UriSchemeHttps;
        var scheme = secure ? (plainScheme == "ws" ? "wss" : "https") : plainScheme;
        var url = new Uri($"{scheme}://{address}:{endpoint.Port}/pods/{Uri.EscapeDataString(pod.Namespace ?? WellKnown.DefaultNamespace)}/{Uri.EscapeDataString(pod.Name)}/{pathAndQuery}");
        return new AgentEndpointTarget(url, nodeName, secure, secure ? null : AgentToken.TryRead(nodeName));
    }

    /// <summary>A client that presents the identity's certificate and accepts only the node's own certificate from the cluster CA.</summary>
    private static HttpClient SecureClient(string nodeName, StoreCredentials? identity)
    {
        var certificate = identity?.Certificate()
            ?? throw new AgentAnswerException($"the agent of node {nodeName} asks for a client certificate from the cluster CA: use a store credential from gitorch init that holds one (admin)");
        var authority = identity.Authority();
        var handler = new HttpClientHandler
        {
            ClientCertificateOptions = ClientCertificateOption.Manual,
            ServerCertificateCustomValidationCallback = (_, server, _, _) =>
                server?.GetNameInfo(X509NameType.SimpleName, forIssuer: false) == nodeName && ClusterTrust.ChainsTo(server, authority),
        };
        handler.ClientCertificates.Add(certificate);
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}

/// <summary>The agent understood the request and refused it, for example an unknown container.</summary>
public sealed class AgentAnswerException(string message) : Exception(message);
