namespace GitOrch.Engine.Git;

/// <summary>Who made a commit, when, and why: what a release records of its source.</summary>
public sealed record CommitInfo(string Sha, string Author, string Message, DateTimeOffset Time)
{
    public string ShortSha => Git.ShortSha.Of(Sha);
}
