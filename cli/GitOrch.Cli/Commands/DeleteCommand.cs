using System.CommandLine;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Engine.Planning;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch delete</c>: remove objects from the store. What Git declares is refused, because the next
/// sync would bring it back and the change belongs in a commit; <c>--force</c> deletes it anyway and
/// records the deletion as drift with an event. Every name is checked before anything is deleted.
/// </summary>
public static class DeleteCommand
{
    public const string ForcedReason = "DeletedOutsideGit";

    public static Command Create(TextWriter output)
    {
        var kind = KindArgument.Create("The kind, such as pod, deployment or cm");
        var names = new Argument<string[]>("names") { Description = "The objects' names", Arity = ArgumentArity.ZeroOrMore };
        var ns = CommonOptions.Namespace();
        LiveCompletions.Names(names, kind, ns);
        var selector = new Option<string?>("--selector", "-l") { Description = "Delete every object of the kind whose labels match, such as app=web" };
        var force = new Option<bool>("--force") { Description = "Delete objects that Git declares too; the deletion is drift until Git or a sync restores them" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would be deleted and write nothing" };
        var command = new Command("delete", "Delete objects that GitOrch does not manage from Git (Git-managed ones need --force)") { kind, names, ns, selector, force, dryRun };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var wanted = parse.GetValue(names) ?? [];
            var labelSelector = parse.GetValue(selector) is { } text ? SelectorParser.Parse(text) : null;
            if (wanted.Length == 0 == (labelSelector is null))
                throw new ArgumentException("give the objects' names or a --selector (-l), not both");

            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var info = KindArgument.Resolve(parse.GetValue(kind)!);
            var client = new ObjectClient(store);
            var namespaceName = info.Namespaced ? ContextSelection.Namespace(parse, ns) : null;
            var targets = labelSelector is null
                ? await FindAllAsync(client, info, namespaceName, wanted, cancellationToken)
                : await client.ListAsync(info, namespaceName, labelSelector, cancellationToken);
            if (targets.Count == 0)
                throw new NotFoundException($"{info.Resource} matching {parse.GetValue(selector)}" + (namespaceName is null ? "" : $" in namespace {namespaceName}"));

            var managed = targets.Where(Planner.IsManagedByGit).ToList();
            if (managed.Count > 0 && !parse.GetValue(force))
                throw new InvalidOperationException(
                    $"{Describe(info, managed[0])} is managed from Git ({managed[0].Annotation(WellKnown.SourcePath)}); " +
                    "remove it from the repository and commit, or pass --force to delete it as drift" +
                    (managed.Count > 1 ? $" ({managed.Count - 1} more like it)" : ""));

            var suffix = parse.GetValue(dryRun) ? " (dry run)" : "";
            var events = new EventRecorder(client, "gitorch-cli");
            foreach (var target in targets)
            {
                if (!parse.GetValue(dryRun))
                {
                    await client.DeleteAsync(target, cancellationToken);
                    if (Planner.IsManagedByGit(target))
                        await events.RecordAsync(target, EventTypes.Warning, ForcedReason,
                            "deleted with --force although Git declares it; this is drift until Git changes or a sync restores it", cancellationToken);
                }
                await output.WriteLineAsync($"{Describe(info, target)} deleted{suffix}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<IReadOnlyList<KubeObject>> FindAllAsync(ObjectClient client, KindInfo info, string? ns, string[] names, CancellationToken cancellationToken)
    {
        var found = new List<KubeObject>();
        foreach (var name in names.Distinct())
            found.Add(await client.GetAsync(info, ns, name, cancellationToken)
                      ?? throw new NotFoundException($"{info.Kind.ToLowerInvariant()} \"{name}\"" + (ns is null ? "" : $" in namespace {ns}")));
        return found;
    }

    private static string Describe(KindInfo info, KubeObject obj) => $"{info.Kind.ToLowerInvariant()}/{obj.Name}";
}
