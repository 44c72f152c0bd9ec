using System.Text.RegularExpressions;

namespace GitOrch.TestSupport;

/// <summary>The shape every refusal of a manifest has: a line per error that starts with file:line:column, or the count of errors left unlisted.</summary>
public static class ErrorPlaces
{
    /// <summary>The lines of an error message that are neither; a test asserts there are none.</summary>
    public static IReadOnlyList<string> LinesWithoutAPlace(string message, string filePattern)
    {
        var place = new Regex($@"^({filePattern}:[0-9]+:[0-9]+: \S.*|… and [0-9]+ more)$");
        return [.. message.Split('\n').Where(line => !place.IsMatch(line))];
    }
}
