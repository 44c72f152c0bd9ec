using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOrch.Engine.Charts.Sprig;

/// <summary>
/// A semantic version (a leading v and missing minor or patch numbers are allowed) and constraints on
/// it as charts write them: = != &gt; &lt; &gt;= &lt;= ~ ^, wildcards (1.2.x), hyphen ranges (1.2 - 1.4),
/// AND with commas or spaces, OR with ||. A version with a pre-release matches only a constraint that has one.
/// </summary>
public sealed partial record SemanticVersion(long Major, long Minor, long Patch, string Prerelease) : IComparable<SemanticVersion>
{
    public static SemanticVersion? TryParse(string text)
    {
        var match = VersionPattern().Match(text.Trim());
        if (!match.Success) return null;
        long Part(int group) => match.Groups[group].Success && match.Groups[group].Value is not ("x" or "X" or "*") ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        return new SemanticVersion(Part(1), Part(2), Part(3), match.Groups[4].Success ? match.Groups[4].Value : "");
    }

    public static SemanticVersion Parse(string text) =>
        TryParse(text) ?? throw new FormatException($"Invalid Semantic Version: \"{text}\"");

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null) return 1;
        var order = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (order != 0) return order;
        if (Prerelease == other.Prerelease) return 0;
        if (Prerelease.Length == 0) return 1;
        if (other.Prerelease.Length == 0) return -1;
        return ComparePrerelease(Prerelease, other.Prerelease);
    }

    private static int ComparePrerelease(string left, string right)
    {
        var a = left.Split('.');
        var b = right.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var numeric = (long.TryParse(a[i], out var x), long.TryParse(b[i], out var y));
            var order = numeric switch
            {
                (true, true) => x.CompareTo(y),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (order != 0) return order;
        }
        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Whether <paramref name="version"/> meets the constraint text.</summary>
    public static bool Satisfies(string constraint, SemanticVersion version) =>
        constraint.Split("||").Any(alternative => AllOf(alternative, version));

    private static bool AllOf(string alternative, SemanticVersion version)
    {
        var text = HyphenRange().Replace(alternative.Trim(), ">=$1, <=$2");
        var terms = TermPattern().Matches(text).Select(m => (Operator: m.Groups[1].Value, Version: m.Groups[2].Value)).ToList();
        if (terms.Count == 0) throw new FormatException($"improper constraint: {alternative.Trim()}");
        var allowsPrerelease = terms.Any(term => term.Version.Contains('-'));
        if (version.Prerelease.Length > 0 && !allowsPrerelease) return false;
        return terms.All(term => Meets(term.Operator, term.Version, version));
    }

    private static bool Meets(string op, string text, SemanticVersion version)
    {
        var match = VersionPattern().Match(text);
        if (!match.Success) throw new FormatException($"improper constraint: {op}{text}");
        var parts = Enumerable.Range(1, 3).Select(i => match.Groups[i].Success && match.Groups[i].Value is not ("x" or "X" or "*") ? match.Groups[i].Value : null).ToArray();
        var given = parts.TakeWhile(part => part is not null).Count();
        var bound = Parse(text);
        var floor = bound with { Prerelease = bound.Prerelease };
        SemanticVersion Next(int level) => level switch
        {
            0 => new SemanticVersion(bound.Major + 1, 0, 0, ""),
            1 => new SemanticVersion(bound.Major, bound.Minor + 1, 0, ""),
            _ => new SemanticVersion(bound.Major, bound.Minor, bound.Patch + 1, ""),
        };
        bool Within(SemanticVersion ceiling) => version.CompareTo(floor) >= 0 && version.CompareTo(ceiling) < 0;
        return op switch
        {
            "" or "=" when given < 3 => given == 0 || Within(Next(given - 1)),
            "" or "=" => version.CompareTo(bound) == 0,
            "!=" when given < 3 => given > 0 && !Within(Next(given - 1)),
            "!=" => version.CompareTo(bound) != 0,
            ">" when given < 3 => given > 0 && version.CompareTo(Next(given - 1)) >= 0,
            ">" => version.CompareTo(bound) > 0,
            ">=" or "=>" => version.CompareTo(floor) >= 0,
            "<" => version.CompareTo(floor) < 0,
            "<=" or "=<" when given < 3 => version.CompareTo(Next(Math.Max(given - 1, 0))) < 0,
            "<=" or "=<" => version.CompareTo(bound) <= 0,
            "~" or "~>" => Within(Next(given <= 1 ? 0 : 1)),
            "^" => Within(Next(bound.Major > 0 || given == 1 ? 0 : bound.Minor > 0 || given == 2 ? 1 : 2)),
            _ => throw new FormatException($"improper constraint: {op}{text}"),
        };
    }

    public override string ToString() => $"{Major}.{Minor}.{Patch}{(Prerelease.Length > 0 ? "-" + Prerelease : "")}";

    [GeneratedRegex(@"^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.\-]+))?(?:\+[0-9A-Za-z.\-]+)?$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"(!=|>=|=>|<=|=<|~>|>|<|=|~|\^)?\s*(v?[0-9xX*][0-9A-Za-z.\-+*]*)")]
    private static partial Regex TermPattern();

    [GeneratedRegex(@"(v?[0-9][0-9A-Za-z.\-+]*)\s+-\s+(v?[0-9][0-9A-Za-z.\-+]*)")]
    private static partial Regex HyphenRange();
}
