using System.Text.Json;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Store;

/// <summary>What an agent says about one pod bound to its node: the pod it means (by uid) and the status it saw.</summary>
public sealed record PodStatusReport(string PodUid, PodStatus Status);

/// <summary>
/// Agents do not write pod status themselves. Each reports it in the meta bucket under
/// <c>podstatus.NODE.NAMESPACE.NAME</c>, a prefix its credential may write only for its own node, and the
/// control plane's relay copies a report into the pod's status only while the pod is bound to that node.
/// So a node's credential cannot change the status of another node's pods.
/// </summary>
public static class PodStatusReports
{
    public const string KeyPrefix = "podstatus.";

    public static string NodePrefix(string node) => $"{KeyPrefix}{ObjectKeys.Encode(node)}.";

    public static string KeyFor(string node, Pod pod) =>
        NodePrefix(node) + ObjectKeys.For(pod)[ObjectKeys.Prefix(Kinds.Pod, null).Length..];

    /// <summary>The reporting node and the pod's store key, from a report's key.</summary>
    public static (string Node, string PodKey) Parse(string key)
    {
        var parts = key[KeyPrefix.Length..].Split('.', 2);
        return (ObjectKeys.Decode(parts[0]), ObjectKeys.Prefix(Kinds.Pod, null) + parts[1]);
    }

    public static Task ReportAsync(IObjectStore store, string node, Pod pod, PodStatus status, CancellationToken cancellationToken) =>
        store.PutAsync(Buckets.Meta, KeyFor(node, pod), JsonSerializer.SerializeToUtf8Bytes(new PodStatusReport(pod.Metadata.Uid!, status), ObjectJson.Options), cancellationToken);

    /// <summary>The node no longer runs the pod: the relay drops the pod's status if the pod is gone.</summary>
    public static Task WithdrawAsync(IObjectStore store, string node, Pod pod, CancellationToken cancellationToken) =>
        store.DeleteAsync(Buckets.Meta, KeyFor(node, pod), cancellationToken: cancellationToken);
}
