using System.CommandLine;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch logs POD [-c C] [-f] [--tail N] [--previous]</c>: a container's output, from its node's agent.</summary>
public static class LogsCommand
{
    public static Command Create(TextWriter output)
    {
        var pod = new Argument<string>("pod") { Description = "The pod: NAME, or pod/NAME as get -o name prints it" };
        var ns = CommonOptions.Namespace();
        var container = new Option<string?>("--container", "-c") { Description = "The container (default: the pod's first)" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new output until the container exits or Ctrl-C" };
        var tail = new Option<int?>("--tail")
        {
            Description = "Only the last N lines",
            Validators = { NumberFlags.AtLeast(0) },
        };
        var previous = new Option<bool>("--previous", "-p") { Description = "The previous run of the container, after a restart" };
        var command = new Command("logs", "Print a container's logs") { pod, ns, container, follow, tail, previous };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var client = new ObjectClient(store);
            var found = await AgentConnection.FindPodAsync(client, ContextSelection.Namespace(parse, ns), parse.GetValue(pod)!, cancellationToken);
            var query = $"logs?follow={parse.GetValue(follow)}&previous={parse.GetValue(previous)}"
                + (parse.GetValue(container) is { } c ? $"&container={Uri.EscapeDataString(c)}" : "")
                + (parse.GetValue(tail) is { } n ? $"&tail={n}" : "");
            using var response = await AgentConnection.SendAsync(client, found, HttpMethod.Get, query, null, cancellationToken);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                await output.WriteLineAsync(line);
                await output.FlushAsync(cancellationToken);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
