using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests;

/// <summary>
/// <c>gitorch edit</c> with EDITOR pointing at scripts, through the real executable and real git: a
/// valid edit is committed and synced, an invalid one reopens with its error until it is fixed, and an
/// edit saved unchanged is abandoned.
/// </summary>
public sealed class EditCommandTests : IDisposable
{
    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    private string StorePath => Path.Combine(_home.FullName, "store.db");

    /// <summary>An editor script: each run appends the file it was given to a log, then runs the next of <paramref name="steps"/> (shell, with the file as $f).</summary>
    private string Editor(params string[] steps)
    {
        var script = Path.Combine(_home.FullName, "editor.sh");
        var runs = Path.Combine(_home.FullName, "runs");
        var cases = string.Join("\n", steps.Select((step, i) => $"  {i + 1}) {step} ;;"));
        File.WriteAllText(script, $"#!/bin/sh\nf=\"$1\"\necho run >> {runs}\ncat \"$f\" >> {runs}.seen\ncase $(wc -l < {runs}) in\n{cases}\nesac\n");
        return $"sh {script}";
    }

    private async Task<(int Code, string Output)> EditAsync(string editor)
    {
        await using var edit = GitorchProcess.Start(_home.FullName, new Dictionary<string, string> { ["EDITOR"] = editor }, "edit", "configmap/settings", "--store", StorePath);
        var code = await edit.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (code, edit.Output);
    }

    private async Task<string> ColorAsync() =>
        (await GitorchProcess.RunAsync(_home.FullName, "get", "cm", "settings", "-o", "jsonpath={.data.color}", "--store", StorePath)).Output.Trim();

    private async Task ApplyAsync()
    {
        _repo.Commit("settings", ("cm.yaml", "# the app's settings\n" + ChartFixtures.ConfigMap("settings", "red")));
        Assert.Equal(0, (await GitorchProcess.RunAsync(_home.FullName, "apply", "--repo", _repo.Path, "--store", StorePath)).ExitCode);
    }

    [Fact]
    public async Task AValidEdit_IsCommittedAndSynced()
    {
        await ApplyAsync();

        var (code, output) = await EditAsync(Editor("sed -i 's/color: red/color: blue/' \"$f\""));

        Assert.True(code == 0, output);
        Assert.Contains("+  color: blue", output);
        Assert.Equal("Edit configmap/settings in cm.yaml", _repo.Git("log", "-1", "--format=%s").Trim());
        Assert.Equal("blue", await ColorAsync());
    }

    [Fact]
    public async Task AnInvalidEdit_ReopensWithItsErrorOnTop_UntilItIsFixed()
    {
        await ApplyAsync();

        var (code, output) = await EditAsync(Editor("sed -i 's/kind: ConfigMap/kind: ConfigMapp/' \"$f\"", "sed -i -e '/^# gitorch edit/d' -e 's/ConfigMapp/ConfigMap/; s/red/green/' \"$f\""));
        var seen = File.ReadAllText(Path.Combine(_home.FullName, "runs.seen"));

        Assert.True(code == 0, output);
        Assert.Contains("# gitorch edit: cm.yaml:", seen);
        Assert.Contains("ConfigMapp", seen);
        Assert.Equal("green", await ColorAsync());
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_home.FullName, "runs")).Length);
    }

    [Fact]
    public async Task AnEditSavedUnchanged_IsAbandoned_AndAnInvalidOneLeftAsItIs_CommitsNothing()
    {
        await ApplyAsync();
        var head = _repo.Git("rev-parse", "HEAD").Trim();

        var unchanged = await EditAsync(Editor("true"));
        File.Delete(Path.Combine(_home.FullName, "runs"));
        var stillInvalid = await EditAsync(Editor("sed -i 's/kind: ConfigMap/kind: ConfigMapp/' \"$f\"", "true"));

        Assert.Equal((0, "Edit cancelled, no changes made."), (unchanged.Code, unchanged.Output.Trim()));
        Assert.Equal(1, stillInvalid.Code);
        Assert.Equal(head, _repo.Git("rev-parse", "HEAD").Trim());
        Assert.Equal("red", await ColorAsync());
    }

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
