using GitOrch.Api.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOrch.Api.Serialization;

/// <summary>
/// Walks one YAML document's events as a tree of fields: refuses a key repeated in one mapping (YAML
/// says keys are unique; last-wins would hide a mistake), and finds where a field named by its
/// <see cref="FieldPath"/> is written, so a validation error points at its line.
/// </summary>
internal static class YamlFields
{
    /// <summary>Deeper than any manifest or values file needs; the loaders stop there, before parsing or recursion gets slow.</summary>
    public const int MaxDepth = 100;

    private sealed class Frame(bool isMapping, string path)
    {
        public bool IsMapping { get; } = isMapping;
        public string Path { get; } = path;
        public Dictionary<string, Mark>? Keys { get; } = isMapping ? new(StringComparer.Ordinal) : null;
        public bool ExpectKey { get; set; } = isMapping;
        public int NextIndex { get; set; }
        public string? KeyPath { get; set; }
        public Mark KeyMark { get; set; }
    }

    public static void RefuseDuplicateKeys(string file, List<ParsingEvent> events) => Walk(file, events, visit: null);

    /// <summary>Where the field is written (its key, or its item in a list), else its nearest written parent.</summary>
    public static Mark Find(string file, List<ParsingEvent> events, string fieldPath)
    {
        var found = events[1].Start;
        Walk(file, events, (path, mark) =>
        {
            if (path == fieldPath)
            {
                found = mark;
                return false;
            }
            if (fieldPath.StartsWith(path, StringComparison.Ordinal) && (path.Length == 0 || fieldPath[path.Length] is '.' or '['))
                found = mark;
            return true;
        });
        return found;
    }

    /// <param name="visit">Called with each value's path and position; returning false stops the walk. Null only checks keys, without building paths.</param>
    private static void Walk(string file, List<ParsingEvent> events, Func<string, Mark, bool>? visit)
    {
        var stack = new Stack<Frame>();
        for (var i = 1; i < events.Count - 1; i++)
        {
            var current = events[i];
            if (stack.TryPeek(out var parent) && parent.ExpectKey && current is not MappingEnd)
            {
                if (current is not Scalar key)
                    throw new ManifestException(file, current.Start.Line, current.Start.Column, "a mapping key must be a plain value, not a list or a mapping");
                if (parent.Keys!.TryGetValue(key.Value, out var first))
                    throw new ManifestException(file, key.Start.Line, key.Start.Column,
                        $"key \"{key.Value}\" appears twice in one mapping (first at line {first.Line}); each key may appear once");
                parent.Keys[key.Value] = key.Start;
                parent.ExpectKey = false;
                if (visit is not null)
                {
                    parent.KeyPath = FieldPath.Child(parent.Path, key.Value);
                    parent.KeyMark = key.Start;
                }
                continue;
            }
            if (current is MappingEnd or SequenceEnd)
            {
                stack.Pop();
                ValueDone(stack);
                continue;
            }
            var (path, mark) = visit is null ? ("", current.Start)
                : parent is null ? ("", current.Start)
                : parent.IsMapping ? (parent.KeyPath!, parent.KeyMark)
                : (FieldPath.Index(parent.Path, parent.NextIndex++), current.Start);
            if (visit is not null && !visit(path, mark)) return;
            if (current is MappingStart) stack.Push(new Frame(isMapping: true, path));
            else if (current is SequenceStart) stack.Push(new Frame(isMapping: false, path));
            else ValueDone(stack);
        }
    }

    private static void ValueDone(Stack<Frame> stack)
    {
        if (stack.TryPeek(out var parent) && parent.IsMapping) parent.ExpectKey = true;
    }

    /// <summary>A document with only the named keys of its root mapping, each with its whole value.</summary>
    public static List<ParsingEvent> OnlyTopLevelKeys(List<ParsingEvent> events, IReadOnlyCollection<string> keys)
    {
        var kept = new List<ParsingEvent> { events[0], events[1] };
        for (var i = 2; i < events.Count - 2;)
        {
            var end = i + 1;
            var depth = 0;
            do depth += events[end++].NestingIncrease;
            while (depth > 0);
            if (events[i] is Scalar key && keys.Contains(key.Value)) kept.AddRange(events[i..end]);
            i = end;
        }
        kept.AddRange(events[^2..]);
        return kept;
    }
}
