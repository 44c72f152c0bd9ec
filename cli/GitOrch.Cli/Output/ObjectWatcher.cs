using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;

namespace GitOrch.Cli.Output;

/// <summary>
/// <c>get -w</c>: every object of a kind as it is now, then again each time its row changes, until
/// Ctrl-C. A deleted object is printed one last time as it was. Table columns take their widths from
/// the header and the objects there at the start, and later rows keep to them (a wider cell pushes
/// only its own row).
/// </summary>
public sealed class ObjectWatcher(ObjectClient client, TextWriter output, string format, bool showSecrets)
{
    private readonly Dictionary<string, (KubeObject Object, string Row)> _printed = [];
    private StreamedTable? _table;

    public async Task RunAsync(KindInfo info, string? ns, string? onlyName, LabelSelector? selector, CancellationToken cancellationToken)
    {
        var showNamespace = ns is null && info.Namespaced;
        var wide = format == "wide";
        if (format is "table" or "wide")
        {
            var header = ObjectPrinter.Header(info, showNamespace, wide).ToArray();
            var existing = (await client.ListAsync(info, ns, selector, cancellationToken)).Where(obj => onlyName is null || obj.Name == onlyName);
            var rows = ObjectPrinter.Rows(info, ListOrder.For(info, existing.ToList()), showNamespace, wide).Select(row => row.ToArray()).ToList();
            _table = new StreamedTable(header, rows);
            await output.WriteLineAsync(_table.Header);
        }
        await foreach (var change in client.WatchAsync(info, cancellationToken))
        {
            var (objectNamespace, name) = ObjectKeys.Parse(change.Key);
            if ((ns is not null && info.Namespaced && objectNamespace != ns) || (onlyName is not null && name != onlyName)) continue;
            var current = await client.GetAsync(info, info.Namespaced ? objectNamespace : null, name, cancellationToken) is { } read ? SecretsFlag.Apply(read, showSecrets) : null;
            var shown = current ?? (_printed.TryGetValue(change.Key, out var last) ? last.Object : null);
            if (shown is null || (selector is not null && !selector.Matches(shown.Metadata.Labels ?? []))) continue;

            var row = Render(info, shown, showNamespace, wide);
            if (current is not null && _printed.TryGetValue(change.Key, out var before) && before.Row == row) continue;
            if (current is null) _printed.Remove(change.Key); else _printed[change.Key] = (current, row);
            await output.WriteLineAsync(row);
        }
    }

    private string Render(KindInfo info, KubeObject obj, bool showNamespace, bool wide) => format switch
    {
        "json" => ObjectJson.ToText(ObjectJson.ToNode(obj)),
        "yaml" => "---\n" + ObjectYaml.ToText(ObjectJson.ToNode(obj)).TrimEnd('\n'),
        "name" => $"{info.Kind.ToLowerInvariant()}/{obj.Name}",
        _ => _table!.Line(ObjectPrinter.Rows(info, [obj], showNamespace, wide).Single().ToArray()),
    };
}
