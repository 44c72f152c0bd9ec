using System.CommandLine;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Engine.Sync;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch scale deployment/NAME --replicas N</c>: commits the new count where Git declares it (the
/// manifest, the kustomization or the chart value), then syncs, so the change is in Git's history and
/// auto-sync keeps it. With <c>--no-commit</c> it prints the patch and writes nothing.
/// </summary>
public static class ScaleCommand
{
    private static readonly KindInfo[] Scalable = [Kinds.Deployment, Kinds.StatefulSet, Kinds.ReplicaSet];

    public static Command Create(TextWriter output)
    {
        var source = new SourceOptions();
        var kind = new Argument<string>("kind") { Description = "deployment/NAME, statefulset/NAME or replicaset/NAME; or the kind, with NAME after it" };
        var ns = CommonOptions.Namespace();
        var name = KindAndName.NameArgument(kind, ns);
        var replicas = new Option<int>("--replicas") { Description = "The number of replicas to declare", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why, for the commit message" };
        var noCommit = new Option<bool>("--no-commit") { Description = "Print the patch to the declaring file and write nothing" };
        var command = new Command("scale", "Declare a new replica count in Git, where the workload is declared, and sync it") { kind, name, ns, replicas, reason, noCommit };
        source.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var (info, objectName) = KindAndName.Resolve(parse.GetValue(kind)!, parse.GetValue(name));
            if (!Scalable.Contains(info))
                throw new ArgumentException($"{info.Resource} cannot be scaled (scalable: {string.Join(", ", Scalable.Select(k => k.Resource))})");
            var wanted = parse.GetValue(replicas);
            if (wanted < 0) throw new ArgumentException($"--replicas {wanted}: must not be negative");
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var client = new ObjectClient(store);
            var namespaceName = ContextSelection.Namespace(parse, ns);
            var workload = await client.GetAsync(info, namespaceName, objectName, cancellationToken)
                           ?? throw new NotFoundException($"{info.Resource} \"{objectName}\" in namespace {namespaceName}");
            var current = ReplicasOf(workload);
            var label = $"{info.Kind.ToLowerInvariant()}/{objectName}";
            if (current == wanted)
            {
                await output.WriteLineAsync($"{label} already declares {wanted} replicas; nothing to commit");
                return ExitCodes.Success;
            }
            var (repository, gitops) = await source.OpenForCommitAsync(parse, store, cancellationToken);
            var changer = new DeclaredFieldChanger(client, repository);
            var edit = await changer.ReplicasEditAsync(workload, current, wanted, cancellationToken);
            if (parse.GetValue(noCommit))
            {
                await output.WriteAsync(edit.Patch());
                return ExitCodes.Success;
            }
            var why = parse.GetValue(reason) is { Length: > 0 } text ? $"\n\n{text}" : "";
            await changer.CommitAsync(edit, $"Scale {label} from {current} to {wanted} replicas{why}\n\nWritten by gitorch scale.", output);
            await SyncCommand.ApplyAsync(gitops, output, parse.InvocationConfiguration.Error, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static int ReplicasOf(KubeObject workload) => workload switch
    {
        Deployment deployment => deployment.Spec.Replicas ?? 1,
        StatefulSet set => set.Spec.Replicas ?? 1,
        ReplicaSet set => set.Spec.Replicas ?? 1,
        _ => throw new ArgumentException($"{workload.Kind} has no replica count"),
    };
}
