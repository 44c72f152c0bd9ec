using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Git;
using LibGit2Sharp;

using GitOrch.Engine.Charts.Repositories;

namespace GitOrch.Engine.Desired;

/// <summary>
/// Reads what a commit declares. After the first commit it diffs trees from the commit it loaded last,
/// parses only the files that changed and updates its index of objects in place of rebuilding it, so the
/// cost follows the size of the change, not of the repository. Charts re-render only when their inputs
/// changed.
/// </summary>
/// <param name="chartRepository">Where ChartReleases that name a chart repository fetch from; by default, through the cache in gitorch's home.</param>
public sealed class DesiredStateLoader(ManifestRepository source, SealedSecretOpener? sealedSecrets = null, ChartRepository? chartRepository = null)
{
    private readonly SealedSecretOpener _sealedSecrets = sealedSecrets ?? SealedSecretOpener.WithDefaultKey();
    private readonly ChartReleaseRenderer _charts = new(source.Subdirectory, chartRepository ?? ChartRepository.Default);
    private readonly KustomizationRenderer _kustomizations = new(source.Subdirectory);
    private Snapshot? _previous;

    private sealed record DeclaredFile(ObjectId Blob, IReadOnlyList<DesiredObject> Objects);

    /// <summary>
    /// Each manifest file's objects, every object by key (chart and kustomize output included), which keys
    /// are ChartReleases, and the rendered output, which every load renders again (from its caches).
    /// </summary>
    private sealed record Declarations(
        Dictionary<string, DeclaredFile> Files,
        Dictionary<string, DesiredObject> Index,
        HashSet<string> ReleaseKeys,
        IReadOnlyList<DesiredObject> RenderedOutputs)
    {
        public static Declarations Empty() => new(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), []);

        public Declarations Copy() => new(new(Files, StringComparer.Ordinal), new(Index, StringComparer.Ordinal), new(ReleaseKeys, StringComparer.Ordinal), RenderedOutputs);
    }

    /// <summary>
    /// A loaded commit, with the folders whose files are rendered rather than loaded (charts, and
    /// kustomization files), and the files in formats no load reads.
    /// </summary>
    private sealed record Snapshot(string Commit, Declarations Declarations, HashSet<string> ChartFolders, IReadOnlyList<string> Kustomizations,
        HashSet<string> NeverRead, DesiredState State);

    /// <summary>The state of the commit loaded last, if any: what an incremental plan compares with.</summary>
    public DesiredState? Last => _previous?.State;

    public DesiredState Load(string revision = "HEAD")
    {
        using var repository = source.OpenGit();
        var commit = ManifestRepository.FindCommit(repository, revision);
        if (_previous?.Commit == commit.Sha) return _previous.State;

        var neverRead = new HashSet<string>(_previous?.NeverRead ?? [], StringComparer.Ordinal);
        var changes = _previous is null ? null : ChangedFiles(repository, _previous.Commit, commit, neverRead);
        var snapshot = changes is null || changes.Keys.Any(path => IsChartYaml(path) || AddsOrRemovesKustomization(path, changes[path]))
            ? Build(repository, commit, Declarations.Empty(), ListFiles(commit, neverRead = new(StringComparer.Ordinal)), chartFolders: null, kustomizations: null, neverRead)
            : Build(repository, commit, _previous!.Declarations.Copy(), changes, _previous.ChartFolders, _previous.Kustomizations, neverRead);
        _previous = snapshot;
        return snapshot.State;
    }

    /// <summary>Applies file changes (a null blob is a deletion) to a copy of the declarations; on any error the previous snapshot stays.</summary>
    private Snapshot Build(Repository repository, Commit commit, Declarations declarations, Dictionary<string, ObjectId?> changes,
        HashSet<string>? chartFolders, IReadOnlyList<string>? kustomizations, HashSet<string> neverRead)
    {
        chartFolders ??= RepositoryLayout.ChartFolders(changes.Keys);
        kustomizations ??= changes.Keys.Where(RepositoryLayout.IsKustomizationFile).ToList();
        var kustomize = _kustomizations.PlanFor(commit, kustomizations);
        var ordered = changes.OrderBy(change => change.Key, StringComparer.Ordinal).ToList();
        foreach (var output in declarations.RenderedOutputs)
            declarations.Index.Remove(output.Key);
        foreach (var (path, _) in ordered)
            if (declarations.Files.Remove(path, out var old))
                foreach (var declared in old.Objects)
                    Remove(declarations, declared);
        var errors = new LoadErrors();
        var manifests = ordered
            .Where(change => change.Value is not null && RepositoryLayout.IsManifest(change.Key, chartFolders) && !kustomize.Owns(change.Key))
            .Select(change => (Path: change.Key, Blob: change.Value!, Content: ManifestRepository.ReadBlob(repository.Lookup<Blob>(change.Value))))
            // Files that define kinds load first, so that custom resources in any other file find their kind.
            .OrderBy(manifest => manifest.Content.AsSpan().IndexOf("CustomResourceDefinition"u8) >= 0 ? 0 : 1)
            .ToList();
        foreach (var (path, blob, content) in manifests)
        {
            errors.Try(() =>
            {
                RefuseSymbolicLink(commit, path, content);
                var objects = ManifestLoader.Load(path, content).Select(loaded => _sealedSecrets.Open(Declaration.Of(loaded))).ToList();
                declarations.Files[path] = new DeclaredFile(blob, objects);
                foreach (var declared in objects)
                    errors.Try(() => Add(declarations, declared));
            });
        }

        var outputs = new List<DesiredObject>();
        var releases = declarations.ReleaseKeys.Order(StringComparer.Ordinal).Select(key => AsLoaded(declarations.Index[key])).ToList();
        var referenced = ChartsReferenced(declarations);
        var folderReleases = FolderChartReleases.For(commit, chartFolders, referenced, source.Subdirectory).ToList();
        releases.AddRange(folderReleases);
        foreach (var release in releases)
            errors.Try(() => outputs.AddRange(_charts.Render(commit, release, declarations.Index).Select(_sealedSecrets.Open)));
        _charts.Retire();
        errors.Try(() => outputs.AddRange(_kustomizations.Render(commit, kustomize).Select(_sealedSecrets.Open)));
        foreach (var output in outputs)
            errors.Try(() => Add(declarations, output));
        foreach (var missing in IngressReferences.Missing(declarations.Index))
            errors.Try(() => throw missing);
        errors.ThrowIfAny();

        var state = new DesiredState(ManifestRepository.Describe(commit), declarations.Index)
        {
            FileWarnings = [.. UnappliedFiles.UnreferencedCharts(chartFolders, referenced.Concat(folderReleases.Select(release => FolderOf(release.Path))).ToHashSet(StringComparer.Ordinal)),
                .. UnappliedFiles.NeverRead(neverRead.Where(path => !kustomize.Owns(path) && !RepositoryLayout.IsInChart(path, chartFolders)).ToList())],
        };
        return new Snapshot(commit.Sha, declarations with { RenderedOutputs = outputs }, chartFolders, kustomizations, neverRead, state);
    }

    /// <summary>Git stores a link as a file holding its target; it is never followed, so it could only ever be read as that text.</summary>
    private static void RefuseSymbolicLink(Commit commit, string path, byte[] content)
    {
        if (commit[path]?.Mode == Mode.SymbolicLink)
            throw new ManifestException(path, 1, 1, $"the file is a symbolic link to \"{System.Text.Encoding.UTF8.GetString(content)}\"; manifests must be regular files, and links are never followed");
    }

    private HashSet<string> ChartsReferenced(Declarations declarations) =>
        declarations.ReleaseKeys.Select(key => declarations.Index[key].Object).OfType<ChartRelease>().Where(release => release.Spec.Repository is null)
            .Select(release => RepositoryLayout.Resolve(source.Subdirectory, release.Spec.Chart)).OfType<string>().ToHashSet(StringComparer.Ordinal);

    private static void Add(Declarations declarations, DesiredObject declared)
    {
        if (Kinds.For(declared.Object).WrittenByCluster)
            throw new ManifestException(declared.Path, declared.Line, declared.Column,
                $"{declared.Object.Kind} \"{Describe(declared.Object)}\": {declared.Object.Kind} objects are written by the cluster itself and cannot be declared in Git");
        if (declarations.Index.TryGetValue(declared.Key, out var first))
            throw new ManifestException(declared.Path, declared.Line, declared.Column,
                $"{declared.Object.Kind} \"{Describe(declared.Object)}\" is also declared at {first.Path}:{first.Line}");
        declarations.Index[declared.Key] = declared;
        if (declared.Object is ChartRelease) declarations.ReleaseKeys.Add(declared.Key);
    }

    private static void Remove(Declarations declarations, DesiredObject declared)
    {
        declarations.Index.Remove(declared.Key);
        declarations.ReleaseKeys.Remove(declared.Key);
    }

    /// <summary>Every YAML file of the manifest folder, as additions to an empty state; the files no load reads go to <paramref name="neverRead"/>.</summary>
    private Dictionary<string, ObjectId?> ListFiles(Commit commit, HashSet<string> neverRead)
    {
        var files = new Dictionary<string, ObjectId?>(StringComparer.Ordinal);
        var root = source.Subdirectory.Length == 0 ? commit.Tree : commit[source.Subdirectory]?.Target as Tree;
        if (root is not null) AddFiles(root, source.Subdirectory, files, neverRead);
        return files;
    }

    private static void AddFiles(Tree tree, string prefix, Dictionary<string, ObjectId?> files, HashSet<string> neverRead)
    {
        foreach (var entry in tree)
        {
            if (entry.Name.StartsWith('.')) continue;
            var path = prefix.Length == 0 ? entry.Name : $"{prefix}/{entry.Name}";
            if (entry.Target is Tree subtree) AddFiles(subtree, path, files, neverRead);
            else if (entry.TargetType != TreeEntryTargetType.Blob) continue;
            else if (RepositoryLayout.IsSourceFile(path)) files[path] = entry.Target.Id;
            else if (RepositoryLayout.IsNeverRead(path)) neverRead.Add(path);
        }
    }

    /// <summary>
    /// The manifest folder's YAML files that differ between the commits; a rename is a deletion and an
    /// addition. Files no load reads that were added or removed update <paramref name="neverRead"/>.
    /// </summary>
    private Dictionary<string, ObjectId?> ChangedFiles(Repository repository, string fromCommit, Commit commit, HashSet<string> neverRead)
    {
        var oldTree = repository.Lookup<Commit>(fromCommit).Tree;
        var treeChanges = repository.Diff.Compare<TreeChanges>(oldTree, commit.Tree, new CompareOptions { Similarity = SimilarityOptions.None });
        var changes = new Dictionary<string, ObjectId?>(StringComparer.Ordinal);
        foreach (var change in treeChanges)
            if (IsManifestFolderYaml(change.OldPath))
                changes[change.OldPath] = null;
        foreach (var change in treeChanges)
            if (change.Status != ChangeKind.Deleted && change.Mode != Mode.GitLink && IsManifestFolderYaml(change.Path))
                changes[change.Path] = change.Oid;
        foreach (var change in treeChanges.Where(change => RepositoryLayout.IsNeverRead(change.OldPath) || RepositoryLayout.IsNeverRead(change.Path)))
        {
            neverRead.Remove(change.OldPath);
            if (change.Status != ChangeKind.Deleted && source.Holds(change.Path)) neverRead.Add(change.Path);
        }
        return changes;
    }

    private bool IsManifestFolderYaml(string path) => RepositoryLayout.IsSourceFile(path) && source.Holds(path);

    /// <summary>
    /// A new or deleted kustomization changes which files are loaded on their own; an edited one does not,
    /// as kustomize reads files only in or below a kustomization's folder.
    /// </summary>
    private bool AddsOrRemovesKustomization(string path, ObjectId? blob) =>
        RepositoryLayout.IsKustomizationFile(path) && (blob is null || !_previous!.Kustomizations.Contains(path));

    private static bool IsChartYaml(string path) => path == "Chart.yaml" || path.EndsWith("/Chart.yaml", StringComparison.Ordinal);

    private static string FolderOf(string chartYaml) => chartYaml.Contains('/') ? chartYaml[..chartYaml.LastIndexOf('/')] : "";

    private static LoadedObject AsLoaded(DesiredObject declared) =>
        new(declared.Object, declared.Path, declared.Line, declared.Column, declared.EndLine);

    private static string Describe(KubeObject obj) => obj.Namespace is null ? obj.Name : $"{obj.Namespace}/{obj.Name}";
}
