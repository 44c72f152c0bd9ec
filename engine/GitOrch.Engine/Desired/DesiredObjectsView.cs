using System.Diagnostics.CodeAnalysis;
using GitOrch.Api.Model;

namespace GitOrch.Engine.Desired;

/// <summary>Declarations seen as plain objects by key, without copying thousands of entries for each plan.</summary>
internal sealed class DesiredObjectsView(IReadOnlyDictionary<string, DesiredObject> declarations) : IReadOnlyDictionary<string, KubeObject>
{
    public KubeObject this[string key] => declarations[key].Object;
    public IEnumerable<string> Keys => declarations.Keys;
    public IEnumerable<KubeObject> Values => declarations.Values.Select(declared => declared.Object);
    public int Count => declarations.Count;

    public bool ContainsKey(string key) => declarations.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out KubeObject value)
    {
        value = declarations.TryGetValue(key, out var declared) ? declared.Object : null;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, KubeObject>> GetEnumerator() =>
        declarations.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.Object)).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
