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
    /// Moves a key from the values its old object was filed under to those of its new one. Callers hold the cache's
    /// lock, so a value's set is never dropped while another update adds to it.
    /// </summary>
    public void Update(string key, KubeObject? before, KubeObject? after)
    {
        if (before is not null)
            foreach (var value in valuesOf(before))
                if (_keysByValue.TryGetValue(value, out var keys) && keys.TryRemove(key, out _) && keys.IsEmpty)
                    _keysByValue.TryRemove(value, out _);
        if (after is not null)
            foreach (var value in valuesOf(after))
                _keysByValue.GetOrAdd(value, _ => new ConcurrentDictionary<string, byte>())[key] = 0;
    }
}
