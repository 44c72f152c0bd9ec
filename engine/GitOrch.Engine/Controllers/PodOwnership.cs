using GitOrch.Api.Model;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Decides which pods a workload controls: those it owns and its selector still matches, plus orphans
/// its selector matches, which it adopts. Owned pods its selector no longer matches are released.
/// </summary>
public static class PodOwnership
{
    public static async Task<List<Pod>> ClaimAsync(ObjectClient client, KubeObject owner, LabelSelector? selector, ILogger logger, CancellationToken cancellationToken)
    {
        var claimed = new List<Pod>();
        foreach (var pod in await client.ListAsync<Pod>(owner.Namespace, cancellationToken: cancellationToken))
        {
            var matches = selector is not null && !selector.IsEmpty && selector.Matches(pod.Labels);
            var owned = pod.IsOwnedBy(owner);
            if (owned && matches)
                claimed.Add(pod);
            else if (owned)
            {
                await client.UpdateAsync(WithOwners(pod, pod.Metadata.OwnerReferences!.Where(reference => reference.Uid != owner.Metadata.Uid).ToList()), pod, cancellationToken);
                logger.LogInformation("Released pod {Namespace}/{Pod}: {Kind} {Owner}'s selector no longer matches it", pod.Namespace, pod.Name, owner.Kind, owner.Name);
            }
            else if (matches && pod.ControllerReference() is null)
            {
                claimed.Add(await client.UpdateAsync(WithOwners(pod, [.. pod.Metadata.OwnerReferences ?? [], owner.AsControllerReference()]), pod, cancellationToken));
                logger.LogInformation("Adopted pod {Namespace}/{Pod} into {Kind} {Owner}", pod.Namespace, pod.Name, owner.Kind, owner.Name);
            }
        }
        return claimed;
    }

    private static Pod WithOwners(Pod pod, List<OwnerReference> owners) =>
        pod with { Metadata = pod.Metadata with { OwnerReferences = owners.Count == 0 ? null : owners } };
}
