using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOrch.Api.Model;

/// <summary>Durations as manifests write them: a sequence of numbers with units, such as 500ms, 30s, 15m or 1h30m.</summary>
public static partial class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var matches = Part().Matches(text);
        if (matches.Count == 0 || matches.Sum(m => m.Length) != text.Length) return false;
        foreach (Match match in matches)
        {
            var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
        }
        return true;
    }

    /// <summary>The duration, or an error that names the field and shows the expected form.</summary>
    public static TimeSpan Parse(string? text, string field) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"{field} \"{text}\" is not a duration such as 500ms, 30s, 15m or 1h30m");

    public static string Format(TimeSpan duration) =>
        duration.TotalHours >= 1 ? $"{(int)duration.TotalHours}h{duration.Minutes}m"
        : duration.TotalMinutes >= 1 ? $"{(int)duration.TotalMinutes}m{duration.Seconds}s"
        : duration.TotalSeconds >= 1 ? $"{duration.TotalSeconds:0.#}s"
        : $"{duration.TotalMilliseconds:0}ms";

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}
