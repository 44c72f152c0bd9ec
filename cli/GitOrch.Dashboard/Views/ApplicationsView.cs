using System.Text;
using GitOrch.Api.Model;
using GitOrch.Store;
using static GitOrch.Dashboard.Views.Html;

namespace GitOrch.Dashboard.Views;

/// <summary>
/// Every object, grouped by the application that declares it (its ChartRelease, else its folder in
/// Git), as an owner tree: Deployment → ReplicaSet → Pod, Service → Endpoints. Each shows its health,
/// whether it matches Git, and its source file.
/// </summary>
internal static class ApplicationsView
{
    private static readonly HashSet<string> NotShown = [Kinds.Event.Kind, Kinds.Node.Kind];

    public static async Task<Page> RenderAsync(ViewRequest request)
    {
        var objects = await LiveAsync(request.Settings.Client, request.CancellationToken);
        var drifted = (await request.Settings.GitOps.DriftAsync(request.CancellationToken)).Select(change => change.Key).ToHashSet(StringComparer.Ordinal);
        var children = Children(objects);
        var childKeys = children.Values.SelectMany(list => list).Select(ObjectKeys.For).ToHashSet(StringComparer.Ordinal);
        var roots = objects.Where(obj => !childKeys.Contains(ObjectKeys.For(obj))).ToList();
        var filters = request.Filters;

        var html = new StringBuilder(Heading("Applications"));
        html.Append(filters.Form("/apps", objects.Select(obj => obj.Namespace).OfType<string>()));
        var groups = roots.Where(root => Shown(root, children, filters)).GroupBy(Application).OrderBy(group => group.Key, StringComparer.Ordinal).ToList();
        if (groups.Count == 0) html.Append("<p class=\"empty\">No object matches.</p>");
        foreach (var group in groups)
        {
            html.Append($"<section class=\"app\" aria-label=\"{E(group.Key)}\"><h2>{E(group.Key)}</h2><ul class=\"tree\">");
            foreach (var root in group.OrderBy(obj => Kinds.For(obj).ApplyOrder).ThenBy(obj => obj.Name, StringComparer.Ordinal))
                AppendTree(html, root, children, drifted, filters);
            html.Append("</ul></section>");
        }
        return new Page("Applications", [.. Kinds.All.Where(kind => !NotShown.Contains(kind.Kind)).Select(kind => kind.Resource)], html.ToString());
    }

    public static async Task<List<KubeObject>> LiveAsync(ObjectClient client, CancellationToken cancellationToken)
    {
        var objects = new List<KubeObject>();
        foreach (var kind in Kinds.All.Where(kind => !NotShown.Contains(kind.Kind)))
            objects.AddRange(await client.ListAsync(kind, cancellationToken: cancellationToken));
        return objects;
    }

    /// <summary>What a group is called: the chart release that rendered the object, else its folder in Git, else that it is not from Git.</summary>
    private static string Application(KubeObject obj)
    {
        if (obj.Annotation(WellKnown.ChartRelease) is { } release) return $"chart release {release}";
        if (obj.Annotation(WellKnown.SourcePath) is { } path) return path.Contains('/') ? $"folder {path[..path.LastIndexOf('/')]}/" : "repository root";
        return "not from Git";
    }

    /// <summary>Owned objects by their owner's key; an Endpoints object belongs to the Service of its name.</summary>
    private static Dictionary<string, List<KubeObject>> Children(List<KubeObject> objects)
    {
        var byUid = objects.Where(obj => obj.Metadata.Uid is not null).GroupBy(obj => obj.Metadata.Uid!).ToDictionary(group => group.Key, group => group.First());
        var byKey = objects.ToDictionary(ObjectKeys.For, StringComparer.Ordinal);
        var children = new Dictionary<string, List<KubeObject>>(StringComparer.Ordinal);
        foreach (var obj in objects)
        {
            var owner = obj.ControllerReference() is { } reference && byUid.TryGetValue(reference.Uid, out var found) ? found
                : obj is Endpoints ? byKey.GetValueOrDefault(ObjectKeys.For(Kinds.Service, obj.Namespace, obj.Name))
                : null;
            if (owner is null) continue;
            var key = ObjectKeys.For(owner);
            if (!children.TryGetValue(key, out var list)) children[key] = list = [];
            list.Add(obj);
        }
        return children;
    }

    private static bool Shown(KubeObject obj, Dictionary<string, List<KubeObject>> children, Filters filters) =>
        filters.Matches(obj) || children.GetValueOrDefault(ObjectKeys.For(obj), []).Any(child => Shown(child, children, filters));

    private static void AppendTree(StringBuilder html, KubeObject obj, Dictionary<string, List<KubeObject>> children, HashSet<string> drifted, Filters filters)
    {
        if (!Shown(obj, children, filters)) return;
        var key = ObjectKeys.For(obj);
        var sync = obj.Annotation(WellKnown.ManagedBy) != WellKnown.ManagedByGit ? ""
            : drifted.Contains(key) ? Badge("OutOfSync") : Badge("Synced");
        var source = obj.Annotation(WellKnown.SourcePath) is { } path ? $"<span class=\"source\">{E(path)}</span>" : "";
        html.Append($"<li>{ObjectLinks.Link(obj)} {(obj.Namespace is { } ns ? $"<span class=\"ns\">{E(ns)}</span> " : "")}{ObjectLinks.Health(obj)} {sync} {source}");
        if (children.TryGetValue(key, out var owned))
        {
            html.Append("<ul>");
            foreach (var child in owned.OrderBy(child => child.Kind, StringComparer.Ordinal).ThenBy(child => child.Name, StringComparer.Ordinal))
                AppendTree(html, child, children, drifted, filters);
            html.Append("</ul>");
        }
        html.Append("</li>");
    }
}
