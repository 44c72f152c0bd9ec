using GitOrch.Engine.Planning;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Git;
using GitOrch.Store;
using LibGit2Sharp;

namespace GitOrch.Engine.Desired;

/// <summary>
/// What the files changed between two commits declare, read from those files alone: enough to diff a
/// commit against the release of an earlier one without loading the whole tree. It gives up (null)
/// wherever the answer could differ from a full load's: a chart or a kustomization near a change, a key
/// that an unchanged file may declare too, or any load error, which a full load then reports with the
/// others.
/// </summary>
public static class CommitDelta
{
    /// <param name="released">The keys the earlier commit's release declared.</param>
    /// <returns>
    /// Each key that a changed file declares in either commit, with its object in the later one (null when
    /// it is no longer declared); null when only a full load can tell.
    /// </returns>
    public static IReadOnlyDictionary<string, KubeObject?>? Between(ManifestRepository source, string fromCommit, string revision,
        IReadOnlyCollection<string> released)
    {
        if (released.Any(key => key.StartsWith(ObjectKeys.Prefix(Kinds.ChartRelease, null), StringComparison.Ordinal))) return null;
        using var repository = source.OpenGit();
        if (repository.Lookup<Commit>(fromCommit) is not { } before) return null;
        var after = ManifestRepository.FindCommit(repository, revision);
        var all = repository.Diff.Compare<TreeChanges>(before.Tree, after.Tree, new CompareOptions { Similarity = SimilarityOptions.None })
            .Where(change => source.Holds(change.OldPath) || source.Holds(change.Path))
            .ToList();
        // Any file of a chart counts, whatever its kind: a helper, a values file, a packed subchart, a file the templates read.
        if (all.Any(change => IsRendered(before, change.OldPath) || IsRendered(after, change.Path))) return null;
        var changes = all.Where(change => IsDeclarationFile(source, change.OldPath) || IsDeclarationFile(source, change.Path)).ToList();
        try
        {
            var declaredBefore = Declared(repository, changes.Where(change => change.Status != ChangeKind.Added).Select(change => (change.OldPath, change.OldOid)));
            var declaredAfter = Declared(repository, changes.Where(change => change.Status != ChangeKind.Deleted).Select(change => (change.Path, change.Oid)));
            if (declaredBefore is null || declaredAfter is null) return null;
            if (declaredAfter.Keys.Any(key => released.Contains(key) && !declaredBefore.ContainsKey(key))) return null;
            var delta = declaredBefore.Keys.ToDictionary(key => key, KubeObject? (_) => null, StringComparer.Ordinal);
            // A hook is run by the apply, not kept: a plan leaves it alone, as it does an object Git no longer declares.
            foreach (var (key, declared) in declaredAfter) delta[key] = SyncHooks.IsHook(declared) ? null : declared;
            return delta;
        }
        catch (ManifestException)
        {
            return null;
        }
    }

    private static bool IsDeclarationFile(ManifestRepository source, string path) =>
        RepositoryLayout.IsSourceFile(path) && source.Holds(path) && !RepositoryLayout.IsValuesFile(path);

    /// <summary>Whether the path is a chart's or a kustomization's, or lies in or under a folder that holds one.</summary>
    private static bool IsRendered(Commit commit, string path)
    {
        if (RepositoryLayout.IsKustomizationFile(path) || path == "Chart.yaml" || path.EndsWith("/Chart.yaml", StringComparison.Ordinal)) return true;
        for (var folder = RepositoryLayout.Folder(path); ; folder = RepositoryLayout.Folder(folder))
        {
            var prefix = folder.Length == 0 ? "" : folder + "/";
            if (commit[prefix + "Chart.yaml"] is not null || RepositoryLayout.KustomizationFileNames.Any(name => commit[prefix + name] is not null)) return true;
            if (folder.Length == 0) return false;
        }
    }

    /// <summary>The objects the files declare, by key, marked as a full load marks them; null when two declare the same key or one declares a ChartRelease.</summary>
    private static Dictionary<string, KubeObject>? Declared(Repository repository, IEnumerable<(string Path, ObjectId Blob)> files)
    {
        var objects = new Dictionary<string, KubeObject>(StringComparer.Ordinal);
        foreach (var (path, blob) in files)
            foreach (var loaded in ManifestLoader.Load(path, ManifestRepository.ReadBlob(repository.Lookup<Blob>(blob))))
            {
                var declared = Declaration.Of(loaded);
                if (declared.Object is ChartRelease || Kinds.For(declared.Object).WrittenByCluster || !objects.TryAdd(declared.Key, declared.Object)) return null;
            }
        return objects;
    }
}
