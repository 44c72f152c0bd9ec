using System.Text.Json;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Copies the agents' pod status reports (<see cref="PodStatusReports"/>) into the pods' status. A report
/// counts only while the pod it names, by uid, is bound to the node that made it; any other is refused
/// with a warning event on the pod, so one node's credential cannot rewrite another node's pods.
/// </summary>
public sealed class PodStatusRelay(ControllerContext context)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly ILogger _logger = context.Loggers.CreateLogger<PodStatusRelay>();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long seen = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in context.Client.Store.WatchAsync(Buckets.Meta, PodStatusReports.KeyPrefix, seen, cancellationToken))
                {
                    await RelayAsync(change, cancellationToken);
                    seen = change.Revision;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning("Relaying pod status reports failed, will retry: {Error}", e.Message);
                await Task.Delay(RetryDelay, context.Clock, cancellationToken);
            }
        }
    }

    public async Task RelayAsync(WatchEvent change, CancellationToken cancellationToken)
    {
        var (node, podKey) = PodStatusReports.Parse(change.Key);
        var (ns, name) = ObjectKeys.Parse(podKey);
        var pod = await context.Client.GetAsync<Pod>(ns, name, cancellationToken);
        if (change.Type == WatchEventType.Delete)
        {
            if (pod is null) await context.Client.Store.DeleteAsync(Buckets.Status, podKey, cancellationToken: cancellationToken);
            return;
        }
        var report = ObjectJson.FromBytes<PodStatusReport>(change.Value!);
        if (pod is null || pod.Metadata.Uid != report.PodUid) return;
        if (pod.Spec.NodeName != node)
        {
            _logger.LogWarning("Refused node {Node}'s status for pod {Namespace}/{Pod}, which is bound to {Bound}", node, ns, name, pod.Spec.NodeName ?? "no node");
            await context.Events.RecordAsync(pod, EventTypes.Warning, "StatusReportRefused",
                $"node {node} reported this pod's status, but the pod is bound to {pod.Spec.NodeName ?? "no node"}", cancellationToken);
            return;
        }
        if (Json(pod.Status) != Json(report.Status)) await context.Client.PutStatusAsync(pod, report.Status, cancellationToken);
    }

    private static string Json(PodStatus? status) => JsonSerializer.Serialize(status, ObjectJson.Options);
}
