using GitOrch.Api.Model;
using static GitOrch.Dashboard.Views.Html;

namespace GitOrch.Dashboard.Views;

/// <summary>Every object's own address: /objects/RESOURCE/NAMESPACE/NAME, with "-" for the namespace of a cluster-scoped one.</summary>
internal static class ObjectLinks
{
    public static string Path(KubeObject obj) => $"/objects/{Kinds.For(obj).Resource}/{obj.Namespace ?? "-"}/{obj.Name}";

    public static string Link(KubeObject obj) => Html.Link(Path(obj), $"{obj.Kind.ToLowerInvariant()}/{obj.Name}");

    /// <summary>The state a list shows: a pod's STATUS as kubectl words it, else the kind's health.</summary>
    public static string Health(KubeObject obj) => obj is Pod pod
        ? Badge(PodStatusText.For(pod))
        : Badge(Engine.Planning.ObjectHealth.Of(obj).Status.ToString());
}
