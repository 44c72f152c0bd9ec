namespace GitOrch.Agent.Pods;

/// <summary>
/// How long an exited container waits before its next start: the first restart is immediate, then
/// the wait doubles from the base (10 s by default) up to 5 minutes. A container that ran for 10
/// minutes before exiting starts over.
/// </summary>
public sealed record RestartBackoff(TimeSpan Base)
{
    public static readonly TimeSpan Maximum = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ResetAfter = TimeSpan.FromMinutes(10);

    public TimeSpan Delay(int restartsSoFar, TimeSpan ranFor)
    {
        if (restartsSoFar == 0 || ranFor >= ResetAfter) return TimeSpan.Zero;
        var delay = Base * Math.Pow(2, Math.Min(restartsSoFar - 1, 20));
        return delay < Maximum ? delay : Maximum;
    }

    /// <summary>Whether restartPolicy restarts a container that exited with this code; init containers never restart after success.</summary>
    public static bool ShouldRestart(string? restartPolicy, int exitCode, bool isInit) => (restartPolicy ?? "Always") switch
    {
        "Never" => false,
        "OnFailure" => exitCode != 0,
        _ => !isInit || exitCode != 0,
    };
}
