using System.CommandLine;
using GitOrch.Api.Serialization;
using GitOrch.Cli.Contexts;
using GitOrch.Cli.Output;
using GitOrch.Engine.Git;
using GitOrch.Engine.Planning;
using GitOrch.Engine.Sync;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch edit KIND/NAME</c>: opens the file that declares the object in an editor, at its line. On
/// save the file is loaded as a commit would be: an error reopens it with the error at the top, and a
/// valid edit shows its diff, is committed and synced. Saving nothing changed cancels.
/// </summary>
public static class EditCommand
{
    public static Command Create(TextWriter output)
    {
        var source = new SourceOptions();
        var kind = KindArgument.Create("The kind, or KIND/NAME");
        var ns = CommonOptions.Namespace();
        var name = KindAndName.NameArgument(kind, ns);
        var command = new Command("edit", "Edit the file in Git that declares an object, then validate, commit and sync it") { kind, name, ns };
        source.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var (info, objectName) = KindAndName.Resolve(parse.GetValue(kind)!, parse.GetValue(name));
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var (repository, gitops) = await source.OpenForCommitAsync(parse, store, cancellationToken);
            BranchCommit.EnsureCommittable(repository);
            var key = ObjectKeys.For(info, ContextSelection.Namespace(parse, ns), objectName);
            var declared = gitops.DeclarationAtHead(key)
                ?? throw new NotFoundException($"a declaration in Git of {info.Resource} \"{objectName}\" (objects no commit declares are edited with apply -f)");
            var path = declared.Path;
            var original = BranchCommit.ReadAtHeadOrThrow(repository, path);

            using var editor = new EditorSession(Path.GetFileName(path));
            var (text, error) = (original, (string?)null);
            IReadOnlyList<Change> changes;
            while (true)
            {
                var saved = editor.Edit(text, declared.Line, error);
                if (saved == original)
                {
                    await output.WriteLineAsync("Edit cancelled, no changes made.");
                    return ExitCodes.Success;
                }
                if (error is not null && saved == text)
                    throw new InvalidOperationException($"the edit is still invalid, so nothing was committed: {error.Split('\n')[0]}");
                text = saved;
                try
                {
                    changes = GitOps.DiffCommits(repository, "HEAD", UnbranchedCommit.WithFile(repository, path, text));
                    break;
                }
                catch (ManifestException e)
                {
                    error = e.Message;
                }
            }
            new ChangePrinter(output).PrintDiffs(changes);
            var sha = BranchCommit.WriteFile(repository, path, text, $"Edit {info.Kind.ToLowerInvariant()}/{objectName} in {path}\n\nWritten by gitorch edit.");
            await output.WriteLineAsync($"commit {ShortSha.Of(sha)}: {path}");
            await SyncCommand.ApplyAsync(gitops, output, parse.InvocationConfiguration.Error, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
