using System.CommandLine;
using System.CommandLine.Completions;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Engine.Sync;
using GitOrch.Store;
using System.Globalization;

namespace GitOrch.Cli;

/// <summary>
/// Completion of live names: from the store, namespaces, the names of the kind typed so far, node names
/// and release numbers; from the config file, context names. It reads the store the line names (its
/// --store and --context), and offers nothing when that store does not answer within a second, so a
/// shell never waits on it.
/// </summary>
public static class LiveCompletions
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    public static void Namespaces(Option<string?> option) =>
        option.CompletionSources.Add(context => Read(context.ParseResult, async (client, token) =>
            (await client.ListSpecsAsync(Kinds.Namespace, token)).Select(ns => ns.Name).Append(WellKnown.DefaultNamespace).Distinct()));

    /// <summary>The names of the objects of the kind <paramref name="kind"/> holds, in the line's namespace.</summary>
    public static void Names(Argument argument, Argument<string> kind, Option<string?> ns) =>
        argument.CompletionSources.Add(context => Kinds.Resolve(context.ParseResult.GetValue(kind) ?? "") is { } info
            ? NamesOf(context, info, ns)
            : []);

    public static void NamesOf(Argument argument, KindInfo info, Option<string?>? ns = null) =>
        argument.CompletionSources.Add(context => NamesOf(context, info, ns));

    /// <summary>Release numbers, each with its commit and message as the detail.</summary>
    public static void Releases(Argument argument) =>
        argument.CompletionSources.Add(context => ReadItems(context.ParseResult, async (client, token) =>
            (await new GitOps(client.Store).HistoryAsync(token)).Releases.Select(release => new CompletionItem(release.Number.ToString(CultureInfo.InvariantCulture), detail: $"{release.ShortCommit} {release.Message}"))));

    public static T Contexts<T>(T symbol) where T : Symbol
    {
        Func<CompletionContext, IEnumerable<CompletionItem>> contexts = _ => ContextNames();
        if (symbol is Option option) option.CompletionSources.Add(contexts);
        else if (symbol is Argument argument) argument.CompletionSources.Add(contexts);
        return symbol;
    }

    private static IEnumerable<CompletionItem> ContextNames()
    {
        try
        {
            return CliConfig.Load().Contexts.Select(context => new CompletionItem(context.Name)).ToList();
        }
        catch (ConfigException)
        {
            return [];
        }
    }

    private static IEnumerable<CompletionItem> NamesOf(CompletionContext context, KindInfo info, Option<string?>? ns) =>
        Read(context.ParseResult, async (client, token) =>
            (await client.ListAsync(info, NamespaceOf(context.ParseResult, info, ns), cancellationToken: token)).Select(obj => obj.Name));

    private static string? NamespaceOf(ParseResult parse, KindInfo info, Option<string?>? ns) =>
        !info.Namespaced ? null : ns is null ? WellKnown.DefaultNamespace : ContextSelection.Namespace(parse, ns);

    private static IEnumerable<CompletionItem> Read(ParseResult parse, Func<ObjectClient, CancellationToken, Task<IEnumerable<string>>> read) =>
        ReadItems(parse, async (client, token) => (await read(client, token)).Order(StringComparer.Ordinal).Select(name => new CompletionItem(name)));

    private static IEnumerable<CompletionItem> ReadItems(ParseResult parse, Func<ObjectClient, CancellationToken, Task<IEnumerable<CompletionItem>>> read)
    {
        using var deadline = new CancellationTokenSource(Budget);
        try
        {
            return Task.Run(async () =>
            {
                await using var store = await StoreConnector.OpenAsync(parse, deadline.Token);
                return (await read(new ObjectClient(store), deadline.Token)).ToList();
            }, deadline.Token).WaitAsync(Budget).GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            return []; // completion is a convenience: a store that is down or slow offers nothing
        }
    }
}
