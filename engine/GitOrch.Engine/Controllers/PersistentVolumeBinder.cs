using System.Collections.Concurrent;
using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Engine.Reconciling;
using GitOrch.Engine.Storage;
using GitOrch.Store;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Binds each claim to a volume, as Kubernetes' volume binder does: the volume it names or that is
/// reserved for it, else the smallest free one that fits, else one its class provisions. For the
/// local-path class, provisioning waits for a node: the scheduler picks it with the claim's first pod
/// (WaitForFirstConsumer), or this binder picks one (Immediate), and that node's agent makes the
/// directory. A deleted claim releases its volume; a claim whose volume is gone is Lost.
/// </summary>
public sealed class PersistentVolumeBinder(ControllerContext context) : Controller(context)
{
    /// <summary>The last reason each claim was told it waits, so a resync does not repeat the event.</summary>
    private readonly ConcurrentDictionary<string, string> _waitingReasons = [];

    protected override KindInfo Primary => Kinds.PersistentVolumeClaim;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.PersistentVolume, Kinds.StorageClass, Kinds.Node];

    private ObjectCache Volumes => Context.Informers.For(Kinds.PersistentVolume);
    private ObjectCache Classes => Context.Informers.For(Kinds.StorageClass);

    /// <summary>A volume wakes the claim it names; a free volume, a class or a node may serve any claim.</summary>
    protected override IEnumerable<string> PrimaryKeysFor(KindInfo related, string key, KubeObject? before, KubeObject? after) =>
        ((after ?? before) as PersistentVolume)?.Spec.ClaimRef is { Name: { } name } claim
            ? [ObjectKeys.For(Primary, claim.Namespace ?? WellKnown.DefaultNamespace, name)]
            : AllKeys(null);

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var claim = CachedPrimary<PersistentVolumeClaim>(ns, name);
        await ReleaseVolumesOfAsync(ns, name, claim?.Metadata.Uid, cancellationToken);
        if (claim is null) return ReconcileResult.Done;
        var volumes = Volumes.Objects.OfType<PersistentVolume>().ToList();
        if (claim.Spec.VolumeName is { } volumeName)
        {
            var named = volumes.FirstOrDefault(volume => volume.Name == volumeName);
            if (named is null)
                await WaitAsync(claim, claim.Status?.Phase == VolumePhases.Bound ? VolumePhases.Lost : VolumePhases.Pending, "VolumeMissing", $"volume \"{volumeName}\" does not exist", cancellationToken);
            else if (named.Spec.ClaimRef is not null && !named.IsReservedFor(claim))
                await WaitAsync(claim, VolumePhases.Pending, "FailedBinding", $"volume \"{volumeName}\" is bound to another claim", cancellationToken);
            else
                await BindAsync(claim, named, cancellationToken);
            return ReconcileResult.Done;
        }
        var volume = volumes.FirstOrDefault(candidate => candidate.IsReservedFor(claim) && candidate.Spec.ClaimRef?.Uid is not null)
                     ?? volumes.FirstOrDefault(candidate => candidate.IsReservedFor(claim))
                     ?? VolumeMatching.BestFree(claim, StorageClasses.NameOf(claim, Classes.Objects.OfType<StorageClass>()), volumes);
        if (volume is not null) await BindAsync(claim, volume, cancellationToken);
        else await ProvisionAsync(claim, cancellationToken);
        return ReconcileResult.Done;
    }

    /// <summary>No volume yet: say what the claim waits for, and for an Immediate local-path claim pick its node.</summary>
    private async Task ProvisionAsync(PersistentVolumeClaim claim, CancellationToken cancellationToken)
    {
        var storageClass = StorageClasses.Of(claim, Classes.Objects.OfType<StorageClass>(), out var missing);
        if (missing is not null)
            await WaitAsync(claim, VolumePhases.Pending, "ProvisioningFailed", $"storageclass \"{missing}\" not found", cancellationToken);
        else if (storageClass is null)
            await WaitAsync(claim, VolumePhases.Pending, "FailedBinding", "no persistent volumes available for this claim and no storage class is set", cancellationToken);
        else if (!StorageClasses.IsLocalPath(storageClass))
            await WaitAsync(claim, VolumePhases.Pending, "ExternalProvisioning",
                $"storage class \"{storageClass.Name}\" is provisioned by \"{storageClass.Provisioner}\", which GitOrch does not run; GitOrch provisions {WellKnown.LocalPathProvisioner}", cancellationToken);
        else if (claim.Annotation(WellKnown.SelectedNode) is { } node)
            await WaitAsync(claim, VolumePhases.Pending, "Provisioning", $"waiting for the agent of node {node} to make the volume", cancellationToken);
        else if (storageClass.VolumeBindingMode == VolumePhases.WaitForFirstConsumer)
            await WaitAsync(claim, VolumePhases.Pending, "WaitForFirstConsumer", "waiting for first consumer to be created before binding", cancellationToken);
        else if (PickNode() is { } picked)
            await Client.UpdateAsync(claim with { Metadata = claim.Metadata.WithAnnotation(WellKnown.SelectedNode, picked) }, cancellationToken);
        else
            await WaitAsync(claim, VolumePhases.Pending, "ProvisioningFailed", "no ready node to make the volume on", cancellationToken);
    }

    /// <summary>For an Immediate claim: the ready node holding the fewest volumes.</summary>
    private string? PickNode()
    {
        var now = Clock.GetUtcNow();
        var held = Volumes.Objects.OfType<PersistentVolume>().Select(LocalPathVolumes.NodeOf).OfType<string>().CountBy(node => node).ToDictionary();
        return Context.Informers.For(Kinds.Node).Objects.OfType<Node>()
            .Where(node => NodeHeartbeats.Ready(node) is { Status: "True" } && !NodeHeartbeats.IsStale(node, now) && node.Spec.Unschedulable != true)
            .OrderBy(node => held.GetValueOrDefault(node.Name))
            .ThenBy(node => node.Name, StringComparer.Ordinal)
            .Select(node => node.Name)
            .FirstOrDefault();
    }

    private async Task BindAsync(PersistentVolumeClaim claim, PersistentVolume volume, CancellationToken cancellationToken)
    {
        var reference = new ObjectReference { Kind = Kinds.PersistentVolumeClaim.Kind, Namespace = claim.Namespace ?? WellKnown.DefaultNamespace, Name = claim.Name, Uid = claim.Metadata.Uid };
        if (volume.Spec.ClaimRef != reference)
            volume = await Client.UpdateAsync(volume with { Spec = volume.Spec with { ClaimRef = reference } }, cancellationToken);
        if (volume.Status?.Phase != VolumePhases.Bound)
            await Client.PutStatusAsync(volume, new PersistentVolumeStatus { Phase = VolumePhases.Bound }, cancellationToken);
        if (claim.Spec.VolumeName != volume.Name)
            claim = await Client.UpdateAsync(claim with { Spec = claim.Spec with { VolumeName = volume.Name } }, cancellationToken);
        var status = new PersistentVolumeClaimStatus { Phase = VolumePhases.Bound, AccessModes = volume.Spec.AccessModes, Capacity = volume.Spec.Capacity };
        if (!SameStatus(claim.Status, status))
        {
            await Client.PutStatusAsync(claim, status, cancellationToken);
            await Events.RecordAsync(claim, EventTypes.Normal, "Bound", $"bound to volume {volume.Name}", cancellationToken);
        }
        _waitingReasons.TryRemove(claim.Metadata.Uid!, out _);
    }

    /// <summary>
    /// Volumes bound to a claim that is gone (deleted, or deleted and made anew under the same name) are
    /// Released; their reclaim policy decides the rest.
    /// </summary>
    private async Task ReleaseVolumesOfAsync(string ns, string name, string? currentUid, CancellationToken cancellationToken)
    {
        foreach (var volume in Volumes.Objects.OfType<PersistentVolume>())
        {
            if (volume.Spec.ClaimRef is not { Uid: { } uid } reference || uid == currentUid) continue;
            if (reference.Name != name || (reference.Namespace ?? WellKnown.DefaultNamespace) != ns) continue;
            if (volume.Status?.Phase is VolumePhases.Released) continue;
            await Client.PutStatusAsync(volume, new PersistentVolumeStatus { Phase = VolumePhases.Released, Message = $"claim {ns}/{name} was deleted" }, cancellationToken);
            await Events.RecordAsync(volume, EventTypes.Normal, "Released", $"claim {ns}/{name} was deleted; reclaim policy {volume.Spec.PersistentVolumeReclaimPolicy ?? VolumePhases.Retain}", cancellationToken);
        }
    }

    private async Task WaitAsync(PersistentVolumeClaim claim, string phase, string reason, string message, CancellationToken cancellationToken)
    {
        var waitsForConsumer = reason == VolumePhases.WaitForFirstConsumer;
        if (claim.Status?.Phase != phase || WaitsForConsumer(claim) != waitsForConsumer)
            await Client.PutStatusAsync(claim, (claim.Status ?? new PersistentVolumeClaimStatus()) with
            {
                Phase = phase,
                Conditions = waitsForConsumer ? [new Condition { Type = VolumePhases.WaitingForFirstConsumer, Status = "True", Message = message, LastTransitionTime = Clock.GetUtcNow() }] : null,
            }, cancellationToken);
        if (_waitingReasons.TryGetValue(claim.Metadata.Uid!, out var previous) && previous == message) return;
        _waitingReasons[claim.Metadata.Uid!] = message;
        await Events.RecordAsync(claim, phase == VolumePhases.Pending && reason is "WaitForFirstConsumer" or "Provisioning" ? EventTypes.Normal : EventTypes.Warning, reason, message, cancellationToken);
    }

    private static bool WaitsForConsumer(PersistentVolumeClaim claim) =>
        claim.Status?.Conditions?.Any(condition => condition.Type == VolumePhases.WaitingForFirstConsumer) == true;

    private static bool SameStatus(PersistentVolumeClaimStatus? live, PersistentVolumeClaimStatus wanted) =>
        live is not null && live.Phase == wanted.Phase
        && (live.AccessModes ?? []).SequenceEqual(wanted.AccessModes ?? [])
        && (live.Capacity ?? []).OrderBy(pair => pair.Key).SequenceEqual((wanted.Capacity ?? []).OrderBy(pair => pair.Key));
}
