using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace GitOrch.Api.Serialization;

/// <summary>
/// Turns what the YAML library says about a value that does not fit its field into one line in the
/// project's words: what the field expects, never a .NET type name.
/// </summary>
internal static partial class YamlErrorText
{
    public static string Describe(YamlException exception)
    {
        var innermost = (Exception)exception;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        var message = innermost is YamlException yaml ? StripMark().Replace(yaml.Message, "") : innermost.Message;
        return Translate(message);
    }

    private static string Translate(string message)
    {
        if (UnknownField().Match(message) is { Success: true } unknown)
            return IsScalarType(unknown.Groups["type"].Value)
                ? $"expected {Expected(unknown.Groups["type"].Value)} here, not a mapping"
                : $"unknown field \"{unknown.Groups["field"].Value}\" in {unknown.Groups["type"].Value}";
        if (WrongNode().Match(message) is { Success: true } wrong)
            return $"expected {NodeWord(wrong.Groups["expected"].Value)} here, not {NodeWord(wrong.Groups["got"].Value)}";
        if (NoDeserializer().Match(message) is { Success: true } none)
            return $"expected {Expected(none.Groups["type"].Value)} here";
        if (InvalidCast().Match(message) is { Success: true } cast)
            return $"expected {Expected(cast.Groups["type"].Value)} here, not a single value";
        if (NotANumber().Match(message) is { Success: true } number)
            return $"\"{number.Groups["value"].Value}\" is not a whole number";
        if (NotABoolean().Match(message) is { Success: true } boolean)
            return $"\"{boolean.Groups["value"].Value}\" is not true or false";
        if (NotATime().Match(message) is { Success: true } time)
            return $"\"{time.Groups["value"].Value}\" is not a time such as 2026-01-02T03:04:05Z";
        if (message.Contains("overflow", StringComparison.OrdinalIgnoreCase))
            return "the number is too large for this field";
        if (message.StartsWith("Index was outside the bounds", StringComparison.Ordinal))
            return "expected a value of this field's type here";
        return TypeName().Replace(message, match => match.Groups["short"].Value);
    }

    private static bool IsScalarType(string type) =>
        type is "Int32" or "Int64" or "Boolean" or "String" or "Double" or "Decimal" or "DateTimeOffset" or "IntOrString";

    /// <summary>What a .NET type name, as the library prints it, stands for in YAML.</summary>
    private static string Expected(string type) =>
        type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) ? "a whole number"
        : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
        : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) ? "a number"
        : type.Contains("DateTimeOffset", StringComparison.Ordinal) ? "a time"
        : type.Contains("System.String", StringComparison.Ordinal) || type == "String" ? "a single value"
        : type.Contains("List`1", StringComparison.Ordinal) || type.Contains("JsonArray", StringComparison.Ordinal) ? "a list"
        : "a mapping";

    private static string NodeWord(string yamlEvent) => yamlEvent switch
    {
        "MappingStart" => "a mapping",
        "SequenceStart" => "a list",
        "Scalar" => "a single value",
        "AnchorAlias" => "an alias (*name); free-form fields such as chart values take no aliases, write the value out",
        _ => yamlEvent,
    };

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex StripMark();

    [GeneratedRegex(@"Property '(?<field>[^']+)' not found on type '(?:[\w`]+\.)*(?<type>[\w`]+)'")]
    private static partial Regex UnknownField();

    [GeneratedRegex(@"^Expected '(?<expected>\w+)', got '(?<got>\w+)'")]
    private static partial Regex WrongNode();

    [GeneratedRegex(@"deserialize the node into type (?<type>.+)$")]
    private static partial Regex NoDeserializer();

    [GeneratedRegex(@"^Invalid cast from '[^']+' to '(?<type>[^']+)'")]
    private static partial Regex InvalidCast();

    [GeneratedRegex(@"^The input string '(?<value>.*)' was not in a correct format")]
    private static partial Regex NotANumber();

    [GeneratedRegex(@"^The value ""(?<value>.*)"" is not a valid YAML Boolean")]
    private static partial Regex NotABoolean();

    [GeneratedRegex(@"^The string '(?<value>.*)' was not recognized as a valid DateTime")]
    private static partial Regex NotATime();

    [GeneratedRegex(@"(?:[A-Za-z_]\w*\.)+(?<short>[A-Za-z_]\w*)(?:`\d+\[\[[^\]]*\]\])?")]
    private static partial Regex TypeName();
}
