using GitOrch.Engine.Charts.GoTemplates;
using static GitOrch.Engine.Charts.GoTemplates.GoBuiltins;
using static GitOrch.Engine.Charts.Sprig.SprigConvert;

namespace GitOrch.Engine.Charts.Sprig;

/// <summary>Sprig's functions for missing and empty values, and its type checks.</summary>
public static class SprigDefaults
{
    public static IEnumerable<KeyValuePair<string, GoFunction>> All() => new Dictionary<string, GoFunction>
    {
        // default DEFAULT GIVEN: a pipeline that ends in default passes nothing when the value was never there.
        ["default"] = (_, a) => a.Length < 2 || IsEmpty(a[1]) ? AtLeast(a, 1, "default")[0] : a[1],
        ["empty"] = (_, a) => IsEmpty(Single(a, "empty")),
        ["coalesce"] = (_, a) => a.FirstOrDefault(value => !IsEmpty(value)),
        ["all"] = (_, a) => a.All(value => !IsEmpty(value)),
        ["any"] = (_, a) => a.Any(value => !IsEmpty(value)),
        ["ternary"] = (_, a) => GoValues.IsTrue(Exactly(a, 3, "ternary")[2]) ? a[0] : a[1],
        ["fail"] = (_, a) => throw new GoFunctionException(ToText(Single(a, "fail")), asWritten: true),
        ["kindOf"] = (_, a) => KindName(Single(a, "kindOf")),
        ["kindIs"] = (_, a) => KindName(Exactly(a, 2, "kindIs")[1]) == ToText(a[0]),
        ["typeOf"] = (_, a) => GoValues.TypeName(Single(a, "typeOf")),
        ["typeIs"] = (_, a) => GoValues.TypeName(Exactly(a, 2, "typeIs")[1]) == ToText(a[0]),
        ["typeIsLike"] = (_, a) => GoValues.TypeName(Exactly(a, 2, "typeIsLike")[1]) is var type && (type == ToText(a[0]) || "*" + type == ToText(a[0])),
        ["deepEqual"] = (_, a) => GoValues.Print(Exactly(a, 2, "deepEqual")[0]) == GoValues.Print(a[1]) && GoValues.TypeName(a[0]) == GoValues.TypeName(a[1]),
    };

    /// <summary>reflect's Kind names: string, int64 (Sprig's int), float64, bool, slice, map, invalid for nil.</summary>
    private static string KindName(object? value) => value switch
    {
        null => "invalid",
        bool => "bool",
        long or int => "int",
        double => "float64",
        string => "string",
        IList<object?> => "slice",
        IDictionary<string, object?> => "map",
        GoMethod => "func",
        _ => "struct",
    };
}
