namespace GitOrch.Api.Validation;

/// <summary>"Did you mean": the known word closest to a mistyped one, when it is close enough to be a typo.</summary>
public static class Suggestions
{
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        var best = known
            .Select(word => (word, distance: Distance(typed.ToLowerInvariant(), word.ToLowerInvariant())))
            .OrderBy(candidate => candidate.distance)
            .FirstOrDefault();
        return best.word is not null && best.distance <= Math.Max(1, typed.Length / 3) ? best.word : null;
    }

    /// <summary>The optimal string alignment distance: edits, counting a swap of two neighbours as one.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
