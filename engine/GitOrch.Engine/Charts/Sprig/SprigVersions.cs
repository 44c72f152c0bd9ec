using GitOrch.Engine.Charts.GoTemplates;
using static GitOrch.Engine.Charts.GoTemplates.GoBuiltins;
using static GitOrch.Engine.Charts.Sprig.SprigConvert;

namespace GitOrch.Engine.Charts.Sprig;

/// <summary>Sprig's semver and semverCompare.</summary>
public static class SprigVersions
{
    public static IEnumerable<KeyValuePair<string, GoFunction>> All() => new Dictionary<string, GoFunction>
    {
        ["semverCompare"] = (_, a) => Compare(ToText(Exactly(a, 2, "semverCompare")[0]), ToText(a[1])),
        ["semver"] = (_, a) => Describe(ToText(Single(a, "semver"))),
    };

    private static bool Compare(string constraint, string version)
    {
        var parsed = SemanticVersion.TryParse(version) ?? throw new GoFunctionException($"Invalid Semantic Version");
        try
        {
            return SemanticVersion.Satisfies(constraint, parsed);
        }
        catch (FormatException e)
        {
            throw new GoFunctionException(e.Message);
        }
    }

    private static Dictionary<string, object?> Describe(string text)
    {
        var version = SemanticVersion.TryParse(text) ?? throw new GoFunctionException("Invalid Semantic Version");
        return new Dictionary<string, object?>
        {
            ["Major"] = version.Major,
            ["Minor"] = version.Minor,
            ["Patch"] = version.Patch,
            ["Prerelease"] = version.Prerelease,
            ["Original"] = text,
        };
    }
}
