using GitOrch.Api.Model;
using GitOrch.Engine.Git;
using GitOrch.Store;

namespace GitOrch.Cli;

/// <summary>Commits a Deployment's new image where Git declares it: its manifest, or the chart value its ChartRelease sets.</summary>
public sealed class ImageChanger(ObjectClient client, ManifestRepository repository)
{
    /// <returns>The new commit's sha.</returns>
    public async Task<string> CommitAsync(Deployment deployment, string container, string from, string to, string message, TextWriter output, CancellationToken cancellationToken)
    {
        var locator = new ImageLocator(repository);
        ImageEdit edit;
        if (deployment.Annotation(WellKnown.ChartRelease) is { } releaseKey)
        {
            var parts = releaseKey.Split('/', 2);
            var release = await client.GetAsync<ChartRelease>(parts[0], parts[1], cancellationToken)
                          ?? throw new NotFoundException($"ChartRelease \"{releaseKey}\" that renders deployment \"{deployment.Name}\"");
            edit = locator.InChartValues(release, SourcePath(release), from, to);
        }
        else
            edit = locator.InManifest(SourcePath(deployment), deployment, container, to);
        var sha = BranchCommit.WriteFile(repository, edit.Path, edit.NewText, message);
        await output.WriteLineAsync($"commit {ShortSha.Of(sha)}: {edit.Path} {edit.Field}: {edit.OldValue} -> {edit.NewValue}");
        return sha;
    }

    private static string SourcePath(KubeObject obj) =>
        obj.Annotation(WellKnown.SourcePath)
        ?? throw new ArgumentException($"{obj.Kind} \"{obj.Name}\" is not managed from Git (no {WellKnown.SourcePath} annotation); apply it from a repository first");
}
