using GitOrch.Engine.Charts.Sources;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts;
using GitOrch.Engine.Charts.Repositories;
using LibGit2Sharp;
using GitOrch.Engine.Git;
using GitOrch.Store;

namespace GitOrch.Engine.Desired;

/// <summary>
/// Renders the ChartReleases of a commit. The output is cached under the chart folder's tree id, the
/// values files' blob ids and the release itself, so a release re-renders only when one of those changed,
/// and unchanged output keeps its very instances.
/// </summary>
internal sealed class ChartReleaseRenderer(string manifestRoot, ChartRepository chartRepository)
{
    private Dictionary<string, IReadOnlyList<DesiredObject>> _cache = new(StringComparer.Ordinal);
    private Dictionary<string, IReadOnlyList<DesiredObject>> _used = new(StringComparer.Ordinal);

    /// <param name="objects">The commit's other objects by key, where a repository's credentials Secret is found.</param>
    public IReadOnlyList<DesiredObject> Render(Commit commit, LoadedObject declared, IReadOnlyDictionary<string, DesiredObject> objects)
    {
        var release = (ChartRelease)declared.Object;
        var (chart, chartKey) = Chart(commit, declared, release, objects);
        var valuesBlobs = (release.Spec.ValuesFiles ?? []).Select(file =>
        {
            ResolveInCommit(commit, declared, file, "spec.valuesFiles", out var target);
            return (File: file, Blob: target as Blob ?? throw Error(declared, $"values file \"{file}\" is not in the commit"));
        }).ToList();

        var cacheKey = $"{chartKey}|{string.Join(',', valuesBlobs.Select(values => values.Blob.Sha))}|{Convert.ToHexString(ObjectJson.ToBytes(release))}";
        if (!_cache.TryGetValue(cacheKey, out var rendered))
        {
            var values = ChartRenderer.DefaultValues(chart);
            foreach (var (file, blob) in valuesBlobs)
                ChartValues.Merge(values, ChartValues.Parse(RepositoryLayout.Resolve(manifestRoot, file)!, blob.GetContentText()));
            ChartValues.Merge(values, release.Spec.Values);
            foreach (var assignment in release.Spec.Set ?? [])
            {
                try
                {
                    SetValues.Apply(values, assignment);
                }
                catch (ArgumentException e)
                {
                    throw Error(declared, $"spec.set: {e.Message}");
                }
            }
            rendered = ChartRenderer.Render(chart, release.Name, release.Namespace ?? WellKnown.DefaultNamespace, values)
                .Select(item => Declaration.Of(item, release)).ToList();
        }
        _used[cacheKey] = rendered;
        return rendered;
    }

    /// <summary>The chart's files and what identifies their content: a folder of the commit by its tree id, or a repository's archive by its digest.</summary>
    private (IChartFiles Files, string Key) Chart(Commit commit, LoadedObject declared, ChartRelease release, IReadOnlyDictionary<string, DesiredObject> objects)
    {
        if (release.Spec.Repository is { } repository)
        {
            var source = new ChartSource(repository, release.Spec.Chart, release.Spec.Version)
            {
                Credentials = release.Spec.CredentialsSecret is { } secret ? Credentials(declared, secret, objects) : null,
                PlainHttp = release.Spec.PlainHttp == true,
            };
            try
            {
                var archive = chartRepository.Fetch(source);
                return (new ArchiveChartFiles($"{repository.TrimEnd('/')}/{archive.Name}-{archive.Version}.tgz", archive.Bytes), archive.Digest);
            }
            catch (Exception e) when (e is ChartRepositoryException or InvalidDataException or IOException)
            {
                throw Error(declared, e.Message);
            }
        }
        var chartPath = ResolveInCommit(commit, declared, release.Spec.Chart, "spec.chart", out var chartTree);
        if (chartTree is not Tree tree)
            throw Error(declared, $"spec.chart \"{release.Spec.Chart}\" is not a folder in the commit");
        return (new GitTreeChartFiles(tree, chartPath), tree.Sha);
    }

    private static RepositoryCredentials Credentials(LoadedObject declared, string secretName, IReadOnlyDictionary<string, DesiredObject> objects)
    {
        var ns = declared.Object.Namespace ?? WellKnown.DefaultNamespace;
        if (!objects.TryGetValue(ObjectKeys.For(Kinds.Secret, ns, secretName), out var found) || found.Object is not Secret secret)
            throw Error(declared, $"spec.credentialsSecret: no Secret \"{secretName}\" in namespace {ns} is declared in the commit");
        string? Value(string key) =>
            secret.StringData?.GetValueOrDefault(key)
            ?? (secret.Data?.GetValueOrDefault(key) is { } encoded ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) : null);
        return new RepositoryCredentials(
            Value("username") ?? throw Error(declared, $"spec.credentialsSecret: Secret \"{secretName}\" has no username key"),
            Value("password") ?? throw Error(declared, $"spec.credentialsSecret: Secret \"{secretName}\" has no password key"));
    }

    /// <summary>Keeps only the renderings the last commit used, so the cache does not grow with history.</summary>
    public void Retire()
    {
        _cache = _used;
        _used = new Dictionary<string, IReadOnlyList<DesiredObject>>(StringComparer.Ordinal);
    }

    private string ResolveInCommit(Commit commit, LoadedObject declared, string relative, string field, out GitObject? target)
    {
        var path = RepositoryLayout.Resolve(manifestRoot, relative)
                   ?? throw Error(declared, $"{field} \"{relative}\" is outside the manifest folder");
        target = path.Length == 0 ? commit.Tree : commit[path]?.Target;
        return path;
    }

    private static ManifestException Error(LoadedObject declared, string problem) =>
        new(declared.Path, declared.Line, declared.Column, $"ChartRelease \"{declared.Object.Name}\": {problem}");
}
