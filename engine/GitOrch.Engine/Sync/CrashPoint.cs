using System.Diagnostics;

namespace GitOrch.Engine.Sync;

/// <summary>
/// A crash on purpose, for the recovery tests: with GITORCH_FAULT_KILL_AFTER_WRITES=N in its
/// environment, an apply kills its own process, as SIGKILL would, right after its Nth object write, so
/// a test can stop it at an exact point instead of racing a kill against the writes. Unset, it does
/// nothing.
/// </summary>
internal static class CrashPoint
{
    private static readonly int? KillAfterWrites =
        int.TryParse(Environment.GetEnvironmentVariable("GITORCH_FAULT_KILL_AFTER_WRITES"), out var writes) ? writes : null;

    public static void AfterWrite(int written)
    {
        if (written == KillAfterWrites) Process.GetCurrentProcess().Kill();
    }
}
