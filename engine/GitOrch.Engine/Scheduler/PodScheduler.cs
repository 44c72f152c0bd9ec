using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using Microsoft.Extensions.Logging;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Scheduler;

/// <summary>
/// Binds each unscheduled pod to a node with a compare-and-swap write of spec.nodeName. It keeps the
/// nodes and pods in local caches fed by watches, places pods one at a time against an incremental
/// snapshot, and lets binds run concurrently, counting a pod against its node from the moment it is
/// chosen. A pod that fits nowhere gets PodScheduled=False and an event, and is tried again when a
/// node changes or a pod goes away.
/// </summary>
public sealed class PodScheduler
{
    private const int MaxBindsInFlight = 64;
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(15);

    private readonly ControllerContext _context;
    private readonly ILogger _logger;
    private readonly ObjectCache _nodes;
    private readonly ObjectCache _pods;
    private readonly PodClaims _claims;
    private readonly ClusterSnapshot _snapshot = new();
    private readonly Dictionary<string, string> _assumed = [];
    private readonly HashSet<string> _unschedulable = [];
    private readonly Lock _gate = new();
    private readonly WorkQueue _queue;
    private readonly SemaphoreSlim _binds = new(MaxBindsInFlight);
    private int _start;

    public PodScheduler(ControllerContext context)
    {
        _context = context;
        _logger = context.Loggers.CreateLogger<PodScheduler>();
        _nodes = context.Informers.For(Kinds.Node);
        _pods = context.Informers.For(Kinds.Pod);
        _claims = new PodClaims(context.Informers);
        _queue = new WorkQueue(context.Clock);
        _nodes.Changed += OnNodeChanged;
        _pods.Changed += OnPodChanged;
        foreach (var kind in PodClaims.Kinds)
            context.Informers.For(kind).Changed += (_, _, _) => RetryUnschedulable();
    }

    /// <summary>Pods bound by this scheduler since it started.</summary>
    public long Bound => Interlocked.Read(ref _bound);
    private long _bound;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ControllerMetrics.Track(nameof(PodScheduler), _queue);
        var caches = await _context.Informers.WaitForSyncAsync([Kinds.Node, Kinds.Pod, .. PodClaims.Kinds], cancellationToken);
        lock (_gate)
        {
            foreach (var node in _nodes.Objects.Cast<Node>()) _snapshot.SetNode(node);
            foreach (var pod in _pods.Objects.Cast<Pod>()) _snapshot.SetPod(pod);
        }
        foreach (var pod in _pods.Objects.Cast<Pod>().Where(pod => pod.Spec.NodeName is null))
            _queue.Add(ObjectKeys.For(pod));
        await Task.WhenAll(caches, _queue.ProcessAsync(key => ScheduleOneAsync(key, cancellationToken), cancellationToken), RetryPeriodicallyAsync(cancellationToken));
    }

    private void OnNodeChanged(string key, KubeObject? before, KubeObject? after)
    {
        lock (_gate)
        {
            if (after is Node node) _snapshot.SetNode(node);
            else if (before is not null) _snapshot.RemoveNode(before.Name);
        }
        if (after is not null) RetryUnschedulable();
    }

    private void OnPodChanged(string key, KubeObject? before, KubeObject? after)
    {
        var pod = after as Pod;
        lock (_gate)
        {
            if (pod is null)
            {
                if (before is Pod gone) _snapshot.RemovePod(gone);
            }
            else if (pod.Spec.NodeName is not null || !_assumed.ContainsKey(pod.Metadata.Uid!))
            {
                // An unbound copy of a pod just bound here is an older event; the assumption stands until the bind shows up.
                _assumed.Remove(pod.Metadata.Uid!);
                _snapshot.SetPod(pod);
            }
        }
        if (pod is { Spec.NodeName: null }) _queue.Add(key);
        if (pod is null || PodConditions.IsFinished(pod)) RetryUnschedulable();
    }

    private void RetryUnschedulable()
    {
        List<string> waiting;
        lock (_gate)
        {
            waiting = [.. _unschedulable];
            _unschedulable.Clear();
        }
        foreach (var key in waiting) _queue.Add(key);
    }

    private async Task RetryPeriodicallyAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(RetryInterval, _context.Clock, cancellationToken);
            RetryUnschedulable();
        }
    }

    private async Task ScheduleOneAsync(string key, CancellationToken cancellationToken)
    {
        if (_pods.Get(key) is not Pod { Spec.NodeName: null } pod) return;
        var claims = _claims.For(pod);
        Placement placement;
        lock (_gate)
        {
            if (_assumed.ContainsKey(pod.Metadata.Uid!)) return;
            placement = claims.Waiting is { } waiting
                ? Placement.Nowhere(waiting)
                : PodPlacement.Place(pod, _snapshot, _context.Clock.GetUtcNow(), _start++, claims.Nodes);
            if (placement.NodeName is { } chosen)
            {
                _assumed[pod.Metadata.Uid!] = chosen;
                _snapshot.SetPod(pod with { Spec = pod.Spec with { NodeName = chosen } });
            }
            else
                _unschedulable.Add(key);
        }
        if (placement.NodeName is { } node)
        {
            await _binds.WaitAsync(cancellationToken);
            _ = BindAsync(key, pod, node, claims.ToPlace, cancellationToken);
        }
        else
            await ReportUnschedulableAsync(pod, placement.Reason!, cancellationToken);
    }

    /// <param name="claimsToPlace">Claims waiting for their first consumer: they are told the node first, so their volume is made there.</param>
    private async Task BindAsync(string key, Pod pod, string node, IReadOnlyList<PersistentVolumeClaim> claimsToPlace, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var claim in claimsToPlace)
                await _context.Client.UpdateAsync(claim with { Metadata = claim.Metadata.WithAnnotation(WellKnown.SelectedNode, node) }, claim, cancellationToken);
            await _context.Client.UpdateAsync(pod with { Spec = pod.Spec with { NodeName = node } }, pod, cancellationToken);
            Interlocked.Increment(ref _bound);
            _logger.LogDebug("Bound pod {Namespace}/{Pod} to {Node}", pod.Namespace, pod.Name, node);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The pod changed or went away since it was read: drop the assumption and look again.
            lock (_gate)
            {
                _assumed.Remove(pod.Metadata.Uid!);
                if (_pods.Get(key) is Pod latest) _snapshot.SetPod(latest);
                else _snapshot.RemovePod(pod);
            }
            if (e is not ConflictException) _logger.LogWarning("Binding pod {Namespace}/{Pod} to {Node} failed: {Error}", pod.Namespace, pod.Name, node, e.Message);
            _queue.AddAfter(key, Controller.Backoff(1));
        }
        finally
        {
            _binds.Release();
        }
    }

    private async Task ReportUnschedulableAsync(Pod pod, string reason, CancellationToken cancellationToken)
    {
        var previous = pod.Status?.Conditions?.FirstOrDefault(condition => condition.Type == PodConditions.Scheduled);
        if (previous?.Message == reason) return;
        var status = (pod.Status ?? new PodStatus()) with
        {
            Phase = PodPhases.Pending,
            Conditions = [new Condition { Type = PodConditions.Scheduled, Status = "False", Reason = "Unschedulable", Message = reason, LastTransitionTime = _context.Clock.GetUtcNow() }],
        };
        await _context.Client.PutStatusAsync(pod, status, cancellationToken);
        await _context.Events.RecordAsync(pod, EventTypes.Warning, "FailedScheduling", reason, cancellationToken);
        _logger.LogWarning("Pod {Namespace}/{Pod} cannot be scheduled: {Reason}", pod.Namespace, pod.Name, reason);
    }
}
