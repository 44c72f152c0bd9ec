using GitOrch.Api.Serialization;

namespace GitOrch.Api.Tests;

public sealed class ManifestErrorListTests
{
    [Fact]
    public void OneError_IsItself()
    {
        var error = new ManifestException("a.yaml", 2, 3, "wrong");
        Assert.Same(error, ManifestException.Of([error]));
    }

    [Fact]
    public void ManyErrors_AreOneLineEach_TheFirstTwentyThenACount()
    {
        var errors = Enumerable.Range(1, 25).Select(i => new ManifestException($"f{i:D2}.yaml", i, 1, $"problem {i}")).ToList();

        var lines = ManifestException.Of(errors).Message.Split('\n');

        Assert.Equal(21, lines.Length);
        Assert.Equal("f01.yaml:1:1: problem 1", lines[0]);
        Assert.Equal("f20.yaml:20:1: problem 20", lines[19]);
        Assert.Equal("… and 5 more", lines[20]);
    }

    [Fact]
    public void ErrorsGatheredTwice_AreListedAndCountedOnce_EachOnItsOwnLine()
    {
        var files = Enumerable.Range(1, 5).Select(file => ManifestException.Of(
            Enumerable.Range(1, 5).Select(line => new ManifestException($"f{file}.yaml", line, 1, $"problem {line}")).ToList())).ToList();

        var lines = ManifestException.Of(files).Message.Split('\n');

        Assert.Equal(21, lines.Length);
        Assert.Equal("f1.yaml:1:1: problem 1", lines[0]);
        Assert.Equal("f2.yaml:1:1: problem 1", lines[5]);
        Assert.Equal("… and 5 more", lines[20]);
    }

    [Fact]
    public void OneFile_WithSeveralBadDocuments_ReportsEachOfThem_AndLoadsNothing()
    {
        const string file = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: good}
            ---
            apiVersion: v1
            kind: ConfigMapp
            metadata: {name: typo}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: Bad_Name}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: extra}
            colour: red
            """;

        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("app.yaml", file));

        var lines = error.Message.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("app.yaml:6:", lines[0]);
        Assert.StartsWith("app.yaml:11:", lines[1]);
        Assert.StartsWith("app.yaml:16:1: unknown field \"colour\"", lines[2]);
    }

    [Fact]
    public void BrokenYaml_AfterABadDocument_EndsTheFile_WithBothErrors()
    {
        const string file = "apiVersion: v1\nkind: Nope\nmetadata: {name: a}\n---\nkey: [unclosed\n";

        var lines = Assert.Throws<ManifestException>(() => ManifestLoader.Load("app.yaml", file)).Message.Split('\n');

        Assert.Equal(2, lines.Length);
        Assert.StartsWith("app.yaml:2:", lines[0]);
    }
}
