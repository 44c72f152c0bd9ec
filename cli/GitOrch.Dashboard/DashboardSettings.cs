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
}
