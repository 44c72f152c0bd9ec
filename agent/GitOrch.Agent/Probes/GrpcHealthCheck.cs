using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace GitOrch.Agent.Probes;

/// <summary>
/// A gRPC probe: the standard health service (<c>grpc.health.v1.Health/Check</c>) over plaintext HTTP/2,
/// as Kubernetes' gRPC probes speak it. SERVING is success; any other answer, or none, is failure.
/// </summary>
public static class GrpcHealthCheck
{
    public static async Task<(bool Success, string Message)> CheckAsync(string host, int port, string? service, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress($"http://{host}:{port}", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero },
        });
        try
        {
            var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = service ?? "" }, cancellationToken: cancellationToken);
            return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? (true, "")
                : (false, $"gRPC health check of \"{service ?? ""}\" answered {reply.Status}");
        }
        catch (RpcException e)
        {
            return (false, $"gRPC health check failed: {e.Status.StatusCode}: {e.Status.Detail}");
        }
    }
}
