using GitOrch.Api.Model;

namespace GitOrch.Cli.Output;

/// <summary>The order <c>get</c> lists a kind in: by name, except events, which read as a timeline, oldest first.</summary>
public static class ListOrder
{
    public static IReadOnlyList<KubeObject> For(KindInfo info, IReadOnlyList<KubeObject> objects) =>
        info == Kinds.Event
            ? objects.OrderBy(obj => ((Event)obj).FirstTimestamp ?? obj.Metadata.CreationTimestamp).ThenBy(obj => obj.Name, StringComparer.Ordinal).ToList()
            : objects;
}
