using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.Store.Access;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Security;

/// <summary>
/// Makes the Roles and RoleBindings that Git declares the store's own permissions: whenever one
/// changes, each user's writes are worked out again (<see cref="RbacGrants"/>), and when they differ
/// from those on record, nats.conf is rendered again and the store told to reload it. GitOrch's RBAC
/// is then enforced by nats-server, not merely advised.
/// </summary>
public sealed class RbacPermissionSync(SharedInformers informers, ClusterDirectory cluster, Action reloadStore, ILogger logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly string[] RoleKinds = ["Role", "ClusterRole"];
    private static readonly string[] BindingKinds = ["RoleBinding", "ClusterRoleBinding"];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var kinds = RoleKinds.Concat(BindingKinds).Select(kind => Kinds.FindByKind(kind)!).ToList();
        using var changed = new SemaphoreSlim(1);
        foreach (var kind in kinds)
            informers.For(kind).Changed += (_, _, _) =>
            {
                if (changed.CurrentCount == 0) changed.Release();
            };
        var watching = await informers.WaitForSyncAsync(kinds, cancellationToken);
        var reloadOwed = false; // nats.conf changed, but the store has not been told yet
        while (!cancellationToken.IsCancellationRequested)
        {
            await changed.WaitAsync(cancellationToken);
            try
            {
                var grants = RbacGrants.From(Objects(RoleKinds), Objects(BindingKinds));
                reloadOwed |= cluster.ApplyGrants(grants);
                if (!reloadOwed) continue;
                reloadStore();
                reloadOwed = false;
                logger.LogInformation("Store permissions now follow the RoleBindings: {Users}", grants.Count == 0 ? "no user may write" : string.Join("; ", grants.Select(pair => $"{pair.Key} writes {string.Join(", ", pair.Value)}")));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Could not apply the RoleBindings to the store's permissions, trying again in {Delay}s: {Error}", RetryDelay.TotalSeconds, e.Message);
                _ = Task.Delay(RetryDelay, cancellationToken).ContinueWith(_ => changed.Release(), TaskContinuationOptions.OnlyOnRanToCompletion);
            }
        }
        await watching;
    }

    private IEnumerable<KubeObject> Objects(IEnumerable<string> kinds) => kinds.SelectMany(kind => informers.For(Kinds.FindByKind(kind)!).Objects).ToList();
}
