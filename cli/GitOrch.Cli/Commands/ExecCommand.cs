using System.CommandLine;
using System.Net.Http.Json;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch exec POD [-c C] -- CMD…</c>: runs a command in a running container and exits with its exit code.</summary>
public static class ExecCommand
{
    public static Command Create(TextWriter output)
    {
        var pod = new Argument<string>("pod") { Description = "The pod: NAME, or pod/NAME as get -o name prints it" };
        var commandLine = new Argument<string[]>("command") { Description = "The command and its arguments, after --", Arity = ArgumentArity.OneOrMore };
        var ns = CommonOptions.Namespace();
        LiveCompletions.NamesOf(pod, Kinds.Pod, ns);
        var container = new Option<string?>("--container", "-c") { Description = "The container (default: the pod's first)" };
        var command = new Command("exec", "Run a command in a container (not interactive) and print its output") { pod, commandLine, ns, container };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var client = new ObjectClient(store);
            var found = await AgentConnection.FindPodAsync(client, ContextSelection.Namespace(parse, ns), parse.GetValue(pod)!, cancellationToken);
            var query = "exec" + (parse.GetValue(container) is { } c ? $"?container={Uri.EscapeDataString(c)}" : "");
            using var response = await AgentConnection.SendAsync(client, StoreIdentity.Of(parse), found, HttpMethod.Post, query, JsonContent.Create(parse.GetValue(commandLine)), cancellationToken);
            var result = await response.Content.ReadFromJsonAsync<ExecResult>(cancellationToken) ?? new ExecResult(1, "");
            await output.WriteAsync(result.Output);
            return result.ExitCode;
        });
        return command;
    }
}
