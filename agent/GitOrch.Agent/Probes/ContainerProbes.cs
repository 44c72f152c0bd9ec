using System.Collections.Concurrent;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Probes;

/// <summary>
/// The probe workers of every running container on this node, keyed by container id: started when a
/// container is first seen running, stopped when it is not. Answers "is it ready, started, or due for a restart".
/// </summary>
public sealed class ContainerProbes(IContainerRuntime runtime, TimeProvider clock, Action<ProbeWorker, ProbeTarget> changed) : IDisposable
{
    private readonly ActionRunner _runner = new(runtime);
    private readonly ConcurrentDictionary<string, Workers> _byContainer = new();

    public void Ensure(ProbeTarget target)
    {
        if (_byContainer.ContainsKey(target.Running.Id)) return;
        var container = target.Container;
        var startup = Create(ProbeKind.Startup, container.StartupProbe, target);
        var workers = new Workers(startup, Create(ProbeKind.Liveness, container.LivenessProbe, target), Create(ProbeKind.Readiness, container.ReadinessProbe, target), new CancellationTokenSource());
        _byContainer[target.Running.Id] = workers;
        // Liveness and readiness wait for the startup probe, as Kubernetes' do.
        bool Started() => startup?.Passing != false;
        foreach (var worker in workers.All)
            _ = worker.RunAsync(worker == startup ? () => true : Started, workers.Stop.Token);
    }

    private ProbeWorker? Create(ProbeKind kind, Probe? probe, ProbeTarget target)
    {
        if (probe is null) return null;
        var worker = new ProbeWorker(kind, probe, target, _runner, clock);
        worker.Changed += w => changed(w, target);
        return worker;
    }

    /// <summary>Stops the workers of containers that are no longer running.</summary>
    public void KeepOnly(IReadOnlySet<string> runningIds)
    {
        foreach (var id in _byContainer.Keys.Where(id => !runningIds.Contains(id)).ToList())
            if (_byContainer.TryRemove(id, out var workers))
                workers.Stop.Cancel();
    }

    /// <summary>True when the startup probe (if any) has passed.</summary>
    public bool IsStarted(string containerId) => !_byContainer.TryGetValue(containerId, out var w) || w.Startup?.Passing != false;

    /// <summary>True when started and the readiness probe (if any) passes.</summary>
    public bool IsReady(string containerId) =>
        !_byContainer.TryGetValue(containerId, out var w) || (w.Startup?.Passing != false && w.Readiness?.Passing != false);

    /// <summary>The failing liveness or startup probe that asks for a restart, if any.</summary>
    public ProbeWorker? RestartDemand(string containerId) =>
        _byContainer.TryGetValue(containerId, out var w) ? w.All.FirstOrDefault(worker => worker.WantsRestart) : null;

    public void Dispose()
    {
        foreach (var workers in _byContainer.Values) workers.Stop.Cancel();
        _byContainer.Clear();
    }

    private sealed record Workers(ProbeWorker? Startup, ProbeWorker? Liveness, ProbeWorker? Readiness, CancellationTokenSource Stop)
    {
        public IEnumerable<ProbeWorker> All => new[] { Startup, Liveness, Readiness }.OfType<ProbeWorker>();
    }
}
