using GitOrch.Api.Model;
using GitOrch.Engine.Planning;
using GitOrch.Store;

namespace GitOrch.Engine.Sync;

/// <summary>Waits until objects the sync wrote are healthy, as their controllers and agents report them in the store.</summary>
public sealed class HealthGate(ObjectClient client, TimeSpan timeout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <param name="what">What waits, for the error: "wave 1", "PreSync hook".</param>
    /// <exception cref="SyncPhaseFailedException">An object is degraded, or still not healthy when the timeout passes.</exception>
    public async Task WaitAsync(string what, IReadOnlyList<KubeObject> objects, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var pending = new List<string>();
            foreach (var obj in objects)
            {
                var live = await client.GetAsync(Kinds.For(obj), obj.Namespace, obj.Name, cancellationToken);
                var health = live is null ? Health.Progressing("not in the store") : ObjectHealth.Of(live);
                if (health.Status == HealthStatus.Degraded)
                    throw new SyncPhaseFailedException($"{what}: {Change.ObjectName(obj)} is degraded: {health.Message}");
                if (health.Status == HealthStatus.Progressing) pending.Add($"{Change.ObjectName(obj)} ({health.Message})");
            }
            if (pending.Count == 0) return;
            if (DateTimeOffset.UtcNow > deadline)
                throw new SyncPhaseFailedException($"{what}: not healthy after {timeout.TotalSeconds:0}s: {string.Join(", ", pending)}");
            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
