using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Decides which pods a workload controls: those it owns and its selector still matches, plus orphans
/// its selector matches, which it adopts. Owned pods its selector no longer matches are released. It
/// reads the process's pod cache through two indexes, by owner and orphans by namespace, so a claim
/// costs the workload's own pods, not every pod in the namespace.
/// </summary>
public sealed class PodOwnership
{
    private const string ByOwner = "owner-uid";
    private const string OrphansByNamespace = "orphans";

    private readonly ObjectCache _pods;

    public PodOwnership(SharedInformers informers)
    {
        _pods = informers.For(Kinds.Pod);
        _pods.AddIndex(ByOwner, pod => pod.Metadata.OwnerReferences?.Select(owner => owner.Uid) ?? []);
        _pods.AddIndex(OrphansByNamespace, pod => pod.ControllerReference() is null ? [pod.Namespace ?? ""] : []);
    }

    /// <summary>The way one reconcile writes pods, so that it can wait for the cache to see its writes before it ends.</summary>
    public OwnWrites NewWrites(ObjectClient client) => new(client, _pods);

    public async Task<List<Pod>> ClaimAsync(KubeObject owner, LabelSelector? selector, OwnWrites writes, ILogger logger, CancellationToken cancellationToken)
    {
        var claimed = new List<Pod>();
        var candidates = _pods.ByIndex(ByOwner, owner.Metadata.Uid ?? "").Concat(_pods.ByIndex(OrphansByNamespace, owner.Namespace ?? "")).OfType<Pod>().DistinctBy(pod => pod.Name);
        foreach (var pod in candidates.ToList())
        {
            var matches = selector is not null && !selector.IsEmpty && selector.Matches(pod.Labels);
            var owned = pod.IsOwnedBy(owner);
            if (owned && matches)
                claimed.Add(pod);
            else if (owned)
            {
                await writes.UpdateAsync(WithOwners(pod, pod.Metadata.OwnerReferences!.Where(reference => reference.Uid != owner.Metadata.Uid).ToList()), pod, cancellationToken);
                logger.LogInformation("Released pod {Namespace}/{Pod}: {Kind} {Owner}'s selector no longer matches it", pod.Namespace, pod.Name, owner.Kind, owner.Name);
            }
            else if (matches && pod.ControllerReference() is null)
            {
                claimed.Add(await writes.UpdateAsync(WithOwners(pod, [.. pod.Metadata.OwnerReferences ?? [], owner.AsControllerReference()]), pod, cancellationToken));
                logger.LogInformation("Adopted pod {Namespace}/{Pod} into {Kind} {Owner}", pod.Namespace, pod.Name, owner.Kind, owner.Name);
            }
        }
        return claimed;
    }

    private static Pod WithOwners(Pod pod, List<OwnerReference> owners) =>
        pod with { Metadata = pod.Metadata with { OwnerReferences = owners.Count == 0 ? null : owners } };
}
