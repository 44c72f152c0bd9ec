using System.CommandLine;
using GitOrch.Api.Model;
using GitOrch.Engine.Nodes;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch cordon|uncordon|drain NODE</c>: keep new pods off a node, let them back, or empty it.</summary>
public static class NodeCommands
{
    public static IEnumerable<Command> Create(TextWriter output) =>
    [
        Cordon(output, "cordon", "Mark the node unschedulable: new pods go elsewhere, running ones stay", unschedulable: true),
        Cordon(output, "uncordon", "Mark the node schedulable again", unschedulable: false),
        Drain(output),
    ];

    private static Argument<string> NodeArgument()
    {
        var node = new Argument<string>("node") { Description = "The node's name" };
        LiveCompletions.NamesOf(node, Kinds.Node);
        return node;
    }

    private static Command Cordon(TextWriter output, string verb, string description, bool unschedulable)
    {
        var node = NodeArgument();
        var command = new Command(verb, description) { node };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            await new NodeDrain(new ObjectClient(store)).SetUnschedulableAsync(parse.GetValue(node)!, unschedulable, cancellationToken);
            await output.WriteLineAsync($"node/{parse.GetValue(node)} {verb}ed");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Drain(TextWriter output)
    {
        var node = NodeArgument();
        var force = new Option<bool>("--force") { Description = "Also delete pods that no controller will replace" };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long to wait for PodDisruptionBudgets to allow each eviction, such as 5m; 0 waits as long as it takes",
            DefaultValueFactory = _ => TimeSpan.Zero,
        };
        var command = new Command("drain", "Cordon the node and evict its pods, honouring PodDisruptionBudgets, so their controllers re-create them elsewhere (DaemonSet pods stay)")
        {
            node, force, timeout,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var name = parse.GetValue(node)!;
            await new NodeDrain(new ObjectClient(store)).DrainAsync(name, parse.GetValue(force), parse.GetValue(timeout),
                line => output.WriteLineAsync(line), cancellationToken);
            await output.WriteLineAsync($"node/{name} drained");
            return ExitCodes.Success;
        });
        return command;
    }
}
