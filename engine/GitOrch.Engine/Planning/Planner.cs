using GitOrch.Api.Model;

namespace GitOrch.Engine.Planning;

/// <summary>Compares desired objects with live ones, key by key, giving creates, updates and deletes.</summary>
public static class Planner
{
    /// <param name="commit">The commit recorded on every written object.</param>
    /// <param name="keys">The keys to compare: just the ones a commit touched, or (null) all of both sides.</param>
    public static IReadOnlyList<Change> Plan(string commit, IReadOnlyDictionary<string, KubeObject> desired,
        IReadOnlyDictionary<string, KubeObject> live, IEnumerable<string>? keys = null)
    {
        var changes = new List<Change>();
        foreach (var key in (keys ?? AllKeys(desired, live)).Distinct())
        {
            var wanted = desired.GetValueOrDefault(key);
            var current = live.GetValueOrDefault(key);
            if (wanted is not null)
            {
                var target = WithCommit(wanted, commit);
                if (current is null) changes.Add(new Change(ChangeAction.Create, target, null));
                else if (!SemanticComparer.AreEqual(target, current)) changes.Add(new Change(ChangeAction.Update, target, current));
            }
            else if (current is not null && IsManagedByGit(current))
                changes.Add(new Change(ChangeAction.Delete, current, current));
        }
        return Order(changes);
    }

    /// <summary>Every key on either side: the full comparison.</summary>
    public static IEnumerable<string> AllKeys(IReadOnlyDictionary<string, KubeObject> desired, IReadOnlyDictionary<string, KubeObject> live) =>
        desired.Keys.Concat(live.Keys);

    public static bool IsManagedByGit(KubeObject obj) => obj.Annotation(WellKnown.ManagedBy) == WellKnown.ManagedByGit;

    /// <summary>Namespaces first and workloads last when writing; the reverse when deleting.</summary>
    private static List<Change> Order(List<Change> changes) =>
        changes
            .OrderBy(change => change.Action == ChangeAction.Delete ? 1 : 0)
            .ThenBy(change => change.Action == ChangeAction.Delete ? -Kinds.For(change.Object).ApplyOrder : Kinds.For(change.Object).ApplyOrder)
            .ThenBy(change => change.Key, StringComparer.Ordinal)
            .ToList();

    private static KubeObject WithCommit(KubeObject obj, string commit)
    {
        return obj with { Metadata = obj.Metadata.WithAnnotation(WellKnown.SourceCommit, commit) };
    }
}
