using GitOrch.Api.Model;
using GitOrch.Engine.Planning;
using GitOrch.Store;

namespace GitOrch.Engine.Sync;

/// <summary>
/// Runs one phase's hooks in weight order. Each is written afresh (its earlier run deleted first, by
/// default), waited on until it is healthy, and deleted afterwards when its policy says so. A hook is
/// not managed: it is marked with its phase, so no plan compares or prunes it.
/// </summary>
public sealed class HookRunner(ObjectClient client, HealthGate gate, EventRecorder events)
{
    /// <exception cref="SyncPhaseFailedException">A hook failed; the hooks after it do not run.</exception>
    public async Task RunAsync(HookPhase phase, IReadOnlyList<KubeObject> hooks, string commit, CancellationToken cancellationToken)
    {
        foreach (var hook in hooks.Where(hook => SyncHooks.PhaseOf(hook) == phase).OrderBy(SyncHooks.WeightOf).ThenBy(ObjectKeys.For, StringComparer.Ordinal))
        {
            var policies = SyncHooks.DeletePoliciesOf(hook);
            var what = $"{phase} hook {Change.ObjectName(hook)}";
            if (await ReadAsync(hook, cancellationToken) is { } earlier)
            {
                if (!policies.Contains(SyncHooks.BeforeHookCreation))
                    throw new SyncPhaseFailedException($"{what}: an earlier run is still there and its delete policy keeps it; delete it first");
                await client.DeleteAsync(earlier, cancellationToken);
            }
            var created = await client.CreateAsync(AsHook(hook, phase, commit), cancellationToken);
            try
            {
                await gate.WaitAsync(what, [created], cancellationToken);
            }
            catch (SyncPhaseFailedException e)
            {
                await events.RecordAsync(created, EventTypes.Warning, "HookFailed", e.Message, cancellationToken);
                if (policies.Contains(SyncHooks.HookFailed)) await DeleteAsync(created, cancellationToken);
                throw;
            }
            await events.RecordAsync(created, EventTypes.Normal, "HookSucceeded", $"{what} succeeded", cancellationToken);
            if (policies.Contains(SyncHooks.HookSucceeded)) await DeleteAsync(created, cancellationToken);
        }
    }

    private Task<KubeObject?> ReadAsync(KubeObject obj, CancellationToken cancellationToken) =>
        client.GetAsync(Kinds.For(obj), obj.Namespace, obj.Name, cancellationToken);

    private async Task DeleteAsync(KubeObject hook, CancellationToken cancellationToken)
    {
        if (await ReadAsync(hook, cancellationToken) is { } current)
            await client.DeleteAsync(current, cancellationToken);
    }

    private static KubeObject AsHook(KubeObject hook, HookPhase phase, string commit)
    {
        var annotations = new Dictionary<string, string>(hook.Metadata.Annotations ?? [], StringComparer.Ordinal)
        {
            [WellKnown.Hook] = phase.ToString(),
            [WellKnown.SourceCommit] = commit,
        };
        annotations.Remove(WellKnown.ManagedBy);
        return hook with { Metadata = hook.Metadata with { Annotations = annotations } };
    }
}
