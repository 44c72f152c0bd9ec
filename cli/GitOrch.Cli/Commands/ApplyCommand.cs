using System.CommandLine;
using GitOrch.Engine.Git;
using GitOrch.Engine.Planning;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch apply</c>: make the store match one commit, now.</summary>
public static class ApplyCommand
{
    public static Command Create(TextWriter output)
    {
        var repo = CommonOptions.Repo(required: true);
        var revision = CommonOptions.Revision();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and write nothing" };
        var command = new Command("apply", "Apply a commit's manifests: create, update and prune objects so the store matches it") { repo, revision, dryRun };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var manifests = ManifestRepository.Open(parse.GetValue(repo)!).Load(parse.GetValue(revision)!);
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(CommonOptions.Store), cancellationToken);
            var result = await new Applier(new ObjectClient(store)).ApplyAsync(manifests, parse.GetValue(dryRun), cancellationToken);
            var suffix = parse.GetValue(dryRun) ? " (dry run)" : "";
            foreach (var change in result.Changes)
                await output.WriteLineAsync($"{change.Describe()}{suffix}");
            await output.WriteLineAsync($"commit {result.Commit[..12]}: {result.Changes.Count} change(s){suffix}");
            return ExitCodes.Success;
        });
        return command;
    }
}
