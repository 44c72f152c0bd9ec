using System.Collections.Concurrent;
using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Engine.Autoscaling;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Scales each autoscaler's target every few seconds: every metric recommends a replica count, the
/// highest wins, and the behavior (stabilization windows, rate policies, min and max) decides how far
/// to go now. The target carries an annotation naming its autoscaler, which tells the sync to leave
/// its replicas alone; a deleted autoscaler removes it, so Git's replicas count again.
/// </summary>
public sealed class HorizontalPodAutoscalerController(ControllerContext context) : Controller(context)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static readonly MetricSpec DefaultMetric = new()
    {
        Type = "Resource",
        Resource = new ResourceMetricSource { Name = "cpu", Target = new MetricTarget { Type = "Utilization", AverageUtilization = 80 } },
    };

    private readonly ClusterMetrics _metrics = new(context.Client.Store, context.Clock);
    private readonly RequestRates _rates = new();
    private readonly ConcurrentDictionary<string, ScalingHistory> _histories = [];

    protected override KindInfo Primary => Kinds.HorizontalPodAutoscaler;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.Deployment, Kinds.StatefulSet, Kinds.ReplicaSet, Kinds.Pod];

    /// <summary>A change to a workload wakes the autoscalers of its namespace that target it; pods wake nothing (the interval covers them).</summary>
    protected override IEnumerable<string> PrimaryKeysFor(KindInfo related, string key, KubeObject? before, KubeObject? after)
    {
        if (related == Kinds.Pod || (after ?? before) is not { } workload) return [];
        return AllKeys(workload.Namespace).Where(candidate => Context.Informers.For(Primary).Get(candidate) is HorizontalPodAutoscaler hpa
            && hpa.Spec.ScaleTargetRef.Kind == workload.Kind && hpa.Spec.ScaleTargetRef.Name == workload.Name);
    }

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var key = $"{ns}/{name}";
        var hpa = CachedPrimary<HorizontalPodAutoscaler>(ns, name);
        if (hpa is null)
        {
            _histories.TryRemove(key, out _);
            _rates.Forget(key);
            await ReleaseTargetsAsync(ns, OwnerValue(name), cancellationToken);
            return ReconcileResult.Done;
        }
        var kind = ScaleTarget.KindOf(hpa.Spec.ScaleTargetRef)!;
        if (Context.Informers.For(kind).Get(ObjectKeys.For(kind, ns, hpa.Spec.ScaleTargetRef.Name)) is not { } target)
        {
            await WriteStatusAsync(hpa, 0, 0, [], hpa.Status?.LastScaleTime, [Condition("AbleToScale", false, "FailedGetScale", $"{kind.Kind.ToLowerInvariant()} \"{hpa.Spec.ScaleTargetRef.Name}\" not found")], cancellationToken);
            return ReconcileResult.After(Interval);
        }
        target = await OwnAsync(target, OwnerValue(name), cancellationToken);
        var current = ScaleTarget.Replicas(target);
        if (current == 0)
        {
            await WriteStatusAsync(hpa, 0, 0, [], hpa.Status?.LastScaleTime, [Condition("ScalingActive", false, "ScalingDisabled", "scaling is disabled since the replica count of the target is zero")], cancellationToken);
            return ReconcileResult.After(Interval);
        }

        var now = Clock.GetUtcNow();
        var pods = RunningPods(ns, ScaleTarget.Selector(target));
        var sample = await _metrics.ReadAsync(cancellationToken);
        var measured = new PodMeasurements(sample.Usage, _rates.Add(key, now, sample.RequestTotals));
        var readings = (hpa.Spec.Metrics is { Count: > 0 } metrics ? metrics : [DefaultMetric]).Select(metric => MetricRecommendation.For(metric, current, pods, measured)).ToList();
        var history = _histories.GetOrAdd(key, _ => new ScalingHistory());
        var recommended = readings.Max(reading => reading.Replicas);
        if (recommended is { } replicas) history.Recommend(now, replicas, ScalingBehavior.LongestWindow(hpa.Spec));
        var desired = recommended is null
            ? Math.Clamp(current, hpa.Spec.MinReplicas ?? 1, hpa.Spec.MaxReplicas)
            : ScalingBehavior.Decide(hpa.Spec, current, now, history.Recommendations, history.ScaleUps, history.ScaleDowns);

        var lastScale = hpa.Status?.LastScaleTime;
        if (desired != current)
        {
            await Client.UpdateAsync(ScaleTarget.WithReplicas(target, desired), target, cancellationToken);
            history.Scaled(now, desired - current, ScalingBehavior.LongestPeriod(hpa.Spec));
            lastScale = now;
            var reason = string.Join(", ", readings.Where(reading => reading.Status is not null).Select(reading => $"{reading.Status!.Name} {Describe(reading.Status)}"));
            await Events.RecordAsync(hpa, EventTypes.Normal, "SuccessfulRescale", $"New size: {desired}; reason: {(reason.Length == 0 ? "outside min and max" : reason)}", cancellationToken);
            Logger.LogInformation("Scaled {Kind} {Namespace}/{Name} from {Current} to {Desired}", target.Kind, ns, target.Name, current, desired);
        }
        var problem = readings.FirstOrDefault(reading => reading.Problem is not null)?.Problem;
        var active = recommended is null
            ? Condition("ScalingActive", false, "FailedGetMetrics", problem!)
            : Condition("ScalingActive", true, "ValidMetricFound", problem ?? "the autoscaler computed the replica count from its metrics");
        var limited = recommended is { } wanted && (wanted > hpa.Spec.MaxReplicas || wanted < (hpa.Spec.MinReplicas ?? 1));
        var range = Condition("ScalingLimited", limited, limited ? "TooManyReplicas" : "DesiredWithinRange",
            limited ? $"the desired count {recommended} is outside {hpa.Spec.MinReplicas ?? 1}..{hpa.Spec.MaxReplicas}" : "the desired count is within the acceptable range");
        await WriteStatusAsync(hpa, current, desired, readings.Select(reading => reading.Status).OfType<MetricStatus>().ToList(), lastScale, [active, range], cancellationToken);
        return ReconcileResult.After(Interval);
    }

    private List<Pod> RunningPods(string ns, LabelSelector? selector) =>
        selector is null ? [] : Context.Informers.For(Kinds.Pod).Objects.OfType<Pod>()
            .Where(pod => (pod.Namespace ?? WellKnown.DefaultNamespace) == ns && selector.Matches(pod.Labels) && pod.Status?.Phase == PodPhases.Running)
            .ToList();

    private static string OwnerValue(string hpaName) => $"{Kinds.HorizontalPodAutoscaler.Kind}/{hpaName}";

    /// <summary>Marks the target as this autoscaler's, so the sync leaves its replicas alone.</summary>
    private async Task<KubeObject> OwnAsync(KubeObject target, string owner, CancellationToken cancellationToken) =>
        target.Annotation(WellKnown.ReplicasOwner) == owner
            ? target
            : await Client.UpdateAsync(target with { Metadata = target.Metadata.WithAnnotation(WellKnown.ReplicasOwner, owner) }, target, cancellationToken);

    private async Task ReleaseTargetsAsync(string ns, string owner, CancellationToken cancellationToken)
    {
        foreach (var kind in new[] { Kinds.Deployment, Kinds.StatefulSet, Kinds.ReplicaSet })
            foreach (var workload in Context.Informers.For(kind).Objects.Where(workload => workload.Namespace == ns && workload.Annotation(WellKnown.ReplicasOwner) == owner).ToList())
            {
                await Client.UpdateAsync(workload with { Metadata = workload.Metadata.WithAnnotation(WellKnown.ReplicasOwner, null) }, workload, cancellationToken);
                Logger.LogInformation("Autoscaler {Owner} is gone; {Kind} {Namespace}/{Name} takes its replicas from Git again", owner, workload.Kind, ns, workload.Name);
            }
    }

    /// <summary>Writes the status; AbleToScale is True unless <paramref name="conditions"/> says otherwise, and a condition keeps its transition time while its status stays.</summary>
    private async Task WriteStatusAsync(HorizontalPodAutoscaler hpa, int current, int desired, List<MetricStatus> metrics, DateTimeOffset? lastScale,
        IReadOnlyList<Condition> conditions, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var all = conditions.Prepend(Condition("AbleToScale", true, "ReadyForNewScale", "the target can be scaled"))
            .GroupBy(c => c.Type).Select(group => group.Last())
            .Select(c => hpa.Status?.Conditions?.FirstOrDefault(old => old.Type == c.Type && old.Status == c.Status) is { } old ? c with { LastTransitionTime = old.LastTransitionTime } : c with { LastTransitionTime = now })
            .ToList();
        var status = new HorizontalPodAutoscalerStatus
        {
            ObservedGeneration = hpa.Metadata.Generation,
            LastScaleTime = lastScale,
            CurrentReplicas = current,
            DesiredReplicas = desired,
            CurrentMetrics = metrics.Count == 0 ? null : metrics,
            Conditions = all,
        };
        await Client.PutStatusAsync(hpa, status, cancellationToken);
    }

    private static Condition Condition(string type, bool status, string reason, string message) =>
        new() { Type = type, Status = status ? "True" : "False", Reason = reason, Message = message };

    private static string Describe(MetricStatus status) =>
        status.AverageUtilization is { } utilization ? $"{utilization}% utilization" : $"{status.AverageValue} per pod";
}
