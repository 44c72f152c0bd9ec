using System.Globalization;
using GitOrch.Engine.Charts.GoTemplates;

namespace GitOrch.Engine.Charts.Sprig;

/// <summary>Sprig's lenient conversions: a number from text, a bool or nil (0 when it does not read), text from anything.</summary>
public static class SprigConvert
{
    public static long ToInt64(object? value) => value switch
    {
        null => 0,
        long l => l,
        int i => i,
        double d => double.IsFinite(d) ? (long)d : 0,
        bool b => b ? 1 : 0,
        string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        string s when s.Trim().StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(s.Trim()[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) => hex,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => (long)real,
        _ => 0,
    };

    public static double ToFloat64(object? value) => value switch
    {
        null => 0,
        long l => l,
        int i => i,
        double d => d,
        bool b => b ? 1 : 0,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => real,
        _ => 0,
    };

    /// <summary>Sprig's strval: text as it is, anything else as %v prints it.</summary>
    public static string ToText(object? value) => value switch
    {
        string s => s,
        null => "<nil>",
        _ => GoValues.Print(value),
    };

    /// <summary>A list argument; a function given something else fails with Sprig's wording.</summary>
    public static IList<object?> ToList(object? value, string function) => value switch
    {
        IList<object?> list => list,
        null => [],
        _ => throw new GoFunctionException($"Cannot {function} on type {GoValues.TypeName(value)}"),
    };

    public static IDictionary<string, object?> ToMap(object? value, string function) => value switch
    {
        IDictionary<string, object?> map => map,
        _ => throw new GoFunctionException($"{function}: expected a dict, got {GoValues.TypeName(value)}"),
    };

    /// <summary>Whether a value is empty as Sprig's empty decides: nil, false, 0, "" and empty lists and maps.</summary>
    public static bool IsEmpty(object? value) => !GoValues.IsTrue(value);
}
