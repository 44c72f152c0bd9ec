using System.CommandLine;
using System.Threading.Channels;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch wait</c>: block until objects are deleted, have a status condition, or have a field value,
/// as kubectl's wait does. It follows the store's watch, prints each object as it is met, and exits 1
/// with one line when the timeout passes first.
/// </summary>
public static class WaitCommand
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static Command Create(TextWriter output)
    {
        var objects = new Argument<string[]>("objects")
        {
            Description = "KIND/NAME…, or KIND NAME…, or KIND with -l or --all",
            Arity = ArgumentArity.OneOrMore,
        };
        var ns = CommonOptions.Namespace();
        var selector = new Option<string?>("--selector", "-l") { Description = "Wait for every object of the kind with these labels" };
        var all = new Option<bool>("--all") { Description = "Wait for every object of the kind in the namespace" };
        var condition = new Option<string>("--for")
        {
            Description = "delete, condition=TYPE[=VALUE] (such as condition=Ready) or jsonpath={PATH}[=VALUE] (such as jsonpath={.status.phase}=Running)",
            Required = true,
        };
        var timeout = new Option<TimeSpan?>("--timeout") { Description = "Give up after this long (exit 1); default 30s" };
        var command = new Command("wait", "Wait until objects are deleted, or reach a condition or a field value") { objects, ns, selector, all, condition, timeout };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var wanted = WaitCondition.Parse(parse.GetValue(condition)!);
            var namespaceName = ContextSelection.Namespace(parse, ns);
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var client = new ObjectClient(store);
            var labelSelector = parse.GetValue(selector) is { } text ? SelectorParser.Parse(text) : null;
            var targets = await TargetsAsync(client, parse.GetValue(objects)!, namespaceName, labelSelector, parse.GetValue(all), cancellationToken);

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(parse.GetValue(timeout) ?? DefaultTimeout);
            var pending = targets.ToHashSet();
            try
            {
                await WaitAsync(client, output, pending, wanted, namespaceName, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"timed out waiting for the condition on {string.Join(", ", pending.Select(Describe))}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<List<(KindInfo Kind, string Name)>> TargetsAsync(ObjectClient client, string[] tokens, string ns, LabelSelector? selector, bool all,
        CancellationToken cancellationToken)
    {
        if (tokens[0].Contains('/'))
        {
            if (selector is not null || all) throw new ArgumentException("-l and --all take a kind, not KIND/NAME");
            return tokens.Select(token => KindAndName.TrySplit(token, null)
                ?? throw new ArgumentException($"\"{token}\": expected KIND/NAME like the objects before it")).ToList();
        }
        var kind = KindArgument.Resolve(tokens[0]);
        if (tokens.Length > 1)
            return tokens[1..].Select(name => (kind, name)).ToList();
        if (selector is null && !all) throw new ArgumentException($"which {kind.Resource}? Give names, -l SELECTOR or --all");
        var found = await client.ListAsync(kind, kind.Namespaced ? ns : null, selector, cancellationToken);
        return found.Count > 0
            ? found.Select(obj => (kind, obj.Name)).ToList()
            : throw new NotFoundException($"{kind.Resource} matching {(selector is null ? "--all" : "the selector")} in namespace {ns}");
    }

    /// <summary>Checks every object once, then again each time the watch of its kind reports a change, until none is pending.</summary>
    private static async Task WaitAsync(ObjectClient client, TextWriter output, HashSet<(KindInfo Kind, string Name)> pending, WaitCondition wanted,
        string ns, CancellationToken cancellationToken)
    {
        var changed = Channel.CreateUnbounded<KindInfo>();
        using var stopWatches = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watches = pending.Select(target => target.Kind).Distinct().Select(kind => Task.Run(async () =>
        {
            await foreach (var _ in client.WatchAsync(kind, stopWatches.Token))
                changed.Writer.TryWrite(kind);
        }, stopWatches.Token)).ToList();
        try
        {
            foreach (var kind in pending.Select(target => target.Kind).Distinct().ToList())
                await CheckAsync(client, output, pending, kind, wanted, ns, firstLook: true, cancellationToken);
            while (pending.Count > 0)
                await CheckAsync(client, output, pending, await changed.Reader.ReadAsync(cancellationToken), wanted, ns, firstLook: false, cancellationToken);
        }
        finally
        {
            await stopWatches.CancelAsync();
            await Task.WhenAll(watches).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    private static async Task CheckAsync(ObjectClient client, TextWriter output, HashSet<(KindInfo Kind, string Name)> pending, KindInfo kind,
        WaitCondition wanted, string ns, bool firstLook, CancellationToken cancellationToken)
    {
        foreach (var target in pending.Where(target => target.Kind == kind).ToList())
        {
            var live = await client.GetAsync(kind, kind.Namespaced ? ns : null, target.Name, cancellationToken);
            if (firstLook && live is null && !wanted.IsMet(null))
                throw new NotFoundException($"{kind.Resource} \"{target.Name}\"");
            if (!wanted.IsMet(live)) continue;
            pending.Remove(target);
            await output.WriteLineAsync($"{kind.Kind.ToLowerInvariant()}/{target.Name} {wanted.Met}");
        }
    }

    private static string Describe((KindInfo Kind, string Name) target) => $"{target.Kind.Resource}/{target.Name}";
}
