namespace GitOrch.Engine.Reconciling;

/// <summary>What a reconcile asks for next: nothing, or another look after a delay (a deadline, a timer).</summary>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter)
{
    public static readonly ReconcileResult Done = new(null);

    public static ReconcileResult After(TimeSpan delay) => new(delay);
}
