using GitOrch.Cli.Output;
using GitOrch.TestSupport;

namespace GitOrch.Cli.Tests;

public sealed class CliReferenceTests
{
    [Fact]
    public void The_cli_reference_in_docs_matches_the_command_tree()
    {
        var file = Path.Combine(RepositoryRoot.Path, "docs", "cli-reference.md");
        var current = CliReference.Render(GitOrchCli.Build(TextWriter.Null));
        if (Environment.GetEnvironmentVariable("GITORCH_UPDATE_DOCS") == "1")
            File.WriteAllText(file, current);

        Assert.True(File.Exists(file) && File.ReadAllText(file) == current,
            "docs/cli-reference.md is stale: regenerate it with GITORCH_UPDATE_DOCS=1 dotnet test tests/GitOrch.Cli.Tests --filter CliReference");
    }
}
