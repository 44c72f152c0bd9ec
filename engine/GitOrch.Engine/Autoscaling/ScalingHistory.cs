namespace GitOrch.Engine.Autoscaling;

/// <summary>One autoscaler's recent recommendations and scale changes, kept as long as its windows and periods look back.</summary>
public sealed class ScalingHistory
{
    private readonly List<TimedCount> _recommendations = [];
    private readonly List<TimedCount> _scaleUps = [];
    private readonly List<TimedCount> _scaleDowns = [];

    public IReadOnlyList<TimedCount> Recommendations => _recommendations;
    public IReadOnlyList<TimedCount> ScaleUps => _scaleUps;
    public IReadOnlyList<TimedCount> ScaleDowns => _scaleDowns;

    public void Recommend(DateTimeOffset now, int replicas, TimeSpan keep)
    {
        _recommendations.RemoveAll(old => old.At < now - keep);
        _recommendations.Add(new TimedCount(now, replicas));
    }

    /// <summary>Records a change of <paramref name="change"/> replicas (negative for a scale-down).</summary>
    public void Scaled(DateTimeOffset now, int change, TimeSpan keep)
    {
        _scaleUps.RemoveAll(old => old.At < now - keep);
        _scaleDowns.RemoveAll(old => old.At < now - keep);
        if (change > 0) _scaleUps.Add(new TimedCount(now, change));
        else _scaleDowns.Add(new TimedCount(now, -change));
    }
}
