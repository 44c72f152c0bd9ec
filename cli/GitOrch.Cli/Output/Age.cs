namespace GitOrch.Cli.Output;

public static class Age
{
    /// <summary>Ages as kubectl prints them: 45s, 12m, 3h, 5d.</summary>
    public static string Format(DateTimeOffset? created)
    {
        if (created is null) return "<unknown>";
        var age = DateTimeOffset.UtcNow - created.Value;
        return age.TotalSeconds < 120 ? $"{Math.Max(0, (int)age.TotalSeconds)}s"
            : age.TotalMinutes < 120 ? $"{(int)age.TotalMinutes}m"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }
}
