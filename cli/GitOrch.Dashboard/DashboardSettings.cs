using GitOrch.Api.Model;
using GitOrch.Engine.Git;
using GitOrch.Engine.Sync;
using GitOrch.Store;

namespace GitOrch.Dashboard;

/// <summary>
/// What the dashboard reads and acts through: the engine's one entry point, the store's client, the
/// repository the sync follows (for diffs and blame), and the token that logs a user in for actions
/// (none: the dashboard is read-only).
/// </summary>
public sealed record DashboardSettings(GitOps GitOps, ObjectClient Client, ManifestRepository Repository, string? Token)
{
    /// <summary>The user a token login acts as; events of dashboard actions name them.</summary>
    public const string TokenUser = "admin";

    /// <summary>Where a pod's logs come from (its node's agent); without one the pod pages show no logs.</summary>
    public PodLogSource? Logs { get; init; }
}

/// <summary>A container's output, its last lines and then, when following, each new one, as text lines; an IOException when it cannot be had.</summary>
public delegate Task<Stream> PodLogSource(Pod pod, string container, bool follow, CancellationToken cancellationToken);
