using GitOrch.Api.Serialization;
using GitOrch.Api.Model;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Releases;
using GitOrch.Engine.Planning;
using GitOrch.Engine.Git;

namespace GitOrch.Engine.Sync;

/// <summary>What an apply makes the store hold: a commit's objects, or an earlier release's for a rollback.</summary>
public sealed record ApplyTarget(CommitInfo Commit, IReadOnlyDictionary<string, KubeObject> Objects, string Reason)
{
    /// <summary>The keys that differ from <see cref="BaseCommit"/>'s objects; when that commit is the latest release, the plan reads only these.</summary>
    public IReadOnlySet<string>? ChangedKeys { get; init; }

    public string? BaseCommit { get; init; }

    /// <summary>Objects the commit declares as hooks: run in their phase, not kept with the release (see <see cref="HookRunner"/>).</summary>
    public IReadOnlyList<KubeObject> Hooks { get; init; } = [];

    /// <summary>The repository and folder the objects come from, recorded with the release.</summary>
    public string? Source { get; init; }

    /// <summary>A rollback's pin, written while the apply holds the journal, so that no sync can slip in between the rollback and its pin.</summary>
    public SyncPin? Pin { get; init; }

    /// <summary>What the user should know about the objects, though nothing stops the apply: kinds that are only stored.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Set by auto-sync: give up, writing nothing, when a pin holds Git at this very commit.</summary>
    public bool YieldsToPin { get; init; }

    /// <exception cref="ManifestException">A hook annotation names no phase; the error names the file and line.</exception>
    public static ApplyTarget ForSync(DesiredState state, DesiredState? previous, string source)
    {
        var hooks = state.Objects.Values.Where(declared => HookPhaseOf(declared) is not null).ToList();
        var hookKeys = hooks.Select(declared => declared.Key).ToHashSet(StringComparer.Ordinal);
        var objects = hooks.Count == 0
            ? state.ObjectsByKey()
            : state.Objects.Where(pair => !hookKeys.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value.Object);
        return new(state.Commit, objects, Release.SyncReason)
        {
            Hooks = hooks.Select(declared => declared.Object).ToList(),
            Source = source,
            ChangedKeys = previous is null ? null : state.ChangedSince(previous),
            BaseCommit = previous?.Commit.Sha,
            Warnings = state.Warnings(),
        };
    }

    private static HookPhase? HookPhaseOf(DesiredObject declared)
    {
        try
        {
            return SyncHooks.PhaseOf(declared.Object);
        }
        catch (ArgumentException e)
        {
            throw new ManifestException(declared.Path, declared.Line, declared.Column, $"{Change.ObjectName(declared.Object)}: {e.Message}");
        }
    }
}

/// <param name="HealthTimeout">How long a wave or a hook may take to become healthy; <see cref="HealthGate.DefaultTimeout"/> when null.</param>
public sealed record ApplyOptions(bool DryRun = false, long? CheckRevision = null, TimeSpan? HealthTimeout = null);

/// <param name="PlanRevision">The newest revision among the live objects the plan read: the value for <c>--check-revision</c>.</param>
/// <param name="Release">The release recorded, or null for a dry run or a commit that was already applied.</param>
/// <param name="Recovered">An interrupted release that this apply finished first.</param>
public sealed record ApplyResult(CommitInfo Commit, IReadOnlyList<Change> Changes, long PlanRevision, Release? Release, Release? Recovered)
{
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
