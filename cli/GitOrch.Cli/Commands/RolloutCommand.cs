using System.CommandLine;
using System.Globalization;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Cli.Output;
using GitOrch.Store;
using GitOrch.Api.Vocabulary;
using GitOrch.Engine.Git;
using GitOrch.Engine.Sync;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch rollout status|history|undo|pause|resume|restart|promote|abort|retry deployment/NAME</c>.</summary>
public static class RolloutCommand
{
    public static Command Create(TextWriter output) => new("rollout", "Watch and steer a Deployment's rollout")
    {
        Subcommands =
        {
            Status(output), History(output), Undo(output),
            Annotate(output, "pause", "Stop the rollout where it is; a sync keeps it paused", WellKnown.Paused, _ => "true", "paused"),
            Annotate(output, "resume", "Carry on a paused rollout", WellKnown.Paused, _ => null, "resumed"),
            Annotate(output, "restart", "Replace every pod, rolling, with the same template", WellKnown.RestartedAt, _ => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), "restarted"),
            Promote(output),
            Annotate(output, "abort", "Abort a Canary or BlueGreen release: all traffic back to stable, new pods removed", WellKnown.RolloutAction, _ => RolloutActions.Abort, "aborted"),
            Annotate(output, "retry", "Start an aborted Canary release again from its first step", WellKnown.RolloutAction, _ => RolloutActions.Retry, "retried"),
        },
    };

    /// <summary>
    /// A rollout subcommand taking deployment/NAME and -n. Its action gets the store's client and the
    /// Deployment as read when it starts.
    /// </summary>
    private static Command Subcommand(string verb, string description, Func<ParseResult, ObjectClient, Deployment, CancellationToken, Task<int>> action, params Option[] options)
    {
        var target = new Argument<string>("deployment") { Description = "The Deployment, as deployment/NAME" };
        var ns = CommonOptions.Namespace();
        var command = new Command(verb, description) { target, ns };
        foreach (var option in options) command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var name = DeploymentName(parse.GetValue(target)!);
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var client = new ObjectClient(store);
            return await action(parse, client, await ReadAsync(client, ContextSelection.Namespace(parse, ns), name, cancellationToken), cancellationToken);
        });
        return command;
    }

    public static string DeploymentName(string target)
    {
        var parts = target.Split('/', 2);
        if (parts.Length == 2 && Kinds.Resolve(parts[0]) == Kinds.Deployment && parts[1].Length > 0) return parts[1];
        if (parts.Length == 1 && parts[0].Length > 0) return parts[0];
        throw new ArgumentException($"\"{target}\": expected deployment/NAME");
    }

    private static async Task<Deployment> ReadAsync(ObjectClient client, string ns, string name, CancellationToken cancellationToken) =>
        await client.GetAsync<Deployment>(ns, name, cancellationToken) ?? throw new NotFoundException($"deployment \"{name}\" in namespace {ns}");

    private static Command Status(TextWriter output)
    {
        var timeout = new Option<TimeSpan?>("--timeout") { Description = "Give up after this long (exit 1); default: wait until the rollout ends" };
        var watch = new Option<bool>("--watch", "-w")
        {
            Description = "Follow the rollout until it ends, with each version's live traffic during a canary (default true; --watch false prints once)",
            DefaultValueFactory = _ => true,
        };
        return Subcommand("status", "Show the rollout (a canary's step, weight and live metrics per version) and wait for it, after the sync of Git HEAD when that is still to come: exit 0 when it succeeds, 1 when it fails, aborts or passes its deadline",
            async (parse, client, deployment, cancellationToken) =>
                await new RolloutWaiter(client, output, parse.InvocationConfiguration.Error).WaitAsync(
                    deployment, await PendingCommitAsync(client, deployment, cancellationToken), parse.GetValue(timeout), parse.GetValue(watch), cancellationToken),
            timeout, watch);
    }

    /// <summary>
    /// Git HEAD, for a Deployment that Git declares, when the sync has yet to apply it: right after a
    /// commit, the Deployment in the store is still the one before, whose rollout has long finished.
    /// Null when Git cannot be reached or no source is recorded.
    /// </summary>
    private static async Task<PendingCommit?> PendingCommitAsync(ObjectClient client, Deployment deployment, CancellationToken cancellationToken)
    {
        if (deployment.Annotation(WellKnown.ManagedBy) != WellKnown.ManagedByGit) return null;
        var source = await new GitOps(client.Store).ReadSourceAsync(cancellationToken);
        if (source is null) return null;
        try
        {
            var gitops = new GitOps(client.Store, source.Open());
            return await gitops.ReachableGitHeadAsync(cancellationToken) is { } head
                ? new PendingCommit(head, token => gitops.CommitSyncAsync(head, token))
                : null;
        }
        catch (GitSourceException)
        {
            return null;
        }
    }

    private static Command History(TextWriter output) =>
        Subcommand("history", "List the Deployment's revisions, with the commit and images of each", async (_, client, deployment, cancellationToken) =>
        {
            var sets = await OwnedSetsAsync(client, deployment, cancellationToken);
            TextTable.Write(output, ["REVISION", "COMMIT", "IMAGES", "REPLICAS", "AGE"], sets.Select(set => new[]
            {
                DeploymentRevisions.Of(set).ToString(CultureInfo.InvariantCulture),
                set.Annotation(WellKnown.SourceCommit) is { Length: > 0 } commit ? ShortSha.Of(commit) : "-",
                string.Join(",", set.Spec.Template.Spec.Containers.Select(c => c.Image)),
                $"{set.Spec.Replicas ?? 0}",
                Age.Format(set.Metadata.CreationTimestamp),
            }));
            return ExitCodes.Success;
        });

    private static Command Undo(TextWriter output)
    {
        var revision = new Option<long?>("--to-revision") { Description = "The revision to go back to; default: the one before the current" };
        return Subcommand("undo", "Roll the Deployment back to an earlier revision's pod template", async (parse, client, deployment, cancellationToken) =>
        {
            var sets = await OwnedSetsAsync(client, deployment, cancellationToken);
            var current = DeploymentRevisions.Max(sets);
            var wanted = parse.GetValue(revision) ?? sets.Select(DeploymentRevisions.Of).Where(r => r < current).DefaultIfEmpty(0).Max();
            var set = sets.FirstOrDefault(s => DeploymentRevisions.Of(s) == wanted)
                ?? throw new NotFoundException($"revision {wanted} of deployment \"{deployment.Name}\" (see gitorch rollout history)");
            await client.UpdateAsync(DeploymentRevisions.RolledBackTo(deployment, set), deployment, cancellationToken);
            await output.WriteLineAsync($"deployment/{deployment.Name} rolled back to revision {wanted}");
            if (deployment.Spec.Strategy?.Type is StrategyTypes.Canary or StrategyTypes.BlueGreen)
                await output.WriteLineAsync($"note: promoted at once, without the {deployment.Spec.Strategy.Type} steps, since revision {wanted} has served before");
            if (deployment.Annotation(WellKnown.ManagedBy) == WellKnown.ManagedByGit)
                await output.WriteLineAsync("note: Git still declares the newer template; commit the change or use 'gitorch rollback' to keep it, since self-heal would restore Git's version");
            return ExitCodes.Success;
        }, revision);
    }

    private static Command Promote(TextWriter output)
    {
        var full = new Option<bool>("--full") { Description = "Skip every remaining step and promote now" };
        return Annotate(output, "promote", "Go past a Canary's current pause or analysis, or switch a BlueGreen release's active Service", WellKnown.RolloutAction,
            parse => parse.GetValue(full) ? RolloutActions.PromoteFull : RolloutActions.Promote, "promoted", full);
    }

    private static Command Annotate(TextWriter output, string verb, string description, string annotation, Func<ParseResult, string?> value, string done, params Option[] options) =>
        Subcommand(verb, description, async (parse, client, deployment, cancellationToken) =>
        {
            if (annotation == WellKnown.RolloutAction && deployment.Spec.Strategy?.Type is not (StrategyTypes.Canary or StrategyTypes.BlueGreen))
                throw new ArgumentException($"deployment \"{deployment.Name}\" uses strategy {deployment.Spec.Strategy?.Type ?? StrategyTypes.RollingUpdate}; {verb} needs Canary or BlueGreen");
            await client.UpdateAsync(deployment with { Metadata = deployment.Metadata.WithAnnotation(annotation, value(parse)) }, deployment, cancellationToken);
            await output.WriteLineAsync($"deployment/{deployment.Name} {done}");
            return ExitCodes.Success;
        }, options);

    private static async Task<List<ReplicaSet>> OwnedSetsAsync(ObjectClient client, Deployment deployment, CancellationToken cancellationToken) =>
        (await client.ListAsync<ReplicaSet>(deployment.Namespace, cancellationToken: cancellationToken))
            .Where(set => set.IsOwnedBy(deployment)).OrderBy(DeploymentRevisions.Of).ToList();
}
