using System.Globalization;
using System.Text;

namespace GitOrch.Engine.Charts.GoTemplates;

/// <summary>A method of an object a template reaches by a field, such as <c>.Files.Get</c> or <c>.Capabilities.APIVersions.Has</c>.</summary>
public sealed record GoMethod(string Name, Func<object?[], object?> Invoke);

/// <summary>
/// The values templates work on, as Go's interface{} values from Helm's values: nil, bool, long (int),
/// double (float64, which every number read from YAML is), string, lists and string-keyed maps.
/// These are Go's rules for them: truth, printing with %v, type names and comparison.
/// </summary>
public static class GoValues
{
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        string s => s.Length > 0,
        IList<object?> list => list.Count > 0,
        IDictionary<string, object?> map => map.Count > 0,
        _ => true,
    };

    /// <summary>Go's name for the value's type, as %T and error messages show it.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "<nil>",
        bool => "bool",
        long or int => "int",
        double => "float64",
        string => "string",
        IList<object?> => "[]interface {}",
        IDictionary<string, object?> => "map[string]interface {}",
        GoMethod => "func",
        _ => value.GetType().Name,
    };

    /// <summary>fmt's %v.</summary>
    public static string Print(object? value) => value switch
    {
        null => "<nil>",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d, 'g', -1),
        string s => s,
        IList<object?> list => $"[{string.Join(" ", list.Select(Print))}]",
        IDictionary<string, object?> map => $"map[{string.Join(" ", map.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}:{Print(pair.Value)}"))}]",
        _ => value.ToString() ?? "",
    };

    /// <summary>fmt.Sprint: operands printed with %v, a space between two operands when neither is a string.</summary>
    public static string Sprint(IReadOnlyList<object?> values)
    {
        var text = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0 && values[i] is not string && values[i - 1] is not string) text.Append(' ');
            text.Append(Print(values[i]));
        }
        return text.ToString();
    }

    /// <summary>strconv.FormatFloat for the 'e', 'f' and 'g' formats; a precision of -1 is the shortest that reads back the same.</summary>
    public static string FormatFloat(double value, char format, int precision)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "+Inf" : "-Inf";
        var sign = value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : "";
        var magnitude = Math.Abs(value);
        var upper = char.IsUpper(format);
        switch (char.ToLowerInvariant(format))
        {
            case 'f':
                if (precision >= 0) return sign + magnitude.ToString("F" + precision, CultureInfo.InvariantCulture);
                var (fixedDigits, fixedPoint) = Decompose(magnitude.ToString("R", CultureInfo.InvariantCulture));
                return sign + Fixed(fixedDigits, fixedPoint, Math.Max(fixedDigits.Length - fixedPoint, 0));
            case 'e':
                var (eDigits, ePoint) = Decompose(precision < 0 ? magnitude.ToString("R", CultureInfo.InvariantCulture) : magnitude.ToString("E" + precision, CultureInfo.InvariantCulture));
                return sign + Exponent(precision < 0 ? eDigits : eDigits.PadRight(precision + 1, '0'), ePoint, upper);
            default:
                var shortest = precision < 0;
                if (precision == 0) precision = 1;
                var (digits, point) = Decompose(shortest ? magnitude.ToString("R", CultureInfo.InvariantCulture) : magnitude.ToString("E" + (precision - 1), CultureInfo.InvariantCulture));
                var exponentPrecision = shortest ? 6 : precision;
                if (!shortest && exponentPrecision > digits.Length && digits.Length >= point) exponentPrecision = digits.Length;
                var exponent = point - 1;
                return sign + (exponent < -4 || exponent >= exponentPrecision
                    ? Exponent(digits, point, upper)
                    : Fixed(digits, point, Math.Max(digits.Length - point, 0)));
        }
    }

    /// <summary>The significant digits of a number written by .NET, without leading or trailing zeros, and where the decimal point falls among them.</summary>
    private static (string Digits, int Point) Decompose(string text)
    {
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var dot = mantissa.IndexOf('.');
        var digits = mantissa.Replace(".", "");
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0').TrimEnd('0');
        return digits.Length == 0 ? ("0", 1) : (digits, point - leading);
    }

    private static string Fixed(string digits, int point, int decimals)
    {
        var whole = point <= 0 ? "0" : point >= digits.Length ? digits + new string('0', point - digits.Length) : digits[..point];
        var fraction = point < 0 ? new string('0', -point) + digits : point < digits.Length ? digits[point..] : "";
        fraction = fraction.PadRight(decimals, '0')[..decimals];
        return decimals == 0 ? whole : $"{whole}.{fraction}";
    }

    /// <summary>d.ddde±XX, with at least two exponent digits as Go writes them.</summary>
    private static string Exponent(string digits, int point, bool upper)
    {
        var exponent = digits == "0" ? 0 : point - 1;
        var mantissa = digits.Length > 1 ? $"{digits[0]}.{digits[1..]}" : digits;
        return $"{mantissa}{(upper ? 'E' : 'e')}{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
    }

    /// <summary>Go's basic kinds, which eq, lt and the others compare within.</summary>
    private enum Kind { Bool, Integer, Float, String, Other }

    private static Kind KindOf(object? value) => value switch
    {
        bool => Kind.Bool,
        long or int => Kind.Integer,
        double => Kind.Float,
        string => Kind.String,
        _ => Kind.Other,
    };

    /// <summary>Go's eq for two values: both of one basic kind, or either nil.</summary>
    public static bool Equal(object? left, object? right)
    {
        if (left is null || right is null) return left is null && right is null;
        var (kl, kr) = (KindOf(left), KindOf(right));
        if (kl == Kind.Other || kr == Kind.Other) throw new GoFunctionException("uncomparable type " + TypeName(kl == Kind.Other ? left : right));
        if (kl != kr) throw new GoFunctionException("incompatible types for comparison");
        return kl switch
        {
            Kind.Bool => (bool)left == (bool)right,
            Kind.Integer => Convert.ToInt64(left, CultureInfo.InvariantCulture) == Convert.ToInt64(right, CultureInfo.InvariantCulture),
            Kind.Float => (double)left == (double)right,
            _ => string.CompareOrdinal((string)left, (string)right) == 0,
        };
    }

    /// <summary>Go's lt: integers, floats and strings of one kind.</summary>
    public static bool Less(object? left, object? right)
    {
        var (kl, kr) = (KindOf(left), KindOf(right));
        if (kl is Kind.Other or Kind.Bool || kr is Kind.Other or Kind.Bool)
            throw new GoFunctionException($"invalid type for comparison");
        if (kl != kr) throw new GoFunctionException("incompatible types for comparison");
        return kl switch
        {
            Kind.Integer => Convert.ToInt64(left, CultureInfo.InvariantCulture) < Convert.ToInt64(right, CultureInfo.InvariantCulture),
            Kind.Float => (double)left! < (double)right!,
            _ => string.CompareOrdinal((string)left!, (string)right!) < 0,
        };
    }
}

/// <summary>A function's own failure; the executor adds where it happened.</summary>
/// <param name="AsWritten">The chart author's own words (required, fail): passed on without Go's "error calling" prefix.</param>
public sealed class GoFunctionException(string message, bool asWritten = false) : Exception(message)
{
    public bool AsWritten { get; } = asWritten;
}
