using System.Text;
using GitOrch.Api.Serialization;
using GitOrch.TestSupport;

namespace GitOrch.Api.Tests;

/// <summary>Kubernetes' rules, case by case: each bad manifest is refused with its exact line, and each good one loads.</summary>
public sealed class ValidationTableTests
{
    public static TheoryData<int> InvalidCases => [.. Enumerable.Range(0, ManifestCorpus.Invalid.Count)];

    public static TheoryData<int> ValidCases => [.. Enumerable.Range(0, ManifestCorpus.Valid.Count)];

    [Fact]
    public void TheTable_HoldsAtLeast150Cases()
    {
        Assert.True(ManifestCorpus.Invalid.Count + ManifestCorpus.Valid.Count >= 150);
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void InvalidManifest_IsRefusedWithOneLineNamingItsPositionAndWhatIsAllowed(int index)
    {
        var (yaml, expected) = ManifestCorpus.Invalid[index];

        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load(ManifestCorpus.FileName, yaml));

        Assert.Equal(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotMatch(@"System\.|GitOrch\.|`1", error.Message);
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void ValidManifest_Loads(int index)
    {
        Assert.Single(ManifestLoader.Load(ManifestCorpus.FileName, ManifestCorpus.Valid[index]));
    }

    [Fact]
    public void InvalidUtf8_IsRefusedAtTheByte()
    {
        var bytes = Encoding.UTF8.GetBytes("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: ab").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();

        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("bad.yaml", bytes));

        Assert.Equal("bad.yaml:6:8: byte 0xC3 is not valid UTF-8; manifests must be UTF-8 text", error.Message);
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void Utf16_IsRefusedAsUtf16(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("apiVersion: v1\n")).ToArray();

        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("wide.yaml", bytes));

        Assert.Equal("wide.yaml:1:1: the file is UTF-16 text (it starts with a UTF-16 byte order mark); manifests must be UTF-8 text", error.Message);
    }

    [Fact]
    public void Utf8WithByteOrderMark_Loads()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ManifestBuilders.ConfigMap("  k: v\n"))).ToArray();

        Assert.Single(ManifestLoader.Load("bom.yaml", bytes));
    }

    [Theory]
    [InlineData("a: 1\nb: 2\na: 3\n", "v.yaml:3:1: key \"a\" appears twice in one mapping; each key may appear once")]
    [InlineData("a: &x 1\nb: *x\n", "v.yaml:2:4: expected a single value here, not an alias (*name); free-form fields such as chart values take no aliases, write the value out")]
    public void ValuesFile_RefusesWhatManifestsRefuse(string yaml, string expected)
    {
        var error = Assert.Throws<ManifestException>(() => ValuesYaml.Parse("v.yaml", yaml));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void ValuesFile_NestedTooDeep_IsRefusedAtTheLevelPastTheLimit()
    {
        var error = Assert.Throws<ManifestException>(() => ValuesYaml.Parse("v.yaml", new string('[', 100_000) + new string(']', 100_000)));

        Assert.Equal("v.yaml:1:101: the YAML nests deeper than 100 levels", error.Message);
    }

    [Fact]
    public void FileOverTheSizeLimit_IsRefusedUnread()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("huge.yaml", new byte[ManifestLoader.MaxFileBytes + 1]));

        Assert.Equal($"huge.yaml:1:1: the file is {ManifestLoader.MaxFileBytes + 1} bytes, more than the {ManifestLoader.MaxFileBytes} a manifest file may be", error.Message);
    }
}
