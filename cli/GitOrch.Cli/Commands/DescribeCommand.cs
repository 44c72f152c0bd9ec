using System.CommandLine;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Cli.Contexts;
using GitOrch.Cli.Output;
using GitOrch.Engine.Git;
using GitOrch.Engine.Planning;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch describe KIND NAME</c>: the object with its status, its health, then the events about it.</summary>
public static class DescribeCommand
{
    public static Command Create(TextWriter output)
    {
        var kind = KindArgument.Create("The kind, such as deployment, pod or node");
        var ns = CommonOptions.Namespace();
        var name = KindAndName.NameArgument(kind, ns);
        var showSecrets = SecretsFlag.Create();
        var command = new Command("describe", "Show one object, its status and the events about it") { kind, name, ns, showSecrets };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var (info, objectName) = KindAndName.Resolve(parse.GetValue(kind)!, parse.GetValue(name));
            var client = new ObjectClient(store);
            var obj = await client.GetAsync(info, ContextSelection.Namespace(parse, ns), objectName, cancellationToken)
                ?? throw new NotFoundException($"{info.Resource} \"{objectName}\"");
            await output.WriteAsync(ObjectYaml.ToText(ObjectJson.ToNode(SecretsFlag.Apply(obj, parse.GetValue(showSecrets)))));
            await output.WriteLineAsync();
            foreach (var line in SyncLines(obj))
                await output.WriteLineAsync(line);
            var events = (await client.ListAsync<Event>(obj.Namespace ?? WellKnown.DefaultNamespace, cancellationToken: cancellationToken))
                .Where(e => e.InvolvedObject.Kind == obj.Kind && e.InvolvedObject.Name == obj.Name)
                .OrderBy(e => e.FirstTimestamp)
                .ToList();
            await output.WriteLineAsync();
            if (events.Count == 0)
            {
                await output.WriteLineAsync("Events: <none>");
                return ExitCodes.Success;
            }
            await output.WriteLineAsync("Events:");
            TextTable.Write(output, ["TYPE", "REASON", "AGE", "FROM", "MESSAGE"],
                events.Select(e => new[] { e.Type, e.Reason, Age.Format(e.FirstTimestamp), e.Source ?? "", e.Message }));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The object's health as a sync wave waits for it, and its wave or hook phase when it has one.</summary>
    private static IEnumerable<string> SyncLines(KubeObject obj)
    {
        var health = ObjectHealth.Of(obj);
        yield return health.Message.Length == 0 ? $"Health: {health.Status}" : $"Health: {health.Status} ({health.Message})";
        if (obj.Annotation(WellKnown.SyncWave) is not null)
            yield return $"Sync wave: {SyncWaves.WaveOf(obj)}";
        if (obj.Annotation(WellKnown.Hook) is { } phase)
            yield return $"Hook: {phase}, run by the sync of commit {ShortSha.Of(obj.Annotation(WellKnown.SourceCommit) ?? "")}";
    }
}
