using System.Globalization;
using System.Text;

namespace GitOrch.Engine.Charts.GoTemplates;

/// <summary>
/// fmt.Sprintf for the values templates hold: the verbs v, s, q, d, f, F, e, E, g, G, x, X, o, b, t, c,
/// T and U with the flags - + # 0 and space, widths and precisions, and Go's %!verb(type=value) for a
/// value of the wrong type, %!verb(MISSING) and %!(EXTRA …).
/// </summary>
public static class GoFormat
{
    public static string Sprintf(string format, IReadOnlyList<object?> args)
    {
        var text = new StringBuilder();
        var next = 0;
        var at = 0;
        while (at < format.Length)
        {
            var c = format[at++];
            if (c != '%')
            {
                text.Append(c);
                continue;
            }
            var spec = new Spec();
            while (at < format.Length && "-+# 0".Contains(format[at]))
            {
                switch (format[at++])
                {
                    case '-': spec.Left = true; break;
                    case '+': spec.Plus = true; break;
                    case '#': spec.Sharp = true; break;
                    case ' ': spec.Space = true; break;
                    default: spec.Zero = true; break;
                }
            }
            spec.Width = ReadNumber(format, ref at, args, ref next);
            if (at < format.Length && format[at] == '.')
            {
                at++;
                spec.Precision = ReadNumber(format, ref at, args, ref next) ?? 0;
            }
            if (at >= format.Length)
            {
                text.Append("%!(NOVERB)");
                break;
            }
            var verb = format[at++];
            if (verb == '%')
            {
                text.Append('%');
                continue;
            }
            if (next >= args.Count)
            {
                text.Append($"%!{verb}(MISSING)");
                continue;
            }
            text.Append(Pad(Format(verb, args[next++], spec), spec));
        }
        if (next < args.Count)
            text.Append("%!(EXTRA ").Append(string.Join(", ", args.Skip(next).Select(arg => $"{GoValues.TypeName(arg)}={GoValues.Print(arg)}"))).Append(')');
        return text.ToString();
    }

    private sealed class Spec
    {
        public bool Left, Plus, Sharp, Space, Zero;
        public int? Width;
        public int? Precision;
        public bool Numeric;
    }

    private static int? ReadNumber(string format, ref int at, IReadOnlyList<object?> args, ref int next)
    {
        if (at < format.Length && format[at] == '*')
        {
            at++;
            return next < args.Count && args[next] is long or int ? Convert.ToInt32(args[next++], CultureInfo.InvariantCulture) : null;
        }
        var start = at;
        while (at < format.Length && char.IsDigit(format[at])) at++;
        return at > start ? int.Parse(format[start..at], CultureInfo.InvariantCulture) : null;
    }

    private static string Pad(string value, Spec spec)
    {
        if (spec.Width is not { } width || value.Length >= width) return value;
        if (spec.Left) return value.PadRight(width);
        if (spec.Zero && spec.Numeric)
        {
            var signed = value.Length > 0 && value[0] is '-' or '+' or ' ';
            return signed ? value[0] + value[1..].PadLeft(width - 1, '0') : value.PadLeft(width, '0');
        }
        return value.PadLeft(width);
    }

    private static string Bad(char verb, object? value) =>
        value is null ? $"%!{verb}(<nil>)" : $"%!{verb}({GoValues.TypeName(value)}={GoValues.Print(value)})";

    private static string Format(char verb, object? value, Spec spec)
    {
        if (verb == 'T') return GoValues.TypeName(value);
        if (value is IList<object?> list && verb != 'v')
            return $"[{string.Join(" ", list.Select(item => Format(verb, item, spec)))}]";
        switch (verb)
        {
            case 'v':
                if (value is double d) return Signed(GoValues.FormatFloat(d, 'g', spec.Precision ?? -1), spec, d >= 0);
                if (value is long or int) return Signed(GoValues.Print(value), spec, Convert.ToInt64(value, CultureInfo.InvariantCulture) >= 0);
                if (value is string quoted && spec.Sharp) return Quote(quoted);
                return GoValues.Print(value);
            case 's':
                return value switch
                {
                    string s => spec.Precision is { } p && p < s.Length ? s[..p] : s,
                    IDictionary<string, object?> => GoValues.Print(value),
                    _ => Bad(verb, value),
                };
            case 'q':
                return value switch
                {
                    string s => spec.Sharp && !s.Contains('`') ? $"`{s}`" : Quote(s),
                    long or int => $"'{char.ConvertFromUtf32(Convert.ToInt32(value, CultureInfo.InvariantCulture))}'",
                    _ => Bad(verb, value),
                };
            case 'd':
                return value is long or int ? Signed(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), spec, Convert.ToInt64(value, CultureInfo.InvariantCulture) >= 0) : Bad(verb, value);
            case 'f' or 'F' or 'e' or 'E' or 'g' or 'G':
                return value is double real
                    ? Signed(GoValues.FormatFloat(real, verb == 'F' ? 'f' : verb, spec.Precision ?? (verb is 'g' or 'G' ? -1 : 6)), spec, real >= 0)
                    : Bad(verb, value);
            case 'x' or 'X' or 'o' or 'b':
                return value switch
                {
                    long or int => Signed(InBase(Convert.ToInt64(value, CultureInfo.InvariantCulture), verb, spec.Sharp), spec, Convert.ToInt64(value, CultureInfo.InvariantCulture) >= 0),
                    string s when verb is 'x' or 'X' => Convert.ToHexString(Encoding.UTF8.GetBytes(s)) is var hex && verb == 'x' ? hex.ToLowerInvariant() : Convert.ToHexString(Encoding.UTF8.GetBytes(s)),
                    _ => Bad(verb, value),
                };
            case 't':
                return value is bool b ? (b ? "true" : "false") : Bad(verb, value);
            case 'c':
                return value is long or int ? char.ConvertFromUtf32(Convert.ToInt32(value, CultureInfo.InvariantCulture)) : Bad(verb, value);
            case 'U':
                return value is long or int ? $"U+{Convert.ToInt64(value, CultureInfo.InvariantCulture):X4}" : Bad(verb, value);
            default:
                return Bad(verb, value);
        }
    }

    private static string Signed(string digits, Spec spec, bool positive)
    {
        spec.Numeric = true;
        return positive && spec.Plus ? "+" + digits : positive && spec.Space ? " " + digits : digits;
    }

    private static string InBase(long value, char verb, bool sharp)
    {
        var magnitude = (ulong)Math.Abs(value);
        var digits = verb switch
        {
            'x' => magnitude.ToString("x", CultureInfo.InvariantCulture),
            'X' => magnitude.ToString("X", CultureInfo.InvariantCulture),
            'o' => Convert.ToString((long)magnitude, 8),
            _ => Convert.ToString((long)magnitude, 2),
        };
        var prefix = !sharp ? "" : verb switch { 'x' => "0x", 'X' => "0X", 'o' => "0", _ => "" };
        return (value < 0 ? "-" : "") + prefix + digits;
    }

    /// <summary>strconv.Quote: a double-quoted Go string literal.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var rune in value.EnumerateRunes())
        {
            text.Append(rune.Value switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '\a' => "\\a",
                '\b' => "\\b",
                '\f' => "\\f",
                '\v' => "\\v",
                < 0x20 or 0x7f => $"\\x{rune.Value:x2}",
                _ => rune.ToString(),
            });
        }
        return text.Append('"').ToString();
    }
}
