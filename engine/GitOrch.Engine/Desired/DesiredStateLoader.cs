using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Git;
using GitOrch.Store;
using LibGit2Sharp;

namespace GitOrch.Engine.Desired;

/// <summary>
/// Reads what a commit declares. After the first commit it diffs trees from the commit it loaded last
/// and parses only files whose blob changed; charts re-render only when their inputs changed.
/// </summary>
public sealed class DesiredStateLoader(ManifestRepository source)
{
    private readonly ChartReleaseRenderer _charts = new(source.Subdirectory);
    private Snapshot? _previous;

    /// <summary>The yaml files of the manifest folder by path, and each file's objects by path and blob.</summary>
    private sealed record Snapshot(
        string Commit,
        Dictionary<string, ObjectId> Files,
        Dictionary<(string, ObjectId), IReadOnlyList<DesiredObject>> Declared,
        DesiredState State);

    /// <summary>The state of the commit loaded before the latest one, if any: what an incremental plan compares with.</summary>
    public DesiredState? Last => _previous?.State;

    public DesiredState Load(string revision = "HEAD")
    {
        using var repository = source.OpenGit();
        var commit = ManifestRepository.FindCommit(repository, revision);
        if (_previous?.Commit == commit.Sha) return _previous.State;

        var files = _previous is null ? ListFiles(commit) : ApplyTreeChanges(repository, _previous, commit);
        var chartFolders = RepositoryLayout.ChartFolders(files.Keys);
        var declared = new Dictionary<(string, ObjectId), IReadOnlyList<DesiredObject>>();
        var objects = new List<DesiredObject>();
        var releases = new List<LoadedObject>();
        foreach (var (path, blobId) in files.OrderBy(file => file.Key, StringComparer.Ordinal))
        {
            if (!RepositoryLayout.IsManifest(path, chartFolders)) continue;
            if (_previous?.Declared.TryGetValue((path, blobId), out var known) != true)
                known = ManifestLoader.Load(path, repository.Lookup<Blob>(blobId).GetContentText()).Select(item => Declaration.Of(item, null)).ToList();
            declared[(path, blobId)] = known!;
            objects.AddRange(known!);
            releases.AddRange(known!.Where(item => item.Object is ChartRelease).Select(AsLoaded));
        }
        foreach (var release in releases)
            objects.AddRange(_charts.Render(commit, release));
        _charts.Retire();

        var state = new DesiredState(ManifestRepository.Describe(commit), Index(objects));
        _previous = new Snapshot(commit.Sha, files, declared, state);
        return state;
    }

    private Dictionary<string, ObjectId> ListFiles(Commit commit)
    {
        var files = new Dictionary<string, ObjectId>(StringComparer.Ordinal);
        var root = source.Subdirectory.Length == 0 ? commit.Tree : commit[source.Subdirectory]?.Target as Tree;
        if (root is not null) AddFiles(root, source.Subdirectory, files);
        return files;
    }

    private static void AddFiles(Tree tree, string prefix, Dictionary<string, ObjectId> files)
    {
        foreach (var entry in tree)
        {
            if (entry.Name.StartsWith('.')) continue;
            var path = prefix.Length == 0 ? entry.Name : $"{prefix}/{entry.Name}";
            if (entry.Target is Tree subtree) AddFiles(subtree, path, files);
            else if (entry.TargetType == TreeEntryTargetType.Blob && RepositoryLayout.IsYaml(path)) files[path] = entry.Target.Id;
        }
    }

    /// <summary>Moves the previous file list to the new commit; a rename is a delete and an add, and costs no parse.</summary>
    private Dictionary<string, ObjectId> ApplyTreeChanges(Repository repository, Snapshot previous, Commit commit)
    {
        var files = new Dictionary<string, ObjectId>(previous.Files, StringComparer.Ordinal);
        var oldTree = repository.Lookup<Commit>(previous.Commit).Tree;
        foreach (var change in repository.Diff.Compare<TreeChanges>(oldTree, commit.Tree))
        {
            if (change.Status is ChangeKind.Deleted or ChangeKind.Renamed || change.OldPath != change.Path)
                files.Remove(change.OldPath);
            if (change.Status != ChangeKind.Deleted && change.Mode != Mode.GitLink && IsManifestFolderYaml(change.Path))
                files[change.Path] = change.Oid;
            else
                files.Remove(change.Path);
        }
        return files;
    }

    private bool IsManifestFolderYaml(string path) =>
        RepositoryLayout.IsYaml(path)
        && (source.Subdirectory.Length == 0 || path.StartsWith(source.Subdirectory + "/", StringComparison.Ordinal))
        && !RepositoryLayout.IsHidden(source.Subdirectory.Length == 0 ? path : path[(source.Subdirectory.Length + 1)..]);

    private static LoadedObject AsLoaded(DesiredObject declared) =>
        new(declared.Object, declared.Path, declared.Line, declared.Column, declared.EndLine);

    private static Dictionary<string, DesiredObject> Index(List<DesiredObject> objects)
    {
        var byKey = new Dictionary<string, DesiredObject>(StringComparer.Ordinal);
        foreach (var declared in objects)
        {
            var key = ObjectKeys.For(declared.Object);
            if (byKey.TryGetValue(key, out var first))
                throw new ManifestException(declared.Path, declared.Line, declared.Column,
                    $"{declared.Object.Kind} \"{Describe(declared.Object)}\" is also declared at {first.Path}:{first.Line}");
            byKey[key] = declared;
        }
        return byKey;
    }

    private static string Describe(KubeObject obj) => obj.Namespace is null ? obj.Name : $"{obj.Namespace}/{obj.Name}";
}
