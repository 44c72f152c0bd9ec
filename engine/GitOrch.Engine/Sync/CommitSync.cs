namespace GitOrch.Engine.Sync;

/// <summary>Where auto-sync stands with one commit: applied (or passed by a later one), refused, held back by a rollback's pin, or still to come.</summary>
public enum CommitSyncPhase { Applied, Failed, Pinned, Pending }

/// <param name="Error">Why the sync refused the commit, for <see cref="CommitSyncPhase.Failed"/>.</param>
public sealed record CommitSync(CommitSyncPhase Phase, string? Error = null);
