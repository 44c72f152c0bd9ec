using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Api.Tests;

/// <summary><c>metadata.generateName</c>: a name that is the same on every load and new when the object changes.</summary>
public class GeneratedNameTests
{
    private static string Job(string command, string metadata = "generateName: migrate-") => $$"""
        apiVersion: batch/v1
        kind: Job
        metadata: { {{metadata}} }
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: migrate, image: busybox, command: [{{command}}]}]
        """;

    private static string NameOf(string yaml) => ManifestLoader.Load("job.yaml", yaml).Single().Object.Name;

    [Fact]
    public void GenerateName_GivesThePrefixAndFiveCharacters_TheSameOnEveryLoad()
    {
        var name = NameOf(Job("true"));

        Assert.Matches("^migrate-[bcdfghjklmnpqrstvwxz2456789]{5}$", name);
        Assert.Equal(name, NameOf(Job("true")));
    }

    [Fact]
    public void GenerateName_OfAChangedObject_IsANewName()
    {
        Assert.NotEqual(NameOf(Job("true")), NameOf(Job("false")));
    }

    [Fact]
    public void GenerateName_BesideAName_LeavesTheNameAlone()
    {
        Assert.Equal("fixed", NameOf(Job("true", "name: fixed, generateName: migrate-")));
    }

    [Fact]
    public void GenerateName_ThatCannotMakeAValidName_IsRefusedAtTheField()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("job.yaml", Job("true", "generateName: Migrate_")));

        Assert.StartsWith("job.yaml:3:", error.Message);
        Assert.Contains("metadata.generateName", error.Message);
    }

    [Fact]
    public void GenerateName_LongerThanKubernetesAllows_IsCutToLeaveRoomForTheSuffix()
    {
        var name = NameOf(Job("true", $"generateName: {new string('a', 70)}"));

        Assert.Equal(63, name.Length);
    }
}
