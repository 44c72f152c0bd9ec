namespace GitOrch.Cli.Tests;

/// <summary><c>explain</c> walks the same field model the loader accepts, in kubectl explain's layout.</summary>
public sealed class ExplainCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Explain_ListsAKindsFields_AndAFieldsType_AndRefusesWhatTheLoaderWould()
    {
        var kind = await _cli.RunAsync("explain", "deploy");
        var field = await _cli.RunAsync("explain", "deployment.spec.template.spec.containers");
        var scalar = await _cli.RunAsync("explain", "deployment.spec.replicas");
        var recursive = await _cli.RunAsync("explain", "deployment.spec.template", "--recursive");
        var typo = await _cli.RunAsync("explain", "deployment.spec.replica");
        var intoScalar = await _cli.RunAsync("explain", "deployment.spec.replicas.x");

        Assert.Equal(["KIND:     Deployment", "VERSION:  apps/v1", "FIELDS:", "  apiVersion\t<string>", "  kind\t<string>", "  metadata\t<object>", "  spec\t<object>", "  status\t<object>"], kind.OutputLines);
        Assert.Contains("FIELD:    spec.template.spec.containers <list of objects>", field.OutputLines);
        Assert.Contains("  image\t<string>", field.OutputLines);
        Assert.Contains("  ports\t<list of objects>", field.OutputLines);
        Assert.Equal(["KIND:     Deployment", "VERSION:  apps/v1", "FIELD:    spec.replicas <integer>"], scalar.OutputLines);
        Assert.Contains("    containers\t<list of objects>", recursive.OutputLines);
        Assert.Contains("      image\t<string>", recursive.OutputLines);
        Assert.Equal((2, "error: field \"replica\" does not exist in Deployment.spec"), (typo.ExitCode, typo.Error.Trim()));
        Assert.Equal((2, "error: field \"replicas\" has no fields: it is <integer>"), (intoScalar.ExitCode, intoScalar.Error.Trim()));
    }
}
