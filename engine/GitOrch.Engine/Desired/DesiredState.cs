using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.Engine.Git;

namespace GitOrch.Engine.Desired;

/// <summary>
/// One object as Git declares it, annotated with its source, and where it was declared: a manifest's
/// document, or a chart template's rendered output.
/// </summary>
public sealed record DesiredObject(KubeObject Object, string Path, long Line, long Column, long EndLine)
{
    public string Key { get; } = ObjectKeys.For(Object);
}

/// <summary>Every object a commit declares, by store key.</summary>
public sealed record DesiredState(CommitInfo Commit, IReadOnlyDictionary<string, DesiredObject> Objects)
{
    /// <summary>What the load found that nothing applies: charts no ChartRelease refers to, files in formats no load reads.</summary>
    public IReadOnlyList<string> FileWarnings { get; init; } = [];

    /// <summary>
    /// The file warnings, then one line for each stored-only kind the commit declares, naming its first
    /// declaration (GitOrch keeps and prunes those objects, but no controller acts on them yet), then
    /// the workloads whose pods their namespace's Pod Security level will refuse.
    /// </summary>
    public IReadOnlyList<string> Warnings() =>
        [.. FileWarnings, .. Objects.Values.Where(declared => Kinds.For(declared.Object).IsStoredOnly)
            .GroupBy(declared => declared.Object.Kind)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                var first = group.OrderBy(declared => declared.Path, StringComparer.Ordinal).ThenBy(declared => declared.Line).First();
                var others = group.Count() > 1 ? $" and {group.Count() - 1} more" : "";
                return $"{first.Path}:{first.Line}: {group.Key} \"{first.Object.Name}\"{others} stored; no GitOrch controller acts on {group.Key} objects yet";
            }), .. PodSecurityWarnings.For([.. Objects.Values])];

    /// <summary>The objects alone, as a view that copies nothing.</summary>
    public IReadOnlyDictionary<string, KubeObject> ObjectsByKey() => new DesiredObjectsView(Objects);

    /// <summary>
    /// The keys whose declaration differs from <paramref name="previous"/>. Unchanged files yield the very
    /// same instances, so this is a reference comparison.
    /// </summary>
    public IReadOnlySet<string> ChangedSince(DesiredState previous)
    {
        var changed = new HashSet<string>();
        foreach (var (key, declared) in Objects)
            if (!previous.Objects.TryGetValue(key, out var before) || !ReferenceEquals(before, declared))
                changed.Add(key);
        foreach (var key in previous.Objects.Keys)
            if (!Objects.ContainsKey(key))
                changed.Add(key);
        return changed;
    }
}
