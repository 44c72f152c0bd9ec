using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests.Security;

/// <summary>
/// A cluster made by <c>gitorch init</c> run as a process, listening on loopback, with nats-server
/// running on the configuration init wrote. Identities to add before the store starts are made with
/// <c>gitorch credentials create</c>, each given as its flags.
/// </summary>
public sealed class InitializedCluster : IAsyncDisposable
{
    private readonly NatsServerProcess _nats;

    private InitializedCluster(string directory, int port, string initOutput, NatsServerProcess nats) =>
        (Directory, Port, InitOutput, _nats) = (directory, port, initOutput, nats);

    public string Directory { get; }
    public int Port { get; }
    public string InitOutput { get; }

    public static async Task<InitializedCluster> StartAsync(string home, string[]? initFlags = null, params string[][] identities)
    {
        var port = NatsServerProcess.FreePort();
        var directory = Path.Combine(home, "cluster");
        var init = await GitorchProcess.RunAsync(home, ["init", "--dir", directory, "--listen", $"127.0.0.1:{port}", "--server-name", "127.0.0.1", .. initFlags ?? []]);
        Assert.True(init.ExitCode == 0, init.Error);
        foreach (var identity in identities)
        {
            var created = await GitorchProcess.RunAsync(home, ["credentials", "create", "--dir", directory, .. identity]);
            Assert.True(created.ExitCode == 0, created.Error);
        }
        return new InitializedCluster(directory, port, init.Output, await NatsServerProcess.StartFromConfigAsync(Path.Combine(directory, "nats.conf"), port));
    }

    public string CredentialsFile(string identity) => Path.Combine(Directory, "credentials", identity + ".yaml");

    /// <summary>The store location for one identity's credentials file, such as <c>server</c>, <c>viewer</c> or <c>agent-NODE</c>.</summary>
    public string Location(string identity) => $"tls://127.0.0.1:{Port}?credentials={CredentialsFile(identity)}";

    public ValueTask DisposeAsync() => _nats.DisposeAsync();
}
