using System.CommandLine;
using GitOrch.Api.Model;
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

    private static Argument<string> NodeArgument() => new("node") { Description = "The node's name" };

    private static Command Cordon(TextWriter output, string verb, string description, bool unschedulable)
    {
        var node = NodeArgument();
        var command = new Command(verb, description) { node };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var client = new ObjectClient(store);
            await SetUnschedulableAsync(client, parse.GetValue(node)!, unschedulable, cancellationToken);
            await output.WriteLineAsync($"node/{parse.GetValue(node)} {verb}ed");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Drain(TextWriter output)
    {
        var node = NodeArgument();
        var force = new Option<bool>("--force") { Description = "Also delete pods that no controller will replace" };
        var command = new Command("drain", "Cordon the node and delete its pods, so their controllers re-create them elsewhere (DaemonSet pods stay)") { node, force };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var client = new ObjectClient(store);
            var name = parse.GetValue(node)!;
            var pods = (await client.ListAsync<Pod>(cancellationToken: cancellationToken)).Where(pod => pod.Spec.NodeName == name).ToList();
            var bare = pods.Where(pod => pod.ControllerReference() is null).ToList();
            if (bare.Count > 0 && !parse.GetValue(force))
                throw new ArgumentException($"node {name} runs pods no controller would replace ({string.Join(", ", bare.Select(pod => $"{pod.Namespace}/{pod.Name}"))}); use --force to delete them anyway");
            await SetUnschedulableAsync(client, name, true, cancellationToken);
            await output.WriteLineAsync($"node/{name} cordoned");
            foreach (var pod in pods.Where(pod => pod.ControllerReference()?.Kind != Kinds.DaemonSet.Kind))
            {
                await client.DeleteAsync(pod, cancellationToken);
                await output.WriteLineAsync($"evicting pod {pod.Namespace}/{pod.Name}");
            }
            await output.WriteLineAsync($"node/{name} drained");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task SetUnschedulableAsync(ObjectClient client, string name, bool unschedulable, CancellationToken cancellationToken)
    {
        var node = await client.GetAsync<Node>(null, name, cancellationToken) ?? throw new NotFoundException($"node \"{name}\"");
        await client.UpdateAsync(node with { Spec = node.Spec with { Unschedulable = unschedulable ? true : null } }, node, cancellationToken);
    }
}
