using GitOrch.TestSupport;

namespace GitOrch.Cli.Tests;

/// <summary>A doc in docs/ that is generated: the test fails when the file differs, and rewrites it when GITORCH_UPDATE_DOCS=1.</summary>
public static class GeneratedDoc
{
    public static void AssertCurrent(string fileName, string current, string testFilter)
    {
        var file = Path.Combine(RepositoryRoot.Path, "docs", fileName);
        if (Environment.GetEnvironmentVariable("GITORCH_UPDATE_DOCS") == "1")
            File.WriteAllText(file, current);

        Assert.True(File.Exists(file) && File.ReadAllText(file) == current,
            $"docs/{fileName} is stale: regenerate it with GITORCH_UPDATE_DOCS=1 dotnet test tests/GitOrch.Cli.Tests --filter {testFilter}");
    }
}
