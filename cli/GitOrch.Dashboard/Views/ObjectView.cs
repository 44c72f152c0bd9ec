using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Dashboard.Live;
using GitOrch.Engine.Planning;
using GitOrch.Store;
using static GitOrch.Dashboard.Views.Html;

namespace GitOrch.Dashboard.Views;

/// <summary>
/// One object: its health and sync state, the file and line that declare it, each declared line with
/// the commit that last changed it (blame), its live YAML with Secret values hidden, and the diff
/// between the live object and Git.
/// </summary>
internal static class ObjectView
{
    public static async Task<Page> RenderAsync(ViewRequest request, string resource, string ns, string name)
    {
        var kind = Kinds.All.FirstOrDefault(info => info.Resource == resource) ?? throw new NotFoundException($"kind {resource}");
        var live = await request.Settings.Client.GetAsync(kind, kind.Namespaced ? ns : null, name, request.CancellationToken)
                   ?? throw new NotFoundException($"{kind.Kind.ToLowerInvariant()}/{name}");
        var key = ObjectKeys.For(live);
        var declared = Declaration(request, key);
        var drifted = (await request.Settings.GitOps.DriftAsync(request.CancellationToken)).Any(change => change.Key == key);
        var managed = live.Annotation(WellKnown.ManagedBy) == WellKnown.ManagedByGit;

        var summary = DefinitionList([
            ("Health", ObjectLinks.Health(live) + (ObjectHealth.Of(live).Message is { Length: > 0 } why ? $" {E(why)}" : "")),
            ("Sync", !managed ? $"not from Git ({E(live.Annotation(WellKnown.ManagedBy) ?? "made by the cluster")})" : drifted ? Badge("OutOfSync") : Badge("Synced")),
            ("Declared at", declared is null ? "not declared at Git HEAD" : $"<code>{E(declared.Path)}:{declared.Line}</code>"),
            ("Owner", live.ControllerReference() is { } owner ? E($"{owner.Kind.ToLowerInvariant()}/{owner.Name}") : "none"),
        ]);
        var masked = SecretMasking.Mask(live);
        var yaml = ObjectYaml.ToText(ObjectJson.ToNode(masked));
        var diff = declared is null ? "<p>Git does not declare this object.</p>"
            : Unified(new Change(ChangeAction.Update, declared.Object, live).WithSecretsMasked());
        var main = Heading($"{live.Kind.ToLowerInvariant()}/{live.Name}")
                   + (live.Namespace is { } space ? $"<p>in namespace {E(space)}</p>" : "")
                   + summary + ObjectActions.For(request, live)
                   + (live is Pod pod ? Section("Containers", Containers(pod) + Link($"/pods/{pod.Namespace}/{pod.Name}/logs", "Follow the logs")) : "")
                   + (managed ? Section("Blame", await BlameAsync(request, live)) : "")
                   + Section("Live YAML", Pre(yaml, "live YAML"))
                   + Section("Diff against Git", diff);
        return new Page($"{live.Kind} {live.Name}", [resource, .. ChangeFeed.SyncTopics], main);
    }

    private static Engine.Desired.DesiredObject? Declaration(ViewRequest request, string key)
    {
        try
        {
            return request.Settings.GitOps.DeclarationAtHead(key);
        }
        catch (Exception e) when (e is ManifestException or Engine.Git.GitSourceException)
        {
            return null;
        }
    }

    private static string Unified(Change change)
    {
        var text = ObjectDiff.Unified(change);
        return text.Contains("\n+", StringComparison.Ordinal) || text.Contains("\n-", StringComparison.Ordinal)
            ? Pre(text, "diff between the live object and Git")
            : "<p>The live object matches Git.</p>";
    }

    /// <summary>Each declared line with the commit that last changed it; a line links to that commit, where the file and line are named.</summary>
    private static async Task<string> BlameAsync(ViewRequest request, KubeObject live)
    {
        try
        {
            var blame = await request.Settings.GitOps.BlameAsync(live, request.CancellationToken);
            var rows = blame.Lines.Select(line => (IReadOnlyList<string>)
            [
                $"{line.Number}",
                $"<code>{E(live is Secret ? MaskedLine(line.Text) : line.Text)}</code>",
                Link($"/commits/{line.Commit.Sha}?file={Uri.EscapeDataString(blame.Path)}&line={line.Number}", line.Commit.ShortSha),
                E(line.Commit.Author),
            ]);
            return $"<p>Declared in <code>{E(blame.Path)}</code>, lines {blame.FirstLine}–{blame.LastLine}; last changed by commit " +
                   $"{Link($"/commits/{blame.Newest.Sha}?file={Uri.EscapeDataString(blame.Path)}&line={blame.FirstLine}", blame.Newest.ShortSha)} “{E(blame.Newest.Message)}”.</p>" +
                   Table("Each declared line and the commit that set it", ["Line", "Text", "Commit", "Author"], rows);
        }
        catch (Exception e) when (e is NotFoundException or ManifestException or Engine.Git.GitSourceException)
        {
            return $"<p>No blame: {E(e.Message)}</p>";
        }
    }

    /// <summary>A Secret's declared line with its value hidden: Git may hold the value in plain text, but the page never shows it.</summary>
    private static string MaskedLine(string text)
    {
        var colon = text.IndexOf(':');
        return colon < 0 || text[(colon + 1)..].Trim().Length == 0 ? text : $"{text[..(colon + 1)]} <hidden>";
    }

    private static string Containers(Pod pod) =>
        Table("Containers", ["Container", "Image", "State", "Reason", "Restarts"], (pod.Status?.ContainerStatuses ?? []).Select(status => (IReadOnlyList<string>)
        [
            E(status.Name),
            E(status.Image),
            Badge(status.State?.Running is not null ? "Running" : status.State?.Terminated is not null ? "Terminated" : "Waiting"),
            E(status.State?.Waiting?.Reason ?? status.State?.Terminated?.Reason ?? ""),
            $"{status.RestartCount}",
        ]), "no status reported yet");
}
