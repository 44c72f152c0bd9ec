using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Storage;

/// <summary>
/// This node's half of the local-path class: it makes a directory and a PersistentVolume for each
/// claim placed on this node, and when a Delete-policy volume it made is released and no pod here uses
/// it any more, it removes the directory and then the volume. It only ever removes directories under its own volumes directory.
/// </summary>
public sealed class LocalPathProvisioner(SharedInformers informers, ObjectClient client, string nodeName, string volumesDirectory, ILogger logger)
{
    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly EventRecorder _events = new(client, $"local-path/{nodeName}");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        KindInfo[] kinds = [Kinds.PersistentVolumeClaim, Kinds.PersistentVolume, Kinds.StorageClass, Kinds.Pod];
        foreach (var kind in kinds)
            informers.For(kind).Changed += (_, _, _) => Wake();
        var watches = await informers.WaitForSyncAsync(kinds, cancellationToken);
        var loop = Task.Run(async () =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await ProvisionAsync(cancellationToken);
                    await ReclaimAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Local-path provisioning failed, retrying: {Error}", e.Message);
                }
                await _wake.WaitAsync(Resync, cancellationToken);
            }
        }, cancellationToken);
        await Task.WhenAll(watches, loop);
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    private async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        var volumes = informers.For(Kinds.PersistentVolume);
        var classes = informers.For(Kinds.StorageClass).Objects.OfType<StorageClass>().ToList();
        foreach (var claim in informers.For(Kinds.PersistentVolumeClaim).Objects.OfType<PersistentVolumeClaim>())
        {
            if (claim.Annotation(WellKnown.SelectedNode) != nodeName || claim.Spec.VolumeName is not null) continue;
            var name = LocalPathVolumes.NameFor(claim);
            if (volumes.Get(ObjectKeys.For(Kinds.PersistentVolume, null, name)) is not null) continue;
            if (StorageClasses.Of(claim, classes, out _) is not { } storageClass || !StorageClasses.IsLocalPath(storageClass)) continue;
            var directory = Directory.CreateDirectory(Path.Combine(volumesDirectory, name)).FullName;
            try
            {
                var volume = await client.CreateAsync(LocalPathVolumes.For(claim, storageClass, nodeName, directory), cancellationToken);
                await _events.RecordAsync(claim, EventTypes.Normal, "ProvisioningSucceeded", $"made volume {volume.Name} at {directory} on node {nodeName}", cancellationToken);
                logger.LogInformation("Provisioned volume {Volume} for claim {Namespace}/{Claim}", volume.Name, claim.Namespace, claim.Name);
            }
            catch (ConflictException)
            {
                // Made by an earlier pass whose write the cache had not shown yet.
            }
        }
    }

    /// <summary>A pod here that has not finished may still use the released claim's directory; it waits until that pod is gone.</summary>
    private bool StillMounted(ObjectReference? claim) =>
        informers.For(Kinds.Pod).Objects.OfType<Pod>().Any(pod =>
            pod.Spec.NodeName == nodeName && !PodConditions.IsFinished(pod)
            && (pod.Namespace ?? WellKnown.DefaultNamespace) == claim?.Namespace
            && (pod.Spec.Volumes ?? []).Any(volume => volume.PersistentVolumeClaim?.ClaimName == claim.Name));

    private async Task ReclaimAsync(CancellationToken cancellationToken)
    {
        foreach (var volume in informers.For(Kinds.PersistentVolume).Objects.OfType<PersistentVolume>().ToList())
        {
            if (!LocalPathVolumes.IsProvisioned(volume) || LocalPathVolumes.NodeOf(volume) != nodeName) continue;
            if (volume.Status?.Phase != VolumePhases.Released || volume.Spec.PersistentVolumeReclaimPolicy != VolumePhases.Delete) continue;
            if (StillMounted(volume.Spec.ClaimRef)) continue;
            var directory = volume.Spec.HostPath?.Path;
            if (directory is null || Path.GetDirectoryName(Path.GetFullPath(directory)) != Path.GetFullPath(volumesDirectory))
            {
                logger.LogWarning("Volume {Volume} says it was provisioned here, but {Directory} is not a directory this node provisioned; not deleting it", volume.Name, directory);
                continue;
            }
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            await client.DeleteAsync(volume, cancellationToken);
            logger.LogInformation("Deleted released volume {Volume} and its directory {Directory}", volume.Name, directory);
        }
    }
}
