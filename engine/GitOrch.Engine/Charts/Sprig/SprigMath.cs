using GitOrch.Engine.Charts.GoTemplates;
using static GitOrch.Engine.Charts.GoTemplates.GoBuiltins;
using static GitOrch.Engine.Charts.Sprig.SprigConvert;

namespace GitOrch.Engine.Charts.Sprig;

/// <summary>Sprig's math: the integer functions convert their arguments to int64, the ones ending in f to float64.</summary>
public static class SprigMath
{
    public static IEnumerable<KeyValuePair<string, GoFunction>> All() => new Dictionary<string, GoFunction>
    {
        ["add"] = (_, a) => a.Select(ToInt64).Sum(),
        ["add1"] = (_, a) => ToInt64(Single(a, "add1")) + 1,
        ["sub"] = (_, a) => ToInt64(Exactly(a, 2, "sub")[0]) - ToInt64(a[1]),
        ["mul"] = (_, a) => a.Select(ToInt64).Aggregate(1L, (product, n) => product * n),
        ["div"] = (_, a) => ToInt64(Exactly(a, 2, "div")[1]) is var d && d != 0 ? ToInt64(a[0]) / d : throw new GoFunctionException("runtime error: integer divide by zero"),
        ["mod"] = (_, a) => ToInt64(Exactly(a, 2, "mod")[1]) is var d && d != 0 ? ToInt64(a[0]) % d : throw new GoFunctionException("runtime error: integer divide by zero"),
        ["max"] = (_, a) => AtLeast(a, 1, "max").Select(ToInt64).Max(),
        ["min"] = (_, a) => AtLeast(a, 1, "min").Select(ToInt64).Min(),
        ["addf"] = (_, a) => a.Select(ToFloat64).Sum(),
        ["add1f"] = (_, a) => ToFloat64(Single(a, "add1f")) + 1,
        ["subf"] = (_, a) => a.Length == 0 ? 0.0 : a.Skip(1).Select(ToFloat64).Aggregate(ToFloat64(a[0]), (total, n) => total - n),
        ["mulf"] = (_, a) => a.Select(ToFloat64).Aggregate(1.0, (product, n) => product * n),
        ["divf"] = (_, a) => a.Length == 0 ? 0.0 : a.Skip(1).Select(ToFloat64).Aggregate(ToFloat64(a[0]), (total, n) => total / n),
        ["maxf"] = (_, a) => AtLeast(a, 1, "maxf").Select(ToFloat64).Max(),
        ["minf"] = (_, a) => AtLeast(a, 1, "minf").Select(ToFloat64).Min(),
        ["floor"] = (_, a) => Math.Floor(ToFloat64(Single(a, "floor"))),
        ["ceil"] = (_, a) => Math.Ceiling(ToFloat64(Single(a, "ceil"))),
        ["round"] = (_, a) => Round(AtLeast(a, 2, "round")),
        ["int"] = (_, a) => ToInt64(Single(a, "int")),
        ["int64"] = (_, a) => ToInt64(Single(a, "int64")),
        ["float64"] = (_, a) => ToFloat64(Single(a, "float64")),
        ["atoi"] = (_, a) => long.TryParse(ToText(Single(a, "atoi")), out var n) ? n : 0L,
    };

    /// <summary>round VALUE PLACES [HALF]: away from zero at half, as Sprig's does.</summary>
    private static double Round(object?[] arguments)
    {
        var places = (int)Math.Clamp(ToInt64(arguments[1]), 0, 15);
        return Math.Round(ToFloat64(arguments[0]), places, MidpointRounding.AwayFromZero);
    }
}
