using System.Net.Sockets;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Probes;

/// <summary>
/// Runs one httpGet, tcpSocket, grpc or exec action against a container, as probes and lifecycle hooks
/// define them: HTTP 200–399, a TCP connect, a SERVING gRPC health answer, or exit code 0 is success.
/// </summary>
public sealed class ActionRunner(IContainerRuntime runtime)
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, AllowAutoRedirect = false });

    public async Task<(bool Success, string Message)> RunAsync(ExecAction? exec, HttpGetAction? httpGet, TcpSocketAction? tcpSocket, GrpcAction? grpc,
        ProbeTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            if (exec is not null)
            {
                var result = await runtime.ExecAsync(target.Running.Id, exec.Command, timeout, deadline.Token);
                return (result.ExitCode == 0, result.ExitCode == 0 ? "" : $"command {string.Join(' ', exec.Command)} exited with {result.ExitCode}: {result.Output.Trim()}");
            }
            if (httpGet is not null)
            {
                var url = $"{(httpGet.Scheme ?? "HTTP").ToLowerInvariant()}://{httpGet.Host ?? target.PodIP}:{Port(httpGet.Port, target.Container)}{httpGet.Path ?? "/"}";
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.ConnectionClose = true;
                foreach (var header in httpGet.HttpHeaders ?? []) request.Headers.TryAddWithoutValidation(header.Name, header.Value);
                using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                var code = (int)response.StatusCode;
                return (code is >= 200 and < 400, $"HTTP probe failed with statuscode: {code}");
            }
            if (tcpSocket is not null)
            {
                using var client = new TcpClient();
                await client.ConnectAsync(tcpSocket.Host ?? target.PodIP, Port(tcpSocket.Port, target.Container), deadline.Token);
                return (true, "");
            }
            if (grpc is not null)
            {
                var (success, message) = await GrpcHealthCheck.CheckAsync(target.PodIP, grpc.Port, grpc.Service, deadline.Token);
                deadline.Token.ThrowIfCancellationRequested();
                return (success, message);
            }
            return (false, "the probe names no action (exec, httpGet, tcpSocket or grpc)");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"timed out after {timeout.TotalSeconds:0.#}s");
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or PodStartException or IOException)
        {
            return (false, e.Message);
        }
    }

    /// <summary>A named port resolves against the container's ports.</summary>
    private static int Port(IntOrString port, Container container) =>
        port.IsInt ? port.AsInt()
        : (container.Ports ?? []).FirstOrDefault(p => p.Name == port.Value)?.ContainerPort
          ?? throw new PodStartException($"container {container.Name} has no port named \"{port.Value}\"");
}
