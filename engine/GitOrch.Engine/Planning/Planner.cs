using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;

namespace GitOrch.Engine.Planning;

/// <summary>Compares a commit's objects with the live objects that Git manages, giving creates, updates and deletes.</summary>
public static class Planner
{
    public static IReadOnlyList<Change> Plan(string commit, IEnumerable<LoadedObject> desired, IEnumerable<KubeObject> live)
    {
        var liveByKey = live.ToDictionary(ObjectKeys.For);
        var changes = new List<Change>();
        var desiredKeys = new HashSet<string>();
        foreach (var loaded in desired)
        {
            var key = ObjectKeys.For(loaded.Object);
            desiredKeys.Add(key);
            var target = Annotate(loaded.Object, commit, loaded.Path);
            if (!liveByKey.TryGetValue(key, out var current))
                changes.Add(new Change(ChangeAction.Create, target, null));
            else if (!SemanticComparer.AreEqual(target, current))
                changes.Add(new Change(ChangeAction.Update, target, current));
        }
        foreach (var (key, current) in liveByKey)
            if (!desiredKeys.Contains(key) && IsManagedByGit(current))
                changes.Add(new Change(ChangeAction.Delete, current, current));
        return Order(changes);
    }

    public static bool IsManagedByGit(KubeObject obj) => obj.Annotation(WellKnown.ManagedBy) == WellKnown.ManagedByGit;

    /// <summary>Namespaces first and workloads last when writing; the reverse when deleting.</summary>
    private static List<Change> Order(List<Change> changes) =>
        changes
            .OrderBy(change => change.Action == ChangeAction.Delete ? 1 : 0)
            .ThenBy(change => change.Action == ChangeAction.Delete ? -Kinds.For(change.Object).ApplyOrder : Kinds.For(change.Object).ApplyOrder)
            .ThenBy(change => ObjectKeys.For(change.Object), StringComparer.Ordinal)
            .ToList();

    private static KubeObject Annotate(KubeObject obj, string commit, string path)
    {
        var annotations = new Dictionary<string, string>(obj.Metadata.Annotations ?? [])
        {
            [WellKnown.SourceCommit] = commit,
            [WellKnown.SourcePath] = path,
            [WellKnown.ManagedBy] = WellKnown.ManagedByGit,
        };
        return obj with { Metadata = obj.Metadata with { Annotations = annotations } };
    }
}
