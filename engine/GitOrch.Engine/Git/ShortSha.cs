namespace GitOrch.Engine.Git;

/// <summary>A commit as people read it: the first 8 characters of its sha.</summary>
public static class ShortSha
{
    public const int Length = 8;

    public static string Of(string sha) => sha[..Math.Min(Length, sha.Length)];
}
