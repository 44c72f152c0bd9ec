using System.Globalization;
using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using Microsoft.Extensions.Logging;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Runs a StatefulSet's pods as NAME-0 … NAME-(N-1), each with a stable hostname and its own volume
/// claims, made from the claim templates before the pod and kept after it. OrderedReady creates ordinals in order, each
/// after the previous is ready, and removes them highest first; Parallel does both at once. A template
/// change rolls pods in reverse ordinal order, down to the partition, one ready pod at a time.
/// </summary>
public sealed class StatefulSetController(ControllerContext context) : Controller(context)
{
    private readonly PodOwnership _ownership = new(context.Informers);

    protected override KindInfo Primary => Kinds.StatefulSet;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.Pod, Kinds.PersistentVolumeClaim];

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var set = CachedPrimary<StatefulSet>(ns, name);
        if (set is null) return ReconcileResult.Done;
        var writes = _ownership.NewWrites(Client);
        var revision = TemplateHash.Of(set.Spec.Template);
        var replicas = set.Spec.Replicas ?? 1;
        var ordered = set.Spec.PodManagementPolicy != "Parallel";
        var pods = (await _ownership.ClaimAsync(set, set.Spec.Selector, writes, Logger, cancellationToken))
            .Select(pod => (Pod: pod, Ordinal: Ordinal(set, pod)))
            .Where(pair => pair.Ordinal is not null)
            .ToDictionary(pair => pair.Ordinal!.Value, pair => pair.Pod);

        foreach (var failed in pods.Where(pair => pair.Value.Status?.Phase == PodPhases.Failed).ToList())
        {
            await writes.DeleteAsync(failed.Value, cancellationToken);
            pods.Remove(failed.Key);
        }
        // Scale up, lowest missing ordinal first.
        var refused = false;
        for (var i = 0; i < replicas; i++)
        {
            if (pods.ContainsKey(i)) continue;
            if (ordered && Enumerable.Range(0, i).Any(lower => !pods.TryGetValue(lower, out var pod) || !PodConditions.IsReady(pod))) break;
            var admitted = await PodAdmission.AdmitAsync(Context, set, set.Spec.Template, 1, cancellationToken);
            if (admitted.Pods == 0)
            {
                refused = true;
                break;
            }
            await EnsureClaimsAsync(set, i, cancellationToken);
            pods[i] = await writes.CreateAsync(NewPod(set, admitted.Template, i, revision), cancellationToken);
            await Events.RecordAsync(set, EventTypes.Normal, "SuccessfulCreate", $"create Pod {pods[i].Name} in StatefulSet {name}", cancellationToken);
            if (ordered) break;
        }
        // Scale down, highest ordinal first.
        foreach (var ordinal in pods.Keys.Where(i => i >= replicas).OrderDescending().ToList())
        {
            if (ordered && pods.Where(pair => pair.Key < ordinal).Any(pair => !PodConditions.IsReady(pair.Value))) break;
            await writes.DeleteAsync(pods[ordinal], cancellationToken);
            await Events.RecordAsync(set, EventTypes.Normal, "SuccessfulDelete", $"delete Pod {pods[ordinal].Name} in StatefulSet {name}", cancellationToken);
            pods.Remove(ordinal);
            if (ordered) break;
        }
        await DeleteScaledDownClaimsAsync(set, pods, cancellationToken);
        await RollAsync(set, writes, pods, revision, cancellationToken);
        await writes.SeenAsync(cancellationToken);
        await WriteStatusAsync(set, pods.Values.ToList(), revision, cancellationToken);
        return refused ? ReconcileResult.After(PodAdmission.RetryAfter) : ReconcileResult.Done;
    }

    /// <summary>
    /// Makes the ordinal's claims that do not exist yet, from the templates. They outlive the set unless
    /// its retention policy says Delete, in which case the set owns them and they go with it.
    /// </summary>
    private async Task EnsureClaimsAsync(StatefulSet set, int ordinal, CancellationToken cancellationToken)
    {
        var claims = Context.Informers.For(Kinds.PersistentVolumeClaim);
        var owned = set.Spec.PersistentVolumeClaimRetentionPolicy?.WhenDeleted == VolumePhases.Delete;
        foreach (var template in set.Spec.VolumeClaimTemplates ?? [])
        {
            var name = ClaimName(template.Metadata.Name!, set.Name, ordinal);
            if (claims.Get(ObjectKeys.For(Kinds.PersistentVolumeClaim, set.Namespace, name)) is not null) continue;
            var claim = new PersistentVolumeClaim
            {
                ApiVersion = Kinds.PersistentVolumeClaim.ApiVersion,
                Kind = Kinds.PersistentVolumeClaim.Kind,
                Metadata = template.Metadata with
                {
                    Name = name,
                    Namespace = set.Namespace,
                    Labels = new Dictionary<string, string>(set.Spec.Selector?.MatchLabels ?? []).Concat(template.Metadata.Labels ?? []).DistinctBy(pair => pair.Key).ToDictionary(),
                    Annotations = new Dictionary<string, string>(template.Metadata.Annotations ?? []) { [WellKnown.CreatedBy] = $"StatefulSet/{set.Name}" },
                    OwnerReferences = owned ? [set.AsControllerReference()] : null,
                },
                Spec = template.Spec,
            };
            if (await CreateIfMissingAsync(claim, cancellationToken))
                await Events.RecordAsync(set, EventTypes.Normal, "SuccessfulCreate", $"create Claim {name} for Pod {set.Name}-{ordinal} in StatefulSet {set.Name}", cancellationToken);
        }
    }

    /// <summary>With whenScaled: Delete, the claims of ordinals scaled away go once their pods are gone.</summary>
    private async Task DeleteScaledDownClaimsAsync(StatefulSet set, Dictionary<int, Pod> pods, CancellationToken cancellationToken)
    {
        if (set.Spec.PersistentVolumeClaimRetentionPolicy?.WhenScaled != VolumePhases.Delete) return;
        var prefixes = (set.Spec.VolumeClaimTemplates ?? []).Select(template => $"{template.Metadata.Name}-{set.Name}-").ToList();
        foreach (var claim in Context.Informers.For(Kinds.PersistentVolumeClaim).Objects.OfType<PersistentVolumeClaim>().Where(claim => claim.Namespace == set.Namespace))
        {
            var prefix = prefixes.FirstOrDefault(prefix => claim.Name.StartsWith(prefix, StringComparison.Ordinal));
            if (prefix is null || !int.TryParse(claim.Name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)) continue;
            if (ordinal < (set.Spec.Replicas ?? 1) || pods.ContainsKey(ordinal)) continue;
            await Client.DeleteAsync(claim, cancellationToken);
        }
    }

    /// <summary>Replaces the highest outdated ordinal at or above the partition, when every pod is ready.</summary>
    private async Task RollAsync(StatefulSet set, OwnWrites writes, Dictionary<int, Pod> pods, string revision, CancellationToken cancellationToken)
    {
        if (set.Spec.UpdateStrategy?.Type == "OnDelete") return;
        if (pods.Count != (set.Spec.Replicas ?? 1) || pods.Values.Any(pod => !PodConditions.IsReady(pod))) return;
        var partition = set.Spec.UpdateStrategy?.RollingUpdate?.Partition ?? 0;
        var outdated = pods.Where(pair => pair.Key >= partition && RevisionOf(pair.Value) != revision).OrderByDescending(pair => pair.Key).FirstOrDefault();
        if (outdated.Value is null) return;
        await writes.DeleteAsync(outdated.Value, cancellationToken);
        pods.Remove(outdated.Key);
        Logger.LogInformation("Replacing pod {Namespace}/{Pod} with revision {Revision}", set.Namespace, outdated.Value.Name, revision);
    }

    private async Task WriteStatusAsync(StatefulSet set, List<Pod> pods, string revision, CancellationToken cancellationToken)
    {
        var updated = pods.Count(pod => RevisionOf(pod) == revision);
        var current = updated == pods.Count && pods.Count == (set.Spec.Replicas ?? 1) ? revision : set.Status?.CurrentRevision ?? revision;
        var status = new StatefulSetStatus
        {
            Replicas = pods.Count,
            ReadyReplicas = pods.Count(PodConditions.IsReady),
            CurrentReplicas = pods.Count(pod => RevisionOf(pod) == current),
            UpdatedReplicas = updated,
            CurrentRevision = current,
            UpdateRevision = revision,
            ObservedGeneration = set.Metadata.Generation,
        };
        if (status != set.Status) await Client.PutStatusAsync(set, status, cancellationToken);
    }

    private static string? RevisionOf(Pod pod) => pod.Labels.GetValueOrDefault(WellKnown.ControllerRevisionHash);

    private static int? Ordinal(StatefulSet set, Pod pod) =>
        pod.Name.StartsWith(set.Name + "-", StringComparison.Ordinal)
        && int.TryParse(pod.Name.AsSpan(set.Name.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            ? ordinal
            : null;

    /// <summary>The claim of one template for one ordinal, named as Kubernetes names it: TEMPLATE-SET-ORDINAL.</summary>
    public static string ClaimName(string template, string set, int ordinal) => $"{template}-{set}-{ordinal}";

    private static Pod NewPod(StatefulSet set, PodTemplateSpec template, int ordinal, string revision)
    {
        var name = $"{set.Name}-{ordinal}";
        var labels = new Dictionary<string, string> { [WellKnown.StatefulSetPodName] = name, [WellKnown.ControllerRevisionHash] = revision };
        return PodFactory.FromTemplate(set, template, name, labels, spec =>
        {
            var volumes = (spec.Volumes ?? []).Concat((set.Spec.VolumeClaimTemplates ?? []).Select(claim => new Volume
            {
                Name = claim.Metadata.Name!,
                PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = ClaimName(claim.Metadata.Name!, set.Name, ordinal) },
            })).ToList();
            return spec with { Hostname = name, Subdomain = set.Spec.ServiceName, Volumes = volumes.Count == 0 ? null : volumes };
        });
    }
}
