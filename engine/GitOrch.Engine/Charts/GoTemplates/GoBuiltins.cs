using System.Globalization;
using System.Text;

namespace GitOrch.Engine.Charts.GoTemplates;

/// <summary>
/// The functions every Go template has: not, len, index, slice, the comparisons, print, printf,
/// println, html, js, urlquery and call. and and or are the executor's, since they stop early.
/// </summary>
public static class GoBuiltins
{
    public static IEnumerable<KeyValuePair<string, GoFunction>> All() => new Dictionary<string, GoFunction>
    {
        ["not"] = (_, a) => !GoValues.IsTrue(Single(a, "not")),
        ["len"] = (_, a) => Length(Single(a, "len")),
        ["index"] = (_, a) => Index(a),
        ["slice"] = (_, a) => Slice(a),
        ["eq"] = (_, a) => AtLeast(a, 2, "eq").Skip(1).Any(other => GoValues.Equal(a[0], other)),
        ["ne"] = (_, a) => !GoValues.Equal(Exactly(a, 2, "ne")[0], a[1]),
        ["lt"] = (_, a) => GoValues.Less(Exactly(a, 2, "lt")[0], a[1]),
        ["le"] = (_, a) => GoValues.Less(Exactly(a, 2, "le")[0], a[1]) || GoValues.Equal(a[0], a[1]),
        ["gt"] = (_, a) => !GoValues.Less(Exactly(a, 2, "gt")[0], a[1]) && !GoValues.Equal(a[0], a[1]),
        ["ge"] = (_, a) => !GoValues.Less(Exactly(a, 2, "ge")[0], a[1]),
        ["print"] = (_, a) => GoValues.Sprint(a),
        ["println"] = (_, a) => string.Join(" ", a.Select(GoValues.Print)) + "\n",
        ["printf"] = (_, a) => GoFormat.Sprintf(AtLeast(a, 1, "printf")[0] as string ?? throw new GoFunctionException("printf's format must be a string"), a[1..]),
        ["html"] = (_, a) => HtmlEscape(GoValues.Sprint(a)),
        ["js"] = (_, a) => JavaScriptEscape(GoValues.Sprint(a)),
        ["urlquery"] = (_, a) => Uri.EscapeDataString(GoValues.Sprint(a)).Replace("%20", "+"),
        ["call"] = (_, a) => AtLeast(a, 1, "call")[0] is GoMethod method
            ? method.Invoke(a[1..])
            : throw new GoFunctionException($"non-function of type {GoValues.TypeName(a[0])}"),
    };

    public static object?[] Exactly(object?[] arguments, int count, string name) =>
        arguments.Length == count ? arguments : throw new GoFunctionException($"wrong number of args for {name}: want {count} got {arguments.Length}");

    public static object?[] AtLeast(object?[] arguments, int count, string name) =>
        arguments.Length >= count ? arguments : throw new GoFunctionException($"wrong number of args for {name}: want at least {count} got {arguments.Length}");

    public static object? Single(object?[] arguments, string name) => Exactly(arguments, 1, name)[0];

    private static long Length(object? value) => value switch
    {
        string s => Encoding.UTF8.GetByteCount(s),
        IList<object?> list => list.Count,
        IDictionary<string, object?> map => map.Count,
        _ => throw new GoFunctionException($"len of type {GoValues.TypeName(value)}"),
    };

    private static object? Index(object?[] arguments)
    {
        var value = AtLeast(arguments, 1, "index")[0];
        foreach (var key in arguments.Skip(1))
        {
            value = value switch
            {
                IList<object?> list => ToIndex(key, list.Count) is var i && i < list.Count ? list[i] : throw new GoFunctionException($"index out of range: {i}"),
                IDictionary<string, object?> map => key is string name ? (map.TryGetValue(name, out var found) ? found : null) : throw new GoFunctionException($"value has type {GoValues.TypeName(key)}; should be string"),
                string s => (long)Encoding.UTF8.GetBytes(s)[ToIndex(key, s.Length)],
                null => throw new GoFunctionException("index of untyped nil"),
                _ => throw new GoFunctionException($"can't index item of type {GoValues.TypeName(value)}"),
            };
        }
        return value;
    }

    private static int ToIndex(object? key, int length) => key switch
    {
        long or int when Convert.ToInt64(key, CultureInfo.InvariantCulture) is var i and >= 0 => (int)i,
        long or int => throw new GoFunctionException($"index out of range: {key}"),
        _ => throw new GoFunctionException($"cannot index slice/array with type {GoValues.TypeName(key)}"),
    };

    private static object? Slice(object?[] arguments)
    {
        var value = AtLeast(arguments, 1, "slice")[0];
        var length = value switch
        {
            string s => s.Length,
            IList<object?> list => list.Count,
            _ => throw new GoFunctionException($"can't slice item of type {GoValues.TypeName(value)}"),
        };
        var bounds = arguments.Skip(1).Select(bound => ToIndex(bound, length)).ToList();
        if (bounds.Count > 3) throw new GoFunctionException("too many slice indexes");
        var from = bounds.Count > 0 ? bounds[0] : 0;
        var to = bounds.Count > 1 ? bounds[1] : length;
        if (from > to || to > length) throw new GoFunctionException($"invalid slice index: {from} > {to}");
        return value is string text ? text[from..to] : ((IList<object?>)value!).Skip(from).Take(to - from).ToList();
    }

    /// <summary>template.HTMLEscapeString: the five characters HTML gives meaning to, and NUL.</summary>
    private static string HtmlEscape(string text) => string.Concat(text.Select(c => c switch
    {
        '&' => "&amp;",
        '\'' => "&#39;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&#34;",
        '\0' => "\uFFFD",
        _ => c.ToString(),
    }));

    private static string JavaScriptEscape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '"' => "\\\"",
                '<' => "\\u003C",
                '>' => "\\u003E",
                '&' => "\\u0026",
                '=' => "\\u003D",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}
