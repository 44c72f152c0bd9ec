using System.Globalization;

namespace GitOrch.Api.Model;

/// <summary>Reads a Service's <c>gitorch.io/traffic-weights</c> annotation: <c>HASH=WEIGHT,…</c>, or null when absent or unreadable.</summary>
public static class TrafficWeights
{
    public static IReadOnlyDictionary<string, int>? Of(Service service)
    {
        if (service.Metadata.Annotations?.GetValueOrDefault(WellKnown.TrafficWeights) is not { Length: > 0 } text) return null;
        var weights = new Dictionary<string, int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var weight)) return null;
            weights[pair[0]] = weight;
        }
        return weights;
    }

    public static string Format(IReadOnlyDictionary<string, int> weights) =>
        string.Join(",", weights.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));
}
