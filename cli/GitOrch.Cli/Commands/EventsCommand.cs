using System.CommandLine;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Cli.Output;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch events</c>: the events of a namespace as a timeline, oldest first, in kubectl events'
/// columns; <c>--for KIND/NAME</c> keeps one object's, <c>--types</c> some types, and <c>-w</c> follows new ones.
/// </summary>
public static class EventsCommand
{
    private static readonly string[] Columns = ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"];

    public static Command Create(TextWriter output)
    {
        var ns = CommonOptions.Namespace();
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "Events of every namespace" };
        var about = new Option<string?>("--for") { Description = "Only the events about this object, as KIND/NAME (pod/web-1)" };
        var types = new Option<string[]>("--types")
        {
            Description = "Only events of these types: Normal, Warning (repeat, or separate with commas)",
            AllowMultipleArgumentsPerToken = true,
        };
        var watch = new Option<bool>("--watch", "-w") { Description = "After listing, print each new event until Ctrl-C" };
        var format = CommonOptions.Output("table", "yaml", "json");
        var command = new Command("events", "Show events as a timeline, oldest first") { ns, all, about, types, watch, format };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var namespaceFlag = parse.GetValue(all) ? null : ContextSelection.Namespace(parse, ns);
            var subject = parse.GetValue(about) is { } text
                ? KindAndName.TrySplit(text, null) ?? throw new ArgumentException($"--for \"{text}\": expected KIND/NAME, such as pod/web")
                : ((KindInfo Kind, string Name)?)null;
            var wantedTypes = ParseTypes(parse.GetValue(types) ?? []);
            bool Wanted(Event e) =>
                (subject is not { } s || (e.InvolvedObject.Kind == s.Kind.Kind && e.InvolvedObject.Name == s.Name))
                && (wantedTypes.Count == 0 || wantedTypes.Contains(e.Type));

            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var client = new ObjectClient(store);
            var events = ListOrder.For(Kinds.Event, await client.ListAsync(Kinds.Event, namespaceFlag, cancellationToken: cancellationToken))
                .Cast<Event>().Where(Wanted).ToList();
            var showNamespace = namespaceFlag is null;
            if (parse.GetValue(format) is not "table")
            {
                new ObjectPrinter(output, parse.GetValue(format)!).PrintList(Kinds.Event, events, showNamespace);
                return ExitCodes.Success;
            }
            if (!parse.GetValue(watch))
            {
                if (events.Count == 0)
                    await output.WriteLineAsync(namespaceFlag is null ? "No events found." : $"No events found in {namespaceFlag} namespace.");
                else
                    TextTable.Write(output, Header(showNamespace), events.Select(e => Row(e, showNamespace)));
                return ExitCodes.Success;
            }
            await FollowAsync(client, output, events, namespaceFlag, Wanted, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static HashSet<string> ParseTypes(IEnumerable<string> values)
    {
        var types = values.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var known = new[] { EventTypes.Normal, EventTypes.Warning };
        return types.Select(type => known.FirstOrDefault(k => k.Equals(type, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"--types \"{type}\": expected Normal or Warning")).ToHashSet();
    }

    /// <summary>The events so far, then each new one as the store records it, aligned with the header.</summary>
    private static async Task FollowAsync(ObjectClient client, TextWriter output, IReadOnlyList<Event> existing, string? ns, Func<Event, bool> wanted,
        CancellationToken cancellationToken)
    {
        var showNamespace = ns is null;
        var table = new StreamedTable(Header(showNamespace), existing.Select(e => Row(e, showNamespace)));
        await output.WriteLineAsync(table.Header);
        var printed = new HashSet<string>();
        foreach (var e in existing)
        {
            printed.Add(ObjectKeys.For(Kinds.Event, e.Namespace, e.Name));
            await output.WriteLineAsync(table.Line(Row(e, showNamespace)));
        }
        await foreach (var change in client.WatchAsync(Kinds.Event, cancellationToken))
        {
            if (change.Type != WatchEventType.Put || !printed.Add(change.Key)) continue;
            var (eventNamespace, name) = ObjectKeys.Parse(change.Key);
            if (ns is not null && eventNamespace != ns) continue;
            if (await client.GetAsync(Kinds.Event, eventNamespace, name, cancellationToken) is Event e && wanted(e))
                await output.WriteLineAsync(table.Line(Row(e, showNamespace)));
        }
    }

    private static IReadOnlyList<string> Header(bool showNamespace) => showNamespace ? ["NAMESPACE", .. Columns] : Columns;

    private static IReadOnlyList<string> Row(Event e, bool showNamespace)
    {
        string[] cells =
        [
            Age.Format(e.FirstTimestamp ?? e.Metadata.CreationTimestamp),
            e.Type,
            e.Reason,
            $"{e.InvolvedObject.Kind?.ToLowerInvariant()}/{e.InvolvedObject.Name}",
            e.Message,
        ];
        return showNamespace ? [e.Namespace ?? "", .. cells] : cells;
    }
}
