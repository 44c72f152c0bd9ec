using System.CommandLine;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch logs POD|-l SELECTOR [-c C|--all-containers] [-f] [--tail N] [--previous] [--prefix]</c>:
/// containers' output, from their nodes' agents.
/// </summary>
public static class LogsCommand
{
    /// <summary>With a selector and no --tail, each container's last lines only, as kubectl does.</summary>
    private const int SelectorTail = 10;

    public static Command Create(TextWriter output)
    {
        var pod = new Argument<string?>("pod") { Description = "The pod: NAME, or pod/NAME as get -o name prints it", Arity = ArgumentArity.ZeroOrOne };
        var ns = CommonOptions.Namespace();
        LiveCompletions.NamesOf(pod, Kinds.Pod, ns);
        var selector = new Option<string?>("--selector", "-l")
        {
            Description = $"Every pod whose labels match, such as app=web (the last {SelectorTail} lines of each, unless --tail)",
        };
        var container = new Option<string?>("--container", "-c") { Description = "The container (default: the pod's first)" };
        var allContainers = new Option<bool>("--all-containers") { Description = "Every container of each pod" };
        var prefix = new Option<bool>("--prefix") { Description = "Start each line with [pod/NAME/CONTAINER]" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new output until the container exits or Ctrl-C" };
        var tail = new Option<int?>("--tail")
        {
            Description = "Only the last N lines",
            Validators = { NumberFlags.AtLeast(0) },
        };
        var previous = new Option<bool>("--previous", "-p") { Description = "The previous run of the container, after a restart" };
        var command = new Command("logs", "Print containers' logs") { pod, ns, selector, container, allContainers, prefix, follow, tail, previous };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var labels = parse.GetValue(selector);
            if ((parse.GetValue(pod) is null) == (labels is null))
                throw new ArgumentException("give one pod, or -l SELECTOR for several");
            if (parse.GetValue(allContainers) && parse.GetValue(container) is not null)
                throw new ArgumentException("--container and --all-containers cannot go together");
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var client = new ObjectClient(store);
            var identity = StoreIdentity.Of(parse);
            var namespaceName = ContextSelection.Namespace(parse, ns);
            IReadOnlyList<Pod> pods = labels is null
                ? [await AgentConnection.FindPodAsync(client, namespaceName, parse.GetValue(pod)!, cancellationToken)]
                : (await client.ListAsync<Pod>(namespaceName, SelectorParser.Parse(labels), cancellationToken)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            if (pods.Count == 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"No resources found in namespace {namespaceName}.");
                return ExitCodes.Success;
            }
            var streams = pods.SelectMany(p => parse.GetValue(allContainers)
                    ? p.Spec.Containers.Select(c => (Pod: p, Container: c.Name))
                    : [(Pod: p, Container: parse.GetValue(container) ?? p.Spec.Containers[0].Name)])
                .ToList();
            var lastLines = parse.GetValue(tail) ?? (labels is null ? null : SelectorTail);
            var query = $"follow={parse.GetValue(follow)}&previous={parse.GetValue(previous)}" + (lastLines is { } n ? $"&tail={n}" : "");
            var writer = new LockedLines(output);
            async Task CopyAsync((Pod Pod, string Container) stream)
            {
                var linePrefix = parse.GetValue(prefix) ? $"[pod/{stream.Pod.Name}/{stream.Container}] " : "";
                using var response = await AgentConnection.SendAsync(client, identity, stream.Pod, HttpMethod.Get,
                    $"logs?{query}&container={Uri.EscapeDataString(stream.Container)}", null, cancellationToken);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                    await writer.WriteAsync(linePrefix + line, cancellationToken);
            }
            // Followed streams run side by side, as they never end; otherwise one after another, so each pod's lines stay together.
            if (parse.GetValue(follow))
                await Task.WhenAll(streams.Select(CopyAsync));
            else
                foreach (var stream in streams)
                    await CopyAsync(stream);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Whole lines from several streams at once, never interleaved within a line.</summary>
    private sealed class LockedLines(TextWriter output)
    {
        private readonly SemaphoreSlim _lock = new(1);

        public async Task WriteAsync(string line, CancellationToken cancellationToken)
        {
            await _lock.WaitAsync(cancellationToken);
            try
            {
                await output.WriteLineAsync(line);
                await output.FlushAsync(cancellationToken);
            }
            finally
            {
                _lock.Release();
            }
        }
    }
}
