using System.Collections.Concurrent;
using GitOrch.Api.Model;

namespace GitOrch.Store;

/// <summary>One index of an <see cref="ObjectCache"/>: the keys of the objects filed under each value.</summary>
internal sealed class CacheIndex(Func<KubeObject, IEnumerable<string>> valuesOf)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _keysByValue = new();

    public IEnumerable<string> KeysFor(string value) =>
        _keysByValue.TryGetValue(value, out var keys) ? keys.Keys : [];

    /// <summary>
    /// Moves a key from the values its old object was filed under to those of its new one. A value the key
    /// stays under is left alone, so a reader never misses the key while its object changes (a pod's
    /// status write keeps it under its node). Callers hold the cache's lock, so a value's set is never
    /// dropped while another update adds to it.
    /// </summary>
    public void Update(string key, KubeObject? before, KubeObject? after)
    {
        var wanted = after is null ? [] : valuesOf(after).ToHashSet(StringComparer.Ordinal);
        foreach (var value in wanted)
            _keysByValue.GetOrAdd(value, _ => new ConcurrentDictionary<string, byte>())[key] = 0;
        if (before is null) return;
        foreach (var value in valuesOf(before).Where(value => !wanted.Contains(value)))
            if (_keysByValue.TryGetValue(value, out var keys) && keys.TryRemove(key, out _) && keys.IsEmpty)
                _keysByValue.TryRemove(value, out _);
    }
}
