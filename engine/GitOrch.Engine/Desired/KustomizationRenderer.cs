using GitOrch.Api.Serialization;
using GitOrch.Engine.Kustomize;
using LibGit2Sharp;
using GitOrch.Engine.Git;

namespace GitOrch.Engine.Desired;

/// <summary>
/// Renders a commit's kustomizations with the real kustomize. A kustomization that another one builds on
/// is a base and is rendered only through it; the others are roots. The files in and below a
/// kustomization's folder belong to kustomize (which reads no others) and are not loaded on their own. Output is
/// cached under the Git ids of every folder and file a root reads, through its bases too (a base outside
/// the manifest folder makes the whole tree the key), so a root re-renders only when one of them changed, and an object a re-render left as it was keeps its instance,
/// so the plan reads only what changed.
/// </summary>
internal sealed class KustomizationRenderer(string manifestRoot)
{
    private Dictionary<string, IReadOnlyList<DesiredObject>> _cache = new(StringComparer.Ordinal);
    private Dictionary<string, IReadOnlyList<DesiredObject>> _lastByRoot = new(StringComparer.Ordinal);

    /// <summary>The kustomizations of a commit, parsed: which are roots, and which paths they own.</summary>
    public sealed record Plan(IReadOnlyList<KustomizationFile> Roots, IReadOnlyDictionary<string, KustomizationFile> ByFolder)
    {
        public bool Owns(string path) => ByFolder.Keys.Any(folder => folder.Length == 0 || path.StartsWith(folder + "/", StringComparison.Ordinal));
    }

    public Plan PlanFor(Commit commit, IEnumerable<string> kustomizationPaths)
    {
        var files = kustomizationPaths.Order(StringComparer.Ordinal)
            .Select(path => KustomizationFile.Parse(path, (commit[path].Target as Blob)!.GetContentText())).ToList();
        var byFolder = files.GroupBy(file => file.Folder).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        var referenced = files.SelectMany(file => file.References.Select(reference => Resolve(file, reference))).Where(byFolder.ContainsKey).ToHashSet(StringComparer.Ordinal);
        return new Plan(files.Where(file => !referenced.Contains(file.Folder)).ToList(), byFolder);
    }

    public IReadOnlyList<DesiredObject> Render(Commit commit, Plan plan)
    {
        var used = new Dictionary<string, IReadOnlyList<DesiredObject>>(StringComparer.Ordinal);
        var byRoot = new Dictionary<string, IReadOnlyList<DesiredObject>>(StringComparer.Ordinal);
        using var checkout = new KustomizeCheckout(commit);
        var outputs = new List<DesiredObject>();
        foreach (var root in plan.Roots)
        {
            var reads = Reads(root, plan);
            if (reads.Any(path => !IsInManifestFolder(path))) reads.Add("");
            var key = $"{root.Path}|{string.Join(',', reads.Order(StringComparer.Ordinal).Select(path => $"{path}={IdOf(commit, path)}"))}";
            if (!_cache.TryGetValue(key, out var rendered))
            {
                var yaml = KustomizeCommand.Build(checkout.With(reads), root.Folder, root.Path);
                rendered = KeepUnchanged(ManifestLoader.Load(root.Path, yaml).Select(loaded => Declaration.Of(loaded)).ToList(),
                    _lastByRoot.GetValueOrDefault(root.Path) ?? []);
            }
            used[key] = rendered;
            byRoot[root.Path] = rendered;
            outputs.AddRange(rendered);
        }
        (_cache, _lastByRoot) = (used, byRoot);
        return outputs;
    }

    private static List<DesiredObject> KeepUnchanged(List<DesiredObject> rendered, IReadOnlyList<DesiredObject> before)
    {
        var previous = before.ToDictionary(declared => declared.Key, StringComparer.Ordinal);
        return rendered.Select(declared => previous.GetValueOrDefault(declared.Key) is { } old && old.Line == declared.Line
            && ObjectJson.ToBytes(old.Object).AsSpan().SequenceEqual(ObjectJson.ToBytes(declared.Object)) ? old : declared).ToList();
    }

    private static string? IdOf(Commit commit, string path) => path.Length == 0 ? commit.Tree.Sha : commit[path]?.Target.Sha;

    /// <summary>The folders and files a root reads: its own folder, and what it names, through its bases.</summary>
    private static HashSet<string> Reads(KustomizationFile root, Plan plan)
    {
        var reads = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<KustomizationFile>([root]);
        while (pending.TryPop(out var file))
        {
            if (!reads.Add(file.Folder)) continue;
            foreach (var target in file.References.Select(reference => Resolve(file, reference)))
                if (plan.ByFolder.TryGetValue(target, out var basis)) pending.Push(basis);
                else reads.Add(target);
        }
        return reads;
    }

    private bool IsInManifestFolder(string path) =>
        manifestRoot.Length == 0 || path == manifestRoot || path.StartsWith(manifestRoot + "/", StringComparison.Ordinal);

    /// <summary>A reference joined onto the kustomization's folder; one that leaves the repository is an error.</summary>
    private static string Resolve(KustomizationFile file, string reference) =>
        (reference.StartsWith('/') ? null : RepositoryLayout.Resolve("", file.Folder.Length == 0 ? reference : $"{file.Folder}/{reference}"))
        ?? throw new ManifestException(file.Path, 1, 1, $"\"{reference}\" leaves the repository; a kustomization may only build on files in it");
}
