using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests;

/// <summary>
/// <c>apply -f</c>, <c>apply -k</c> and <c>create -f</c> through the real executable: objects no commit
/// declares are written and kept by syncs, objects Git declares are refused with the file to change, and
/// a refusal writes nothing.
/// </summary>
public sealed class UnmanagedApplyTests : IDisposable
{
    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("gitorch-files-");

    private string StorePath => Path.Combine(_home.FullName, "store.db");

    private Task<CommandResult> Gitorch(params string[] arguments) => GitorchProcess.RunAsync(_home.FullName, [.. arguments, "--store", StorePath]);

    private string File(string name, string yaml)
    {
        var path = Path.Combine(_files.FullName, name);
        System.IO.File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task ObjectsNoCommitDeclares_AreWrittenAndKept_AndGitsOwnAreRefusedWithTheirFile()
    {
        _repo.Commit("one", ("cm.yaml", ChartFixtures.ConfigMap("owned", "red")));
        Assert.Equal(0, (await Gitorch("apply", "--repo", _repo.Path)).ExitCode);
        var extra = File("extra.yaml", ChartFixtures.ConfigMap("extra", "red"));
        var owned = File("owned.yaml", ChartFixtures.ConfigMap("owned", "blue"));
        var another = File("another.yaml", ChartFixtures.ConfigMap("another", "red"));

        var created = await Gitorch("apply", "-f", extra);
        var unchanged = await Gitorch("apply", "-f", extra);
        File("extra.yaml", ChartFixtures.ConfigMap("extra", "green"));
        var configured = await Gitorch("apply", "-f", extra);
        var refused = await Gitorch("apply", "-f", another, "-f", owned);
        var exists = await Gitorch("create", "-f", extra);
        _repo.Commit("two", ("cm.yaml", ChartFixtures.ConfigMap("owned", "pink")));
        var synced = await Gitorch("apply");
        var listed = await Gitorch("get", "cm", "-o", "wide");
        var status = await Gitorch("status");
        var deleted = await Gitorch("delete", "cm", "extra");

        Assert.Equal((0, "configmap/extra created"), (created.ExitCode, created.Output.Trim()));
        Assert.Equal("configmap/extra unchanged", unchanged.Output.Trim());
        Assert.Equal("configmap/extra configured", configured.Output.Trim());
        Assert.Equal((1, $"error: {owned}:1: configmap/default/owned is declared in Git (cm.yaml); change it there and commit"), (refused.ExitCode, refused.Error.Trim()));
        Assert.Equal((1, $"error: {extra}:1: configmap/default/extra already exists"), (exists.ExitCode, exists.Error.Trim()));
        Assert.Equal(0, synced.ExitCode);
        Assert.DoesNotContain("extra", synced.Output);
        Assert.Contains(listed.Output.Split('\n'), line => line.StartsWith("extra ", StringComparison.Ordinal) && line.TrimEnd().EndsWith(" apply", StringComparison.Ordinal));
        Assert.DoesNotContain(listed.Output.Split('\n'), line => line.StartsWith("another ", StringComparison.Ordinal));
        Assert.DoesNotContain("extra", status.Output);
        Assert.Equal(0, deleted.ExitCode);
    }

    [Fact]
    public async Task AKustomization_IsRenderedAndCreated_AndCreateOnAFreshNameWorks()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_files.FullName, "kustomized")).FullName;
        System.IO.File.WriteAllText(Path.Combine(folder, "kustomization.yaml"), "namespace: tools\nconfigMapGenerator:\n- name: settings\n  literals: [COLOR=blue]\n");

        var applied = await Gitorch("apply", "-k", folder);
        var created = await Gitorch("create", "-f", File("fresh.yaml", ChartFixtures.ConfigMap("fresh", "red")), "--dry-run");
        var mixed = await Gitorch("apply", "-f", File("x.yaml", ChartFixtures.ConfigMap("x", "red")), "--rev", "HEAD");

        Assert.True(applied.ExitCode == 0, applied.Error);
        Assert.StartsWith("configmap/settings-", applied.Output.Trim());
        Assert.EndsWith(" created", applied.Output.Trim());
        Assert.Equal("configmap/fresh created (dry run)", created.Output.Trim());
        Assert.Equal((2, "error: -f and -k write objects no commit declares; --repo, --rev and --check-revision are for commits"), (mixed.ExitCode, mixed.Error.Trim()));
        Assert.Equal("", (await Gitorch("get", "cm", "fresh", "-o", "name")).Output.Trim());
    }

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
        _files.Delete(recursive: true);
    }
}
