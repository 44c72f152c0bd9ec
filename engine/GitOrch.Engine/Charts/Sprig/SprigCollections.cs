using GitOrch.Engine.Charts.GoTemplates;
using static GitOrch.Engine.Charts.GoTemplates.GoBuiltins;
using static GitOrch.Engine.Charts.Sprig.SprigConvert;

namespace GitOrch.Engine.Charts.Sprig;

/// <summary>Sprig's list and dict functions. Lists and dicts are copied where Sprig copies them, and changed in place where it does (set, unset, merge).</summary>
public static class SprigCollections
{
    public static IEnumerable<KeyValuePair<string, GoFunction>> All() => new Dictionary<string, GoFunction>
    {
        ["list"] = (_, a) => a.ToList(),
        ["first"] = (_, a) => ToList(Single(a, "first"), "first") is { Count: > 0 } l ? l[0] : null,
        ["rest"] = (_, a) => ToList(Single(a, "rest"), "rest").Skip(1).ToList(),
        ["last"] = (_, a) => ToList(Single(a, "last"), "last") is { Count: > 0 } l ? l[^1] : null,
        ["initial"] = (_, a) => ToList(Single(a, "initial"), "initial") is var l && l.Count > 0 ? l.Take(l.Count - 1).ToList() : [],
        ["append"] = (_, a) => ToList(Exactly(a, 2, "append")[0], "append").Append(a[1]).ToList(),
        ["push"] = (_, a) => ToList(Exactly(a, 2, "push")[0], "push").Append(a[1]).ToList(),
        ["prepend"] = (_, a) => ToList(Exactly(a, 2, "prepend")[0], "prepend").Prepend(a[1]).ToList(),
        ["concat"] = (_, a) => a.SelectMany(list => ToList(list, "concat")).ToList(),
        ["reverse"] = (_, a) => ToList(Single(a, "reverse"), "reverse").Reverse().ToList(),
        ["uniq"] = (_, a) => Unique(ToList(Single(a, "uniq"), "uniq")),
        ["without"] = (_, a) => ToList(AtLeast(a, 1, "without")[0], "without").Where(item => !a.Skip(1).Any(other => SameValue(item, other))).ToList(),
        ["has"] = (_, a) => ToList(Exactly(a, 2, "has")[1], "has").Any(item => SameValue(item, a[0])),
        ["compact"] = (_, a) => ToList(Single(a, "compact"), "compact").Where(item => !IsEmpty(item)).ToList(),
        ["until"] = (_, a) => Sequence(0, ToInt64(Single(a, "until")), 1),
        ["untilStep"] = (_, a) => Sequence(ToInt64(Exactly(a, 3, "untilStep")[0]), ToInt64(a[1]), ToInt64(a[2])),
        ["seq"] = (_, a) => string.Join(" ", Seq(a)),
        ["dict"] = (_, a) => Dict(a),
        ["get"] = (_, a) => ToMap(Exactly(a, 2, "get")[0], "get").TryGetValue(ToText(a[1]), out var v) ? v : "",
        ["set"] = (_, a) => Set(ToMap(Exactly(a, 3, "set")[0], "set"), ToText(a[1]), a[2]),
        ["unset"] = (_, a) => Unset(ToMap(Exactly(a, 2, "unset")[0], "unset"), ToText(a[1])),
        ["hasKey"] = (_, a) => ToMap(Exactly(a, 2, "hasKey")[0], "hasKey").ContainsKey(ToText(a[1])),
        ["pluck"] = (_, a) => a.Skip(1).Select(map => ToMap(map, "pluck")).Where(map => map.ContainsKey(ToText(a[0]))).Select(map => map[ToText(a[0])]).ToList(),
        ["keys"] = (_, a) => a.SelectMany(map => ToMap(map, "keys").Keys).Cast<object?>().ToList(),
        ["values"] = (_, a) => ToMap(Single(a, "values"), "values").Values.ToList(),
        ["pick"] = (_, a) => ToMap(AtLeast(a, 1, "pick")[0], "pick").Where(pair => a.Skip(1).Select(ToText).Contains(pair.Key)).ToDictionary(),
        ["omit"] = (_, a) => ToMap(AtLeast(a, 1, "omit")[0], "omit").Where(pair => !a.Skip(1).Select(ToText).Contains(pair.Key)).ToDictionary(),
        ["merge"] = (_, a) => Merge(a, overwrite: false),
        ["mustMerge"] = (_, a) => Merge(a, overwrite: false),
        ["mergeOverwrite"] = (_, a) => Merge(a, overwrite: true),
        ["mustMergeOverwrite"] = (_, a) => Merge(a, overwrite: true),
        ["deepCopy"] = (_, a) => DeepCopy(Single(a, "deepCopy")),
        ["mustDeepCopy"] = (_, a) => DeepCopy(Single(a, "mustDeepCopy")),
        ["dig"] = (_, a) => Dig(AtLeast(a, 3, "dig")),
    };

    private static bool SameValue(object? left, object? right) =>
        (left is null && right is null) || (left is not null && right is not null && GoValues.TypeName(left) == GoValues.TypeName(right) && GoValues.Print(left) == GoValues.Print(right));

    private static List<object?> Unique(IList<object?> list)
    {
        var unique = new List<object?>();
        foreach (var item in list)
            if (!unique.Any(seen => SameValue(seen, item))) unique.Add(item);
        return unique;
    }

    private static List<object?> Sequence(long start, long stop, long step)
    {
        var items = new List<object?>();
        if (step == 0) return items;
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            if (items.Count >= 1_000_000) throw new GoFunctionException("the sequence is over a million items");
            items.Add(i);
        }
        return items;
    }

    /// <summary>Like the seq command: seq LAST, seq FIRST LAST or seq FIRST STEP LAST, counting down when LAST is smaller.</summary>
    private static IEnumerable<string> Seq(object?[] arguments)
    {
        var numbers = arguments.Select(ToInt64).ToArray();
        var (first, step, last) = numbers.Length switch
        {
            1 => (1L, numbers[0] >= 1 ? 1L : -1L, numbers[0]),
            2 => (numbers[0], numbers[0] <= numbers[1] ? 1L : -1L, numbers[1]),
            3 => (numbers[0], numbers[1], numbers[2]),
            _ => throw new GoFunctionException($"wrong number of args for seq: want 1 to 3 got {numbers.Length}"),
        };
        if (step == 0 || (step > 0 && first > last) || (step < 0 && first < last)) yield break;
        for (var i = first; step > 0 ? i <= last : i >= last; i += step) yield return i.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, object?> Dict(object?[] arguments)
    {
        var map = new Dictionary<string, object?>();
        for (var i = 0; i < arguments.Length; i += 2)
            map[ToText(arguments[i])] = i + 1 < arguments.Length ? arguments[i + 1] : "";
        return map;
    }

    private static IDictionary<string, object?> Set(IDictionary<string, object?> map, string key, object? value)
    {
        map[key] = value;
        return map;
    }

    private static IDictionary<string, object?> Unset(IDictionary<string, object?> map, string key)
    {
        map.Remove(key);
        return map;
    }

    /// <summary>Deep merge into the first dict: keys it lacks come from the later dicts; with overwrite, later values win.</summary>
    private static IDictionary<string, object?> Merge(object?[] arguments, bool overwrite)
    {
        var target = ToMap(AtLeast(arguments, 1, "merge")[0], "merge");
        foreach (var source in arguments.Skip(1))
            MergeInto(target, ToMap(source, "merge"), overwrite);
        return target;
    }

    public static void MergeInto(IDictionary<string, object?> target, IDictionary<string, object?> source, bool overwrite)
    {
        foreach (var (key, value) in source)
        {
            if (target.TryGetValue(key, out var existing) && existing is IDictionary<string, object?> inner && value is IDictionary<string, object?> incoming)
                MergeInto(inner, incoming, overwrite);
            else if (!target.ContainsKey(key) || overwrite)
                target[key] = DeepCopy(value);
        }
    }

    public static object? DeepCopy(object? value) => value switch
    {
        IDictionary<string, object?> map => map.ToDictionary(pair => pair.Key, pair => DeepCopy(pair.Value)),
        IList<object?> list => list.Select(DeepCopy).ToList(),
        _ => value,
    };

    /// <summary>dig "a" "b" DEFAULT DICT: the value at a.b, or the default.</summary>
    private static object? Dig(object?[] arguments)
    {
        object? current = ToMap(arguments[^1], "dig");
        foreach (var key in arguments[..^2])
        {
            if (current is not IDictionary<string, object?> map || !map.TryGetValue(ToText(key), out current)) return arguments[^2];
        }
        return current;
    }
}
