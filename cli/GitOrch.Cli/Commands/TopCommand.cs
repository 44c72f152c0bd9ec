using System.CommandLine;
using System.Globalization;
using GitOrch.Api.Model;
using GitOrch.Api.Policy;
using GitOrch.Cli.Contexts;
using GitOrch.Cli.Output;
using GitOrch.Engine.Autoscaling;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch top nodes|pods</c>: CPU and memory in use, from what each node's agent measures of its pods
/// and publishes every few seconds, in kubectl top's columns. A node's figure is the sum of its pods'.
/// </summary>
public static class TopCommand
{
    public static Command Create(TextWriter output) =>
        new("top", "Show the CPU and memory that nodes and pods use, as their agents measure it") { Nodes(output), Pods(output) };

    private static Command Nodes(TextWriter output)
    {
        var name = new Argument<string?>("name") { Description = "One node's name", Arity = ArgumentArity.ZeroOrOne };
        LiveCompletions.NamesOf(name, Kinds.Node);
        var command = new Command("nodes", "Each node's pods' CPU and memory, and their share of what the node can allocate") { name };
        command.Aliases.Add("node");
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var client = new ObjectClient(store);
            var usage = (await new ClusterMetrics(store, TimeProvider.System).ReadNodesAsync(cancellationToken)).ToDictionary(node => node.Node);
            var nodes = (await client.ListAsync<Node>(cancellationToken: cancellationToken)).Where(node => parse.GetValue(name) is not { } wanted || node.Name == wanted).ToList();
            if (parse.GetValue(name) is { } missing && nodes.Count == 0) throw new NotFoundException($"node \"{missing}\"");
            TextTable.Write(output, ["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"], nodes.OrderBy(node => node.Name, StringComparer.Ordinal).Select(node =>
            {
                if (!usage.TryGetValue(node.Name, out var measured)) return (IEnumerable<string>)[node.Name, "<unknown>", "<unknown>", "<unknown>", "<unknown>"];
                var (cpu, memory) = (measured.Pods.Values.Sum(pod => pod.CpuMillicores), measured.Pods.Values.Sum(pod => pod.MemoryBytes));
                var allocatable = node.Status?.Allocatable ?? [];
                return [node.Name, Millicores(cpu), Percent(cpu / 1000m, allocatable.GetValueOrDefault("cpu")), Mebibytes(memory), Percent(memory, allocatable.GetValueOrDefault("memory"))];
            }));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Pods(TextWriter output)
    {
        var name = new Argument<string?>("name") { Description = "One pod's name", Arity = ArgumentArity.ZeroOrOne };
        var ns = CommonOptions.Namespace();
        LiveCompletions.NamesOf(name, Kinds.Pod, ns);
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "Pods in every namespace" };
        var selector = new Option<string?>("--selector", "-l") { Description = "Only pods whose labels match, such as app=web" };
        var sortBy = new Option<string?>("--sort-by") { Description = "Sort by cpu or memory, highest first" }.AcceptOnlyFromAmong("cpu", "memory");
        var command = new Command("pods", "Each pod's CPU and memory") { name, ns, all, selector, sortBy };
        command.Aliases.Add("pod");
        command.Aliases.Add("po");
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var namespaceFlag = parse.GetValue(all) ? null : ContextSelection.Namespace(parse, ns);
            var labelSelector = parse.GetValue(selector) is { } text ? SelectorParser.Parse(text) : null;
            var pods = await new ObjectClient(store).ListAsync<Pod>(namespaceFlag, labelSelector, cancellationToken);
            var usage = await new ClusterMetrics(store, TimeProvider.System).ReadPodsAsync(cancellationToken);
            var measured = pods.Where(pod => parse.GetValue(name) is not { } wanted || pod.Name == wanted)
                .Select(pod => (Pod: pod, Usage: usage.GetValueOrDefault(NodeUsage.PodKey(pod))))
                .Where(row => row.Usage is not null).ToList();
            if (parse.GetValue(name) is { } one && measured.Count == 0)
                throw new NotFoundException($"usage of pod {namespaceFlag ?? "*"}/{one} (its agent has published none yet)");
            if (measured.Count == 0)
            {
                await output.WriteLineAsync(namespaceFlag is null ? "No pod usage published yet." : $"No pod usage published yet in {namespaceFlag} namespace.");
                return ExitCodes.Success;
            }
            var ordered = parse.GetValue(sortBy) switch
            {
                "cpu" => measured.OrderByDescending(row => row.Usage!.CpuMillicores),
                "memory" => measured.OrderByDescending(row => row.Usage!.MemoryBytes),
                _ => measured.OrderBy(row => row.Pod.Namespace, StringComparer.Ordinal).ThenBy(row => row.Pod.Name, StringComparer.Ordinal),
            };
            string[] header = namespaceFlag is null ? ["NAMESPACE", "NAME", "CPU(cores)", "MEMORY(bytes)"] : ["NAME", "CPU(cores)", "MEMORY(bytes)"];
            TextTable.Write(output, header, ordered.Select(row => (IEnumerable<string>)[
                .. namespaceFlag is null ? [row.Pod.Namespace ?? WellKnown.DefaultNamespace] : Array.Empty<string>(),
                row.Pod.Name, Millicores(row.Usage!.CpuMillicores), Mebibytes(row.Usage.MemoryBytes)]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Millicores(long millicores) => millicores.ToString(CultureInfo.InvariantCulture) + "m";

    private static string Mebibytes(long bytes) => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + "Mi";

    private static string Percent(decimal used, string? allocatable) =>
        allocatable is not null && QuotaQuantities.Parse(allocatable) is > 0 and var total
            ? ((int)Math.Round(used * 100 / total)).ToString(CultureInfo.InvariantCulture) + "%"
            : "<unknown>";
}
