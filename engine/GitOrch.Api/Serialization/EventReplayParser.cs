using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOrch.Api.Serialization;

/// <summary>
/// Replays parsing events that were buffered from one YAML document. The loader reads a document's
/// <c>kind</c> first, then deserializes the same events into that kind's type, and the events keep
/// their original marks so errors still point at the right line and column.
/// </summary>
internal sealed class EventReplayParser(IReadOnlyList<ParsingEvent> events) : IParser
{
    private int _index = -1;

    public ParsingEvent? Current => _index >= 0 && _index < events.Count ? events[_index] : null;

    public bool MoveNext() => ++_index < events.Count;
}
