using GitOrch.Api.Model;
using GitOrch.Engine.Desired;
using LibGit2Sharp;
using GitOrch.Engine.Git;

namespace GitOrch.Engine.Desired;

/// <summary>One line of a declaration, and the commit that last changed it.</summary>
public sealed record BlameLine(long Number, CommitInfo Commit, string Text);

/// <summary>The declaration of an object, line by line, and the newest commit among its lines: the one that produced it.</summary>
public sealed record BlameResult(string Path, long FirstLine, long LastLine, CommitInfo Newest, IReadOnlyList<BlameLine> Lines);

public static class ObjectBlame
{
    /// <summary>
    /// Blames the document that declares the object. A chart's or a kustomization's output has no lines of
    /// its own in Git, so for it the whole template or kustomization file is blamed.
    /// </summary>
    public static BlameResult Blame(ManifestRepository source, DesiredObject declared, string atCommit)
    {
        using var repository = source.OpenGit();
        var commit = ManifestRepository.FindCommit(repository, atCommit);
        var text = (commit[declared.Path]?.Target as Blob)?.GetContentText()
                   ?? throw new GitSourceException($"{declared.Path} is not in commit {ShortSha.Of(commit.Sha)}");
        var lines = text.Split('\n');
        var rendered = declared.Object.Annotation(WellKnown.ChartRelease) is not null || RepositoryLayout.IsKustomizationFile(declared.Path);
        var first = rendered ? 1 : declared.Line;
        var last = Math.Min(rendered ? lines.Length : declared.EndLine, lines.Length);
        var hunks = repository.Blame(declared.Path, new BlameOptions { StartingAt = commit, MinLine = (int)first, MaxLine = (int)last });
        var blamed = new List<BlameLine>();
        for (var number = first; number <= last; number++)
        {
            var hunk = hunks.HunkForLine((int)number - 1);
            blamed.Add(new BlameLine(number, ManifestRepository.Describe(hunk.FinalCommit), lines[number - 1].TrimEnd('\r')));
        }
        var newest = blamed.MaxBy(line => line.Commit.Time)?.Commit ?? ManifestRepository.Describe(commit);
        return new BlameResult(declared.Path, first, last, newest, blamed);
    }
}
