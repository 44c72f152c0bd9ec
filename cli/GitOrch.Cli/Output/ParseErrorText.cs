using System.Text.RegularExpressions;

namespace GitOrch.Cli.Output;

/// <summary>The parser's wording for a flag value of the wrong type, said as a user would: which flag, what was typed, what it takes.</summary>
public static partial class ParseErrorText
{
    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'\.$")]
    private static partial Regex WrongType();

    public static string Describe(string message) =>
        WrongType().Match(message) is { Success: true } match
            ? $"{match.Groups["option"].Value}: \"{match.Groups["value"].Value}\" is not {Expected(match.Groups["type"].Value)}"
            : message;

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("System.Int32", StringComparison.Ordinal) || type.Contains("System.Int64", StringComparison.Ordinal) => "a whole number",
        _ when type.Contains("System.Double", StringComparison.Ordinal) => "a number",
        _ when type.Contains("System.Boolean", StringComparison.Ordinal) => "true or false",
        _ => "a value of the right kind",
    };
}
