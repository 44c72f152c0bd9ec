using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Keeps the <c>local-path</c> StorageClass, marked default, so that a claim naming no class gets a
/// directory on its pod's node, as single-machine Kubernetes distributions ship. Git may declare its
/// own <c>local-path</c> or another default; a deleted one comes back.
/// </summary>
public sealed class DefaultStorageClassController(ControllerContext context) : Controller(context)
{
    protected override KindInfo Primary => Kinds.StorageClass;
    protected override IEnumerable<string> StandingKeys => [ObjectKeys.For(Kinds.StorageClass, null, WellKnown.LocalPathStorageClass)];

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (name != WellKnown.LocalPathStorageClass || CachedPrimary<StorageClass>(ns, name) is not null) return ReconcileResult.Done;
        if (await CreateIfMissingAsync(LocalPath, cancellationToken)) Logger.LogInformation("Created the default storage class {Class}", name);
        return ReconcileResult.Done;
    }

    private static StorageClass LocalPath => new()
    {
        ApiVersion = Kinds.StorageClass.ApiVersion,
        Kind = Kinds.StorageClass.Kind,
        Metadata = new ObjectMeta
        {
            Name = WellKnown.LocalPathStorageClass,
            Annotations = new Dictionary<string, string> { [WellKnown.DefaultStorageClass] = "true", [WellKnown.CreatedBy] = "default-storage-class-controller" },
        },
        Provisioner = WellKnown.LocalPathProvisioner,
        ReclaimPolicy = VolumePhases.Delete,
        VolumeBindingMode = VolumePhases.WaitForFirstConsumer,
    };
}
