using System.Text;
using System.Text.RegularExpressions;
using GitOrch.Engine.Charts.GoTemplates;
using static GitOrch.Engine.Charts.GoTemplates.GoBuiltins;
using static GitOrch.Engine.Charts.Sprig.SprigConvert;

namespace GitOrch.Engine.Charts.Sprig;

/// <summary>Sprig's string functions, with their argument order: the string the pipeline passes comes last.</summary>
public static partial class SprigStrings
{
    public static IEnumerable<KeyValuePair<string, GoFunction>> All() => new Dictionary<string, GoFunction>
    {
        ["trim"] = (_, a) => ToText(Single(a, "trim")).Trim(),
        ["trimAll"] = (_, a) => ToText(Exactly(a, 2, "trimAll")[1]).Trim(ToText(a[0]).ToCharArray()),
        ["trimPrefix"] = (_, a) => ToText(Exactly(a, 2, "trimPrefix")[1]) is var s && s.StartsWith(ToText(a[0]), StringComparison.Ordinal) ? s[ToText(a[0]).Length..] : s,
        ["trimSuffix"] = (_, a) => ToText(Exactly(a, 2, "trimSuffix")[1]) is var s && s.EndsWith(ToText(a[0]), StringComparison.Ordinal) ? s[..^ToText(a[0]).Length] : s,
        ["upper"] = (_, a) => ToText(Single(a, "upper")).ToUpperInvariant(),
        ["lower"] = (_, a) => ToText(Single(a, "lower")).ToLowerInvariant(),
        ["title"] = (_, a) => Title(ToText(Single(a, "title"))),
        ["untitle"] = (_, a) => Regex.Replace(ToText(Single(a, "untitle")), @"\b\w", m => m.Value.ToLowerInvariant()),
        ["repeat"] = (_, a) => string.Concat(Enumerable.Repeat(ToText(Exactly(a, 2, "repeat")[1]), (int)Math.Max(0, ToInt64(a[0])))),
        ["substr"] = (_, a) => Substring(ToText(Exactly(a, 3, "substr")[2]), ToInt64(a[0]), ToInt64(a[1])),
        ["nospace"] = (_, a) => string.Concat(ToText(Single(a, "nospace")).Where(c => !char.IsWhiteSpace(c))),
        ["trunc"] = (_, a) => Truncate(ToText(Exactly(a, 2, "trunc")[1]), ToInt64(a[0])),
        ["abbrev"] = (_, a) => Abbreviate(ToText(Exactly(a, 2, "abbrev")[1]), (int)ToInt64(a[0])),
        ["initials"] = (_, a) => string.Concat(ToText(Single(a, "initials")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => word[0])),
        ["wrap"] = (_, a) => Wrap(ToText(Exactly(a, 2, "wrap")[1]), (int)ToInt64(a[0])),
        ["contains"] = (_, a) => ToText(Exactly(a, 2, "contains")[1]).Contains(ToText(a[0]), StringComparison.Ordinal),
        ["hasPrefix"] = (_, a) => ToText(Exactly(a, 2, "hasPrefix")[1]).StartsWith(ToText(a[0]), StringComparison.Ordinal),
        ["hasSuffix"] = (_, a) => ToText(Exactly(a, 2, "hasSuffix")[1]).EndsWith(ToText(a[0]), StringComparison.Ordinal),
        ["quote"] = (_, a) => string.Join(" ", a.Where(v => v is not null).Select(v => GoFormat.Quote(ToText(v)))),
        ["squote"] = (_, a) => string.Join(" ", a.Where(v => v is not null).Select(v => $"'{ToText(v)}'")),
        ["cat"] = (_, a) => string.Join(" ", a.Where(v => v is not null).Select(ToText)),
        ["indent"] = (_, a) => Indent(ToText(Exactly(a, 2, "indent")[1]), (int)ToInt64(a[0])),
        ["nindent"] = (_, a) => "\n" + Indent(ToText(Exactly(a, 2, "nindent")[1]), (int)ToInt64(a[0])),
        ["replace"] = (_, a) => ToText(Exactly(a, 3, "replace")[2]).Replace(ToText(a[0]), ToText(a[1]), StringComparison.Ordinal),
        ["plural"] = (_, a) => ToInt64(Exactly(a, 3, "plural")[2]) == 1 ? ToText(a[0]) : ToText(a[1]),
        ["snakecase"] = (_, a) => Words(ToText(Single(a, "snakecase")), "_", lower: true),
        ["kebabcase"] = (_, a) => Words(ToText(Single(a, "kebabcase")), "-", lower: true),
        ["camelcase"] = (_, a) => string.Concat(Regex.Split(ToText(Single(a, "camelcase")), "[_\\-\\s]+").Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
        ["swapcase"] = (_, a) => string.Concat(ToText(Single(a, "swapcase")).Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c))),
        ["split"] = (_, a) => SplitToMap(ToText(Exactly(a, 2, "split")[1]).Split(ToText(a[0]))),
        ["splitList"] = (_, a) => ToText(Exactly(a, 2, "splitList")[1]).Split(ToText(a[0])).Cast<object?>().ToList(),
        ["splitn"] = (_, a) => SplitToMap(ToText(Exactly(a, 3, "splitn")[2]).Split(ToText(a[0]), (int)ToInt64(a[1]))),
        ["join"] = (_, a) => string.Join(ToText(Exactly(a, 2, "join")[0]), Strings(a[1])),
        ["sortAlpha"] = (_, a) => Strings(Single(a, "sortAlpha")).Order(StringComparer.Ordinal).Cast<object?>().ToList(),
        ["toString"] = (_, a) => ToText(Single(a, "toString")),
        ["toStrings"] = (_, a) => Strings(Single(a, "toStrings")).Cast<object?>().ToList(),
        ["regexMatch"] = (_, a) => Pattern(Exactly(a, 2, "regexMatch")[0]).IsMatch(ToText(a[1])),
        ["mustRegexMatch"] = (_, a) => Pattern(Exactly(a, 2, "mustRegexMatch")[0]).IsMatch(ToText(a[1])),
        ["regexFind"] = (_, a) => Pattern(Exactly(a, 2, "regexFind")[0]).Match(ToText(a[1])) is { Success: true } m ? m.Value : "",
        ["regexFindAll"] = (_, a) => FindAll(Pattern(Exactly(a, 3, "regexFindAll")[0]), ToText(a[1]), (int)ToInt64(a[2])),
        ["regexReplaceAll"] = (_, a) => Pattern(Exactly(a, 3, "regexReplaceAll")[0]).Replace(ToText(a[1]), ToText(a[2])),
        ["regexReplaceAllLiteral"] = (_, a) => Pattern(Exactly(a, 3, "regexReplaceAllLiteral")[0]).Replace(ToText(a[1]), ToText(a[2]).Replace("$", "$$")),
        ["regexSplit"] = (_, a) => Pattern(Exactly(a, 3, "regexSplit")[0]).Split(ToText(a[1])) is var parts && ToInt64(a[2]) is var n and >= 0 ? parts.Take((int)n).Cast<object?>().ToList() : parts.Cast<object?>().ToList(),
        ["regexQuoteMeta"] = (_, a) => Regex.Escape(ToText(Single(a, "regexQuoteMeta"))),
    };

    /// <summary>The items of a list as text; nil items are left out, as Sprig's strslice does.</summary>
    public static List<string> Strings(object? value) => value switch
    {
        IList<object?> list => list.Where(item => item is not null).Select(ToText).ToList(),
        string s => [s],
        null => [],
        _ => [ToText(value)],
    };

    private static string Title(string text) => Regex.Replace(text, @"(^|\s)(\S)", m => m.Groups[1].Value + char.ToUpperInvariant(m.Groups[2].Value[0]));

    private static string Substring(string text, long start, long end)
    {
        if (start < 0) return text[..(int)Math.Min(Math.Max(end, 0), text.Length)];
        if (end < 0 || end > text.Length) return start > text.Length ? "" : text[(int)start..];
        return start > end ? "" : text[(int)start..(int)end];
    }

    private static string Truncate(string text, long length) =>
        length < 0 ? (text.Length + length > 0 ? text[(int)(text.Length + length)..] : "") : length < text.Length ? text[..(int)length] : text;

    private static string Abbreviate(string text, int width) =>
        width < 4 || text.Length <= width ? text : text[..(width - 3)] + "...";

    private static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return string.Join("\n", lines);
    }

    public static string Indent(string text, int spaces)
    {
        var pad = new string(' ', Math.Max(0, spaces));
        return pad + text.Replace("\n", "\n" + pad);
    }

    private static string Words(string text, string separator, bool lower)
    {
        var spaced = CaseBoundary().Replace(text, "$1 $2");
        var words = Regex.Split(spaced, "[_\\-\\s]+").Where(w => w.Length > 0);
        return string.Join(separator, lower ? words.Select(w => w.ToLowerInvariant()) : words);
    }

    /// <summary>split gives a map of _0, _1, …, as Sprig does.</summary>
    private static Dictionary<string, object?> SplitToMap(string[] parts) =>
        parts.Select((part, i) => (part, i)).ToDictionary(p => $"_{p.i}", p => (object?)p.part);

    private static Regex Pattern(object? pattern)
    {
        try
        {
            return new Regex(ToText(pattern), RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new GoFunctionException($"error parsing regexp: {e.Message}");
        }
    }

    private static List<object?> FindAll(Regex pattern, string text, int limit)
    {
        var found = pattern.Matches(text).Select(m => (object?)m.Value);
        return (limit < 0 ? found : found.Take(limit)).ToList();
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex CaseBoundary();
}
