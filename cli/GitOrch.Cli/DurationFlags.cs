using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using GitOrch.Api.Model;

namespace GitOrch.Cli;

/// <summary>
/// Every duration flag of the tree takes 30s, 15m or 1h30m, as kubectl's flags and the manifests do,
/// and also hh:mm:ss.
/// </summary>
public static class DurationFlags
{
    public static void AcceptIn(Command command)
    {
        foreach (var option in command.Options)
        {
            if (option is Option<TimeSpan> plain) plain.CustomParser = result => Parse(result) ?? default;
            else if (option is Option<TimeSpan?> nullable) nullable.CustomParser = Parse;
        }
        foreach (var subcommand in command.Subcommands)
            AcceptIn(subcommand);
    }

    private static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (Durations.TryParse(text, out var duration) || TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration)) return duration;
        var flag = (result.Parent as OptionResult)?.Option.Name ?? "the duration";
        result.AddError($"{flag} \"{text}\" is not a duration such as 30s, 15m or 1h30m");
        return null;
    }
}
