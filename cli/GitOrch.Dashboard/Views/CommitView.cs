using GitOrch.Engine.Sync;
using static GitOrch.Dashboard.Views.Html;

namespace GitOrch.Dashboard.Views;

/// <summary>A commit, as a blame line opens it: who wrote it and why, the file and line asked about, and the objects it changed.</summary>
internal static class CommitView
{
    public static Page Render(ViewRequest request, string sha)
    {
        var repository = request.Settings.Repository;
        var (commit, parent) = repository.Inspect(sha);
        var file = request.Context.Request.Query["file"].ToString();
        var line = request.Context.Request.Query["line"].ToString();
        var details = DefinitionList([
            ("Commit", $"<code id=\"commit-sha\">{E(commit.Sha)}</code>"),
            ("Author", E(commit.Author)),
            ("Message", E(commit.Message)),
            ("Committed", Age(commit.Time) + " ago"),
            ("Set", file.Length == 0 ? "" : $"<code id=\"blamed-line\">{E(file)}{(line.Length > 0 ? $":{E(line)}" : "")}</code>"),
        ]);
        var changes = parent is null
            ? "<p>The repository's first commit.</p>"
            : Table("Objects this commit changed", ["Change"], GitOps.DiffCommits(repository, parent, commit.Sha)
                .Select(change => (IReadOnlyList<string>)[E(change.Describe())]), "none");
        return new Page($"Commit {commit.ShortSha}", [], Heading($"Commit {commit.ShortSha}") + details + Section("Changes", changes));
    }
}
