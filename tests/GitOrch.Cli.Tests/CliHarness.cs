using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Cli;
using GitOrch.Store;
using GitOrch.TestSupport;

// Verbs read GITORCH_HOME, NO_COLOR and GITORCH_STORE from the environment, which every test here sets its own way.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace GitOrch.Cli.Tests;

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs gitorch verbs in process against an in-memory store, with a home of their own for contexts.</summary>
public sealed class CliHarness : IDisposable
{
    public InMemoryObjectStore Store { get; } = new();
    public ObjectClient Client { get; }
    public string Home { get; } = Directory.CreateTempSubdirectory("gitorch-cli-").FullName;

    public CliHarness()
    {
        Client = new ObjectClient(Store);
        Environment.SetEnvironmentVariable("GITORCH_HOME", Home);
        Environment.SetEnvironmentVariable(StoreLocator.EnvironmentVariable, null);
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    public async Task<CliResult> RunAsync(string[] args, CancellationToken cancellationToken, StoreConnector? stores = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await GitOrchCli.RunAsync(args, output, error, stores ?? new StoreConnector((_, _) => Task.FromResult<IObjectStore>(Store)), cancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Starts a verb that runs until it is stopped, on this harness's store.</summary>
    public RunningCli Start(params string[] args) =>
        new((output, error, cancellationToken) => GitOrchCli.RunAsync(args, output, error, new StoreConnector((_, _) => Task.FromResult<IObjectStore>(Store)), cancellationToken));

    /// <summary>Creates each object of a manifest in the store, as a sync or a controller would have.</summary>
    public async Task SeedAsync(string yaml)
    {
        foreach (var loaded in ManifestLoader.Load("seed.yaml", yaml))
            await Client.CreateAsync(loaded.Object);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("GITORCH_HOME", null);
        Directory.Delete(Home, recursive: true);
    }

    public static string Pod(string name, string ns = "default", string app = "web") => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          namespace: {ns}
          labels:
            app: {app}
        spec:
          containers:
            - name: main
              image: busybox:1.36
        ---

        """;
}
