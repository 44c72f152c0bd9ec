using GitOrch.Cli.Contexts;
using GitOrch.Store;

namespace GitOrch.Cli.Tests;

public sealed class ConfigCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly List<string> _opened = [];

    public void Dispose() => _cli.Dispose();

    private Task<CliResult> RunRecordingStoreAsync(params string[] args) =>
        _cli.RunAsync(args, CancellationToken.None, new StoreConnector((location, _) =>
        {
            _opened.Add(location);
            return Task.FromResult<IObjectStore>(_cli.Store);
        }));

    [Fact]
    public async Task Contexts_are_created_listed_and_switched_in_the_home_config_file()
    {
        await _cli.RunAsync("config", "set-context", "prod", "--store", "nats://store:4222", "--user", "ops", "--password", "s3cret", "-n", "web");
        await _cli.RunAsync("config", "set-context", "dev", "--store", "/tmp/dev.db");
        var switched = await _cli.RunAsync("config", "use-context", "prod");
        var listed = await _cli.RunAsync("config", "get-contexts");
        var asJson = await _cli.RunAsync("config", "get-contexts", "-o", "json");

        Assert.Equal(0, switched.ExitCode);
        Assert.True(File.Exists(Path.Combine(_cli.Home, "config.yaml")));
        Assert.Equal(["CURRENT", "NAME", "STORE", "NAMESPACE", "AUTH"], listed.OutputLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("*", listed.OutputLines[1]);
        Assert.Contains("prod", listed.OutputLines[1]);
        Assert.DoesNotContain("s3cret", listed.Output + asJson.Output);
        Assert.Equal("prod", (await _cli.RunAsync("config", "current-context")).Output.Trim());
    }

    [Fact]
    public async Task The_current_context_chooses_the_store_with_credentials_and_the_namespace()
    {
        await _cli.SeedAsync(CliHarness.Pod("web-1", ns: "web") + CliHarness.Pod("other-1"));
        await _cli.RunAsync("config", "set-context", "prod", "--store", "nats://store:4222", "--user", "ops", "--password", "s3cret", "-n", "web");
        await _cli.RunAsync("config", "use-context", "prod");

        var result = await RunRecordingStoreAsync("get", "pods", "-o", "name");

        Assert.Equal(["pod/web-1"], result.OutputLines);
        Assert.Equal(["nats://ops:s3cret@store:4222"], _opened);
    }

    [Fact]
    public async Task Flags_beat_the_context_and_the_environment()
    {
        await _cli.RunAsync("config", "set-context", "prod", "--store", "nats://store:4222");
        await _cli.RunAsync("config", "set-context", "dev", "--store", "/tmp/dev.db");
        await _cli.RunAsync("config", "use-context", "prod");

        await RunRecordingStoreAsync("get", "pods", "--context", "dev");
        await RunRecordingStoreAsync("get", "pods", "--store", "/tmp/flag.db");

        Assert.Equal(["/tmp/dev.db", "/tmp/flag.db"], _opened);
    }

    [Fact]
    public async Task An_unknown_context_is_a_usage_error_that_suggests_the_closest()
    {
        await _cli.RunAsync("config", "set-context", "production", "--store", "nats://store:4222");

        var used = await _cli.RunAsync("config", "use-context", "prodution");
        var flagged = await _cli.RunAsync("get", "pods", "--context", "staging");

        Assert.Equal(2, used.ExitCode);
        Assert.Contains("did you mean \"production\"?", Assert.Single(used.ErrorLines));
        Assert.Equal(2, flagged.ExitCode);
        Assert.Contains("context \"staging\" is not in", Assert.Single(flagged.ErrorLines));
    }

    [Fact]
    public async Task A_broken_config_file_is_named_with_its_line()
    {
        await File.WriteAllTextAsync(CliConfig.FilePath, "contexts:\n  - name: a\n    store: [unclosed\n");

        var result = await _cli.RunAsync("config", "get-contexts");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {CliConfig.FilePath}:", Assert.Single(result.ErrorLines));
    }
}
