using GitOrch.Api.Model;

namespace GitOrch.Cli;

/// <summary>One kind <c>get</c> lists, with the object name asked for, if any.</summary>
public sealed record GetTarget(KindInfo Kind, string? Name);

/// <summary>
/// What <c>get</c> was asked for: <c>pods</c>, <c>pod/web</c>, <c>deploy,svc</c> or <c>all</c>.
/// Several kinds are <see cref="Grouped"/>: one table each, names written KIND/NAME, as kubectl prints them.
/// </summary>
public sealed record GetTargets(IReadOnlyList<GetTarget> Targets, bool Grouped)
{
    /// <summary>kubectl's "all": the workloads and the Services in front of them.</summary>
    private static readonly KindInfo[] AllCategory =
        [Kinds.Pod, Kinds.Service, Kinds.DaemonSet, Kinds.Deployment, Kinds.ReplicaSet, Kinds.ReplicationController, Kinds.StatefulSet, Kinds.Job, Kinds.CronJob];

    public static GetTargets Parse(string text, string? name)
    {
        if (KindAndName.TrySplit(text, name) is var (kind, objectName))
            return new([new GetTarget(kind, objectName)], Grouped: false);
        var parts = text.Split(',');
        var kinds = parts.SelectMany(part => part == "all" ? AllCategory : [KindArgument.Resolve(part)]).Distinct().ToList();
        return new(kinds.Select(kind => new GetTarget(kind, name)).ToList(), Grouped: parts.Length > 1 || text == "all");
    }
}
