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
}
