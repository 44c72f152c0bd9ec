using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Planning;
using GitOrch.Engine.Releases;
using GitOrch.Store;

namespace GitOrch.Engine.Sync;

/// <summary>What <c>apply -f</c> did to one object: created, configured or unchanged.</summary>
public sealed record UnmanagedOutcome(KubeObject Object, string Verb);

/// <summary>
/// <c>apply -f</c> and <c>create</c>: writes objects no commit declares, marked as written by apply so
/// that they are neither orphans nor pruned by a sync, and <c>delete</c> takes them without --force. An
/// object Git declares is refused, with the file to change instead. Every object is checked before any
/// is written, so a refusal writes nothing.
/// </summary>
public sealed class UnmanagedApply(ObjectClient client)
{
    public async Task<IReadOnlyList<UnmanagedOutcome>> ApplyAsync(IReadOnlyList<LoadedObject> loaded, bool createOnly, bool dryRun, CancellationToken cancellationToken)
    {
        var declared = await new ReleaseStore(client.Store).LatestDeclaredKeysAsync(cancellationToken);
        var planned = new List<(KubeObject Wanted, KubeObject? Live)>();
        foreach (var (obj, path, line, _, _) in loaded)
        {
            var info = Kinds.For(obj);
            var name = Change.ObjectName(obj);
            if (info.WrittenByCluster)
                throw new PlanRefusedException($"{path}:{line}: {name}: {obj.Kind} objects are written by the cluster itself");
            var live = await client.GetAsync(info, obj.Namespace, obj.Name, cancellationToken);
            if (live is not null && Planner.IsManagedByGit(live) || declared.Contains(ObjectKeys.For(obj)))
                throw new PlanRefusedException($"{path}:{line}: {name} is declared in Git ({live?.Annotation(WellKnown.SourcePath) ?? "the latest release"}); change it there and commit");
            if (createOnly && live is not null)
                throw new PlanRefusedException($"{path}:{line}: {name} already exists");
            planned.Add((Marked(obj), live));
        }
        var outcomes = new List<UnmanagedOutcome>();
        foreach (var (wanted, live) in planned)
        {
            if (live is not null && SemanticComparer.AreEqual(wanted, live))
                outcomes.Add(new UnmanagedOutcome(live, "unchanged"));
            else if (dryRun)
                outcomes.Add(new UnmanagedOutcome(wanted, live is null ? "created" : "configured"));
            else if (live is null)
                outcomes.Add(new UnmanagedOutcome(await client.CreateAsync(wanted, cancellationToken), "created"));
            else
                outcomes.Add(new UnmanagedOutcome(await client.UpdateAsync(wanted with { Metadata = wanted.Metadata with
                {
                    Uid = live.Metadata.Uid, ResourceVersion = live.Metadata.ResourceVersion,
                    CreationTimestamp = live.Metadata.CreationTimestamp, Generation = live.Metadata.Generation,
                } }, live, cancellationToken), "configured"));
        }
        return outcomes;
    }

    private static KubeObject Marked(KubeObject obj) => obj with
    {
        Metadata = obj.Metadata with
        {
            Annotations = new Dictionary<string, string>(obj.Metadata.Annotations ?? []) { [WellKnown.ManagedBy] = WellKnown.ManagedByApply },
        },
    };
}
