using System.Text.RegularExpressions;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>
/// The charts in popular public charts' shapes, each as a folder release through a real server, a docker
/// agent (which runs the monitoring chart's hook Job) and the CLI: it applies, diffs empty, and a values
/// change diffs to exactly the objects it reaches, and to nothing once applied.
/// </summary>
public sealed partial class HelmChartShapesSyncTests(ITestOutputHelper log) : IDisposable
{
    private readonly GitRepository _repo = new();

    public void Dispose() => _repo.Dispose();

    /// <summary>Each chart, a values edit, and what its diff names: the objects it reaches and its summary line.</summary>
    public static TheoryData<string, string, string, string[]> ValuesChanges => new()
    {
        { "cache", "tag: 7.2.4", "tag: 7.2.5", ["statefulset/default/cache-cache-master", "0 to create, 1 to update, 0 to delete"] },
        { "edge", "http: 80,", "http: 8080,", ["service/default/edge-controller", "0 to create, 1 to update, 0 to delete"] },
        { "monitoring", "enabled: true", "enabled: false", ["configmap/default/monitoring-dashboards", "0 to create, 0 to update, 1 to delete"] },
        { "app", "team: payments", "team: checkout", ["deployment/default/app-app", "0 to create, 1 to update, 0 to delete"] },
    };

    [Theory]
    [MemberData(nameof(ValuesChanges))]
    public async Task A_chart_applies_diffs_empty_and_a_values_change_diffs_to_exactly_the_objects_it_reaches(string chart, string from, string to, string[] expected)
    {
        var files = chart switch
        {
            "cache" => HelmChartShapes.Cache,
            "edge" => HelmChartShapes.Edge,
            "monitoring" => HelmChartShapes.Monitoring,
            _ => HelmChartShapes.LibraryApp,
        };
        var values = files.Single(file => file.File == "values.yaml").Text;
        Assert.Contains(from, values);
        await using var harness = await AgentHarness.StartAsync("docker", log);
        var first = _repo.Commit("start", ("README.md", "charts\n"));
        await using var server = GitorchProcess.Start(harness.Home, ["server", "--repo", _repo.Path, "--interval", "01:00:00", "--listen", "off", "--store", harness.StoreUrl]);
        try
        {
            await Eventually.WaitAsync(() => harness.CliAsync("history"), history => history.Output.Contains(first[..7]), AgentHarness.Timeout, "the server's first sync");

            _repo.Commit($"the {chart} chart", [.. files.Select(file => ($"{chart}/{file.File}", (string?)file.Text))]);
            var apply = await harness.ApplyAsync(_repo.Path);
            var emptyDiff = await harness.CliAsync("diff", "--repo", _repo.Path);
            _repo.Commit($"{chart}: {to}", ($"{chart}/values.yaml", values.Replace(from, to)));
            var diff = await harness.CliAsync("diff", "--repo", _repo.Path);
            var second = await harness.ApplyAsync(_repo.Path);
            var finalDiff = await harness.CliAsync("diff", "--repo", _repo.Path);

            Assert.True(apply.ExitCode == 0, apply.Output);
            Assert.True(emptyDiff.ExitCode == 0, emptyDiff.Output + emptyDiff.Error);
            Assert.Equal(1, diff.ExitCode);
            Assert.Equal(expected, (string[])[.. DiffedObject().Matches(diff.Output).Select(match => match.Groups[1].Value), diff.Output.TrimEnd().Split('\n')[^1]]);
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.True(finalDiff.ExitCode == 0, finalDiff.Output + finalDiff.Error);
        }
        finally
        {
            log.WriteLine(server.Output);
        }
    }

    /// <summary>The object each unified diff is of, from its first header line.</summary>
    [GeneratedRegex(@"^--- live/(\S+)", RegexOptions.Multiline)]
    private static partial Regex DiffedObject();
}
