using System.Globalization;
using GitOrch.Api.Model;

namespace GitOrch.Engine.Planning;

/// <summary>
/// The waves of a plan: objects are written wave by wave, lowest <c>argocd.argoproj.io/sync-wave</c>
/// first (0 when unset), and every delete after the last wave, as a prune is.
/// </summary>
public static class SyncWaves
{
    public static int WaveOf(KubeObject obj) => NumberIn(obj, WellKnown.SyncWave);

    /// <summary>An annotation's whole number, 0 when it is unset or not a number.</summary>
    public static int NumberIn(KubeObject obj, string annotation) =>
        int.TryParse(obj.Annotation(annotation), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : 0;

    /// <summary>The changes in write order, grouped by wave; each group keeps the plan's kind order.</summary>
    public static IReadOnlyList<IReadOnlyList<Change>> Split(IReadOnlyList<Change> changes)
    {
        var writes = changes.Where(change => change.Action != ChangeAction.Delete)
            .GroupBy(change => WaveOf(change.Object)).OrderBy(wave => wave.Key).Select(wave => (IReadOnlyList<Change>)wave.ToList());
        var deletes = changes.Where(change => change.Action == ChangeAction.Delete).ToList();
        return [.. writes, .. deletes.Count > 0 ? [deletes] : Array.Empty<IReadOnlyList<Change>>()];
    }
}
