using GitOrch.Cli.Commands;

namespace GitOrch.Cli.Tests;

/// <summary>Every verb as a new user first tries it: on an empty cluster, with a typo, with a wrong flag, with no store.</summary>
public sealed class NewUserTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData(0, "status")]
    [InlineData(0, "history")]
    [InlineData(0, "diff --live")]
    [InlineData(0, "get nodes")]
    [InlineData(0, "get events -A")]
    [InlineData(0, "config get-contexts")]
    [InlineData(0, "down")]
    [InlineData(1, "describe pod web")]
    [InlineData(1, "blame deployment web")]
    [InlineData(1, "rollout status deployment/web")]
    [InlineData(1, "rollout history deployment/web")]
    [InlineData(1, "canary start deployment/web --image web:2")]
    [InlineData(1, "logs web")]
    [InlineData(1, "exec web -- ls")]
    [InlineData(1, "cordon node-1")]
    [InlineData(1, "drain node-1")]
    [InlineData(1, "rollback")]
    [InlineData(1, "delete pod web")]
    [InlineData(2, "sync")]
    [InlineData(2, "apply")]
    [InlineData(2, "diff")]
    [InlineData(2, "template /no/such/chart")]
    [InlineData(2, "get")]
    [InlineData(2, "get pods -o xml")]
    [InlineData(1, "rollout status web")]
    [InlineData(2, "completion tcsh")]
    [InlineData(2, "config use-context nowhere")]
    public async Task Each_verb_on_an_empty_cluster_exits_with_its_documented_code_and_at_most_one_error_line(int exitCode, string command)
    {
        var result = await _cli.RunAsync(command.Split(' '));

        Assert.Equal(exitCode, result.ExitCode);
        if (exitCode == 0)
        {
            Assert.Equal("", result.Error);
            return;
        }
        Assert.StartsWith("error: ", result.ErrorLines[0]);
        Assert.True(result.ErrorLines.Length == 1 || result.ErrorLines[1].StartsWith("Run 'gitorch"), result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory]
    [InlineData("gett pods", "unknown command \"gett\" for \"gitorch\"; did you mean \"get\"?")]
    [InlineData("rollout stauts deployment/web", "unknown command \"stauts\" for \"gitorch rollout\"; did you mean \"status\"?")]
    [InlineData("get pods --namespac web", "unknown flag \"--namespac\" for \"gitorch get\"; did you mean \"--namespace\"?")]
    [InlineData("get pods --bogus", "unknown flag \"--bogus\" for \"gitorch get\"")]
    [InlineData("apply --bogus x.yaml", "unknown flag \"--bogus\" for \"gitorch apply\"")]
    [InlineData("logs web -x app=web", "unknown flag \"-x\" for \"gitorch logs\"")]
    public async Task A_typo_is_a_usage_error_that_names_the_closest_match(string command, string expected)
    {
        var result = await _cli.RunAsync(command.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {expected}", result.ErrorLines[0]);
        Assert.StartsWith("Run 'gitorch", result.ErrorLines[1]);
    }

    [Fact]
    public async Task An_unreachable_store_exits_3_in_one_line_and_verbose_adds_the_trace()
    {
        var plain = await _cli.RunAsync(["get", "pods", "--store", "nats://127.0.0.1:1"], CancellationToken.None, StoreConnector.Default);
        var verbose = await _cli.RunAsync(["get", "pods", "--store", "nats://127.0.0.1:1", "--verbose"], CancellationToken.None, StoreConnector.Default);

        Assert.Equal(3, plain.ExitCode);
        Assert.StartsWith("error: cannot reach the NATS store at nats://127.0.0.1:1", Assert.Single(plain.ErrorLines));
        Assert.Equal(3, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Error);
    }

    [Theory]
    [InlineData("logs pod/web", 1, "error: pod \"web\" in namespace default not found")]
    [InlineData("exec pods/web -- ls", 1, "error: pod \"web\" in namespace default not found")]
    [InlineData("logs deployment/web", 2, "error: \"deployment/web\" is not a pod; give a pod as NAME or pod/NAME")]
    public async Task Logs_and_exec_take_a_pod_as_get_o_name_prints_it(string command, int exitCode, string expected)
    {
        var result = await _cli.RunAsync(command.Split(' '));

        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith(expected, result.ErrorLines[0]);
    }

    [Theory]
    [InlineData("logs web --tail eighty", "error: --tail: \"eighty\" is not a whole number")]
    [InlineData("logs web --tail -3", "error: --tail must be 0 or more")]
    [InlineData("drain node-1 --timeout soon", "error: --timeout \"soon\" is not a duration such as 30s, 15m or 1h30m")]
    [InlineData("agent --simulate many", "error: --simulate: \"many\" is not a whole number")]
    public async Task A_flag_value_of_the_wrong_type_is_a_usage_error_in_plain_words(string command, string expected)
    {
        var result = await _cli.RunAsync(command.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.ErrorLines[0]);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("get --help")]
    [InlineData("drain --help")]
    public async Task Help_fits_in_100_columns(string command)
    {
        var result = await _cli.RunAsync(command.Split(' '));

        Assert.Equal(0, result.ExitCode);
        Assert.All(result.OutputLines, line => Assert.True(line.TrimEnd().Length <= 100, line));
    }

    [Fact]
    public async Task Version_prints_the_version_and_the_commit()
    {
        var result = await _cli.RunAsync("version");

        Assert.Matches(@"^gitorch \d+\.\d+\.\d+.* \(commit [0-9a-f]{7,40}\)$", result.Output.Trim());
        Assert.Equal(VersionCommand.Describe(), result.Output.Trim());
    }
}
