using GitOrch.Engine.Charts.Sprig;

namespace GitOrch.Engine.Charts.Repositories;

/// <summary>Picks the newest of a chart's versions that meets a constraint; with none, the newest that is not a pre-release.</summary>
internal static class ChartVersions
{
    public static T Newest<T>(IEnumerable<(string Version, T Item)> candidates, ChartSource source)
    {
        var parsed = candidates
            .Select(candidate => (Parsed: SemanticVersion.TryParse(candidate.Version), candidate.Item))
            .Where(candidate => candidate.Parsed is not null)
            .ToList();
        bool Fits(SemanticVersion version) => source.Constraint is { Length: > 0 } wanted
            ? SemanticVersion.Satisfies(wanted, version)
            : version.Prerelease.Length == 0;
        try
        {
            var fitting = parsed.Where(candidate => Fits(candidate.Parsed!)).ToList();
            if (fitting.Count == 0)
                throw new ChartRepositoryException(
                    $"{source.Repository}: no version of {source.Chart} meets \"{source.Constraint}\"; it has {string.Join(", ", parsed.Select(candidate => candidate.Parsed))}");
            return fitting.MaxBy(candidate => candidate.Parsed)!.Item;
        }
        catch (FormatException e)
        {
            throw new ChartRepositoryException($"spec.version \"{source.Constraint}\": {e.Message}");
        }
    }
}
