using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Storage;

/// <summary>Whether a free volume can serve a claim: its class, access modes, size and labels fit.</summary>
public static class VolumeMatching
{
    /// <summary>The smallest free volume that fits, as Kubernetes' binder picks.</summary>
    public static PersistentVolume? BestFree(PersistentVolumeClaim claim, string className, IEnumerable<PersistentVolume> volumes) =>
        volumes
            .Where(volume => volume.Spec.ClaimRef is null && volume.Status?.Phase is null or VolumePhases.Available && Fits(volume, claim, className))
            .OrderBy(volume => Size(volume.Spec.Capacity))
            .ThenBy(volume => volume.Name, StringComparer.Ordinal)
            .FirstOrDefault();

    private static bool Fits(PersistentVolume volume, PersistentVolumeClaim claim, string className) =>
        (volume.Spec.StorageClassName ?? "") == className
        && (claim.Spec.AccessModes ?? []).All(mode => volume.Spec.AccessModes?.Contains(mode) == true)
        && Size(volume.Spec.Capacity) >= Size(claim.Spec.Resources?.Requests)
        && (claim.Spec.Selector is not { } selector || selector.Matches(volume.Labels));

    private static decimal Size(Dictionary<string, string>? amounts) =>
        ResourceQuantity.TryParse(amounts?.GetValueOrDefault("storage"), out var size) ? size.Value : 0;
}
