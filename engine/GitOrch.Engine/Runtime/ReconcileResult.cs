namespace GitOrch.Engine.Runtime;

/// <summary>What a reconcile asks for next: nothing, or another look after a delay (a deadline, a timer).</summary>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter)
{
    public static readonly ReconcileResult Done = new(null);

    public static ReconcileResult After(TimeSpan delay) => new(delay);

    /// <summary>The sooner of two requests.</summary>
    public ReconcileResult Or(ReconcileResult other) =>
        RequeueAfter is null ? other
        : other.RequeueAfter is null ? this
        : new(RequeueAfter < other.RequeueAfter ? RequeueAfter : other.RequeueAfter);
}
