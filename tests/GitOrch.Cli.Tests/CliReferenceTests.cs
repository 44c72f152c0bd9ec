using GitOrch.Cli.Output;

namespace GitOrch.Cli.Tests;

public sealed class CliReferenceTests
{
    [Fact]
    public void The_cli_reference_in_docs_matches_the_command_tree()
    {
        GeneratedDoc.AssertCurrent("cli-reference.md", CliReference.Render(GitOrchCli.Build(TextWriter.Null)), "CliReference");
    }
}
