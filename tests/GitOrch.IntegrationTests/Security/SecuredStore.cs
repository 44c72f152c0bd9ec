using GitOrch.Engine.Security;
using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests.Security;

/// <summary>A real nats-server run from the configuration <c>gitorch init</c> wrote: TLS and one NKey user per identity.</summary>
public sealed class SecuredStore : IAsyncDisposable
{
    private readonly NatsServerProcess _server;

    private SecuredStore(ClusterDirectory cluster, NatsServerProcess server, int port)
    {
        Cluster = cluster;
        _server = server;
        Port = port;
    }

    public ClusterDirectory Cluster { get; }

    public int Port { get; }

    public static async Task<SecuredStore> StartAsync(string[] nodes, DateTimeOffset? initialisedAt = null)
    {
        var cluster = new ClusterDirectory(Directory.CreateTempSubdirectory("gitorch-cluster-").FullName);
        var port = NatsServerProcess.FreePort();
        cluster.Initialize("test", ["127.0.0.1", "localhost"], $"127.0.0.1:{port}", nodes, initialisedAt ?? DateTimeOffset.UtcNow);
        return new SecuredStore(cluster, await NatsServerProcess.StartFromConfigAsync(cluster.NatsConfig, port), port);
    }

    /// <summary>The store location for one identity's credentials file.</summary>
    public string LocationFor(string identity) => $"tls://127.0.0.1:{Port}?credentials={Cluster.CredentialsFor(identity)}";

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(Cluster.Root, recursive: true);
    }
}
