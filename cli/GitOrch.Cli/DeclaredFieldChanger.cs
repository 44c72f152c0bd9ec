using GitOrch.Api.Model;
using GitOrch.Engine.Git;
using GitOrch.Store;

namespace GitOrch.Cli;

/// <summary>
/// Changes a workload's field where Git declares it, as one commit on the branch auto-sync follows: its
/// manifest, the kustomization that renders it, or the chart value its ChartRelease sets.
/// </summary>
public sealed class DeclaredFieldChanger(ObjectClient client, ManifestRepository repository)
{
    public async Task<FileEdit> ImageEditAsync(Deployment deployment, string container, string from, string to, CancellationToken cancellationToken)
    {
        var locator = new ImageLocator(repository);
        return await ReleaseOfAsync(deployment, cancellationToken) is { } release
            ? locator.InChartValues(release, SourcePath(release), from, to)
            : locator.InManifest(SourcePath(deployment), deployment, container, to);
    }

    public async Task<FileEdit> ReplicasEditAsync(KubeObject workload, int current, int wanted, CancellationToken cancellationToken)
    {
        var locator = new ReplicasLocator(repository);
        if (await ReleaseOfAsync(workload, cancellationToken) is { } release)
            return locator.InChartValues(release, SourcePath(release), current, wanted);
        var path = SourcePath(workload);
        return Path.GetFileName(path) is "kustomization.yaml" or "kustomization.yml" or "Kustomization"
            ? locator.InKustomization(path, workload.Name, wanted)
            : locator.InManifest(path, workload, wanted);
    }

    /// <returns>The new commit's sha.</returns>
    public async Task<string> CommitAsync(FileEdit edit, string message, TextWriter output)
    {
        var sha = BranchCommit.WriteFile(repository, edit.Path, edit.NewText, message);
        await output.WriteLineAsync($"commit {ShortSha.Of(sha)}: {edit.Path} {edit.Field}: {(edit.OldValue.Length == 0 ? "(unset)" : edit.OldValue)} -> {edit.NewValue}");
        return sha;
    }

    private async Task<ChartRelease?> ReleaseOfAsync(KubeObject workload, CancellationToken cancellationToken)
    {
        if (workload.Annotation(WellKnown.ChartRelease) is not { } releaseKey) return null;
        var parts = releaseKey.Split('/', 2);
        return await client.GetAsync<ChartRelease>(parts[0], parts[1], cancellationToken)
               ?? throw new NotFoundException($"ChartRelease \"{releaseKey}\" that renders {workload.Kind.ToLowerInvariant()} \"{workload.Name}\"");
    }

    private static string SourcePath(KubeObject obj) =>
        obj.Annotation(WellKnown.SourcePath)
        ?? throw new ArgumentException($"{obj.Kind} \"{obj.Name}\" is not managed from Git (no {WellKnown.SourcePath} annotation); apply it from a repository first");
}
