using System.Globalization;
using GitOrch.Api.Model;
using GitOrch.Dashboard.Http;
using GitOrch.Engine.Nodes;
using GitOrch.Engine.Sync;
using GitOrch.Store;

namespace GitOrch.Dashboard.Actions;

/// <summary>
/// The dashboard's only writes, each through the same engine code as its CLI verb: sync, rollback,
/// rollout promote, abort, retry and restart, and cordon, uncordon and drain. Each records an event
/// naming the dashboard user.
/// </summary>
internal sealed class DashboardActions(DashboardSettings settings)
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(5);

    private readonly EventRecorder _events = new(settings.Client, "dashboard");

    /// <summary>Applies what the sync follows; a pin from a rollback is lifted first, as 'gitorch sync --unpin' does.</summary>
    public async Task<string> SyncAsync(Session session, CancellationToken cancellationToken)
    {
        var gitops = settings.GitOps;
        if (await gitops.ReadPinAsync(cancellationToken) is not null) await gitops.UnpinAsync(cancellationToken);
        settings.Repository.Fetch();
        var result = await gitops.SyncAsync(LockWait, cancellationToken);
        var done = result.Release is { } release ? $"synced release {release.Number} (commit {result.Commit.ShortSha})" : $"in sync with commit {result.Commit.ShortSha}";
        await RecordAsync(SyncSubject, session, done, cancellationToken);
        return done;
    }

    public async Task<string> RollbackAsync(Session session, string which, CancellationToken cancellationToken)
    {
        var gitops = settings.GitOps;
        var release = await gitops.FindReleaseAsync(which, cancellationToken);
        var result = await gitops.RollbackAsync(release, await gitops.ReachableGitHeadAsync(cancellationToken), new ApplyOptions(), cancellationToken);
        var done = $"rolled back to release {release.Number} (commit {release.ShortCommit}) as release {result.Release?.Number}; auto-sync is pinned";
        await RecordAsync(SyncSubject, session, done, cancellationToken);
        return done;
    }

    /// <summary>Sets the annotation the Deployment controller acts on, as 'gitorch rollout ACTION' does.</summary>
    public async Task<string> RolloutAsync(Session session, string action, string target, CancellationToken cancellationToken)
    {
        var (annotation, value) = action switch
        {
            RolloutActions.Promote or RolloutActions.Abort or RolloutActions.Retry => (WellKnown.RolloutAction, action),
            "restart" => (WellKnown.RestartedAt, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException($"unknown rollout action \"{action}\""),
        };
        var slash = target.IndexOf('/');
        var (ns, name) = slash < 0 ? (WellKnown.DefaultNamespace, target) : (target[..slash], target[(slash + 1)..]);
        var deployment = await settings.Client.GetAsync<Deployment>(ns, name, cancellationToken) ?? throw new NotFoundException($"deployment \"{name}\" in namespace {ns}");
        var updated = await settings.Client.UpdateAsync(deployment with { Metadata = deployment.Metadata.WithAnnotation(annotation, value) }, deployment, cancellationToken);
        var done = $"rollout {action} of deployment/{name}";
        await RecordAsync(updated, session, done, cancellationToken);
        return done;
    }

    public async Task<string> NodeAsync(Session session, string action, string name, CancellationToken cancellationToken)
    {
        var drain = new NodeDrain(settings.Client);
        switch (action)
        {
            case "cordon": await drain.SetUnschedulableAsync(name, true, cancellationToken); break;
            case "uncordon": await drain.SetUnschedulableAsync(name, false, cancellationToken); break;
            case "drain": await drain.DrainAsync(name, force: false, DrainTimeout, _ => Task.CompletedTask, cancellationToken); break;
            default: throw new ArgumentException($"unknown node action \"{action}\"");
        }
        var node = await settings.Client.GetAsync<Node>(null, name, cancellationToken) ?? throw new NotFoundException($"node \"{name}\"");
        var done = $"{action} node/{name}";
        await RecordAsync(node, session, done, cancellationToken);
        return done;
    }

    /// <summary>Sync and rollback act on no one object; their events are about the default namespace, where 'gitorch events' shows them.</summary>
    private static readonly Namespace SyncSubject = new()
    {
        ApiVersion = Kinds.Namespace.ApiVersion,
        Kind = Kinds.Namespace.Kind,
        Metadata = new ObjectMeta { Name = WellKnown.DefaultNamespace },
    };

    private Task RecordAsync(KubeObject subject, Session session, string done, CancellationToken cancellationToken) =>
        _events.RecordAsync(subject, EventTypes.Normal, "DashboardAction", $"{session.User} (dashboard): {done}", cancellationToken);
}
