using System.Text.Json;
using GitOrch.Store;

namespace GitOrch.Engine.Reconciling;

/// <summary>
/// Remembers the owners of related objects as their specs go by on a watch, so that a status change or
/// a delete, which carry no owner references, still finds the owner to wake.
/// </summary>
internal sealed class OwnerIndex
{
    private readonly Dictionary<string, IReadOnlyList<(string Kind, string Name)>> _owners = [];

    public IReadOnlyList<(string Kind, string Name)> Observe(ObjectEvent change)
    {
        if (change.Type == WatchEventType.Delete)
        {
            if (change.IsStatus) return _owners.GetValueOrDefault(change.Key) ?? [];
            return _owners.Remove(change.Key, out var gone) ? gone : [];
        }
        if (change.IsStatus || change.Value is null) return _owners.GetValueOrDefault(change.Key) ?? [];
        var owners = Parse(change.Value);
        if (owners.Count > 0) _owners[change.Key] = owners;
        else _owners.Remove(change.Key);
        return owners;
    }

    private static IReadOnlyList<(string Kind, string Name)> Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("metadata", out var metadata)
            || !metadata.TryGetProperty("ownerReferences", out var references)
            || references.ValueKind != JsonValueKind.Array)
            return [];
        return references.EnumerateArray()
            .Select(reference => (reference.GetProperty("kind").GetString() ?? "", reference.GetProperty("name").GetString() ?? ""))
            .ToList();
    }
}
