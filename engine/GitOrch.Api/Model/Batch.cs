namespace GitOrch.Api.Model;

public sealed record Job : KubeObject
{
    public JobSpec Spec { get; init; } = new();
    public JobStatus? Status { get; init; }
}

public sealed record JobSpec
{
    public int? Parallelism { get; init; }
    public int? Completions { get; init; }
    public int? BackoffLimit { get; init; }
    public long? ActiveDeadlineSeconds { get; init; }
    public int? TtlSecondsAfterFinished { get; init; }
    public bool? Suspend { get; init; }
    public bool? ManualSelector { get; init; }
    public string? CompletionMode { get; init; }
    public LabelSelector? Selector { get; init; }
    public PodTemplateSpec Template { get; init; } = new();
}

public sealed record JobStatus
{
    public int Active { get; init; }
    public int Succeeded { get; init; }
    public int Failed { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? CompletionTime { get; init; }
    public List<Condition>? Conditions { get; init; }
}

public sealed record CronJob : KubeObject
{
    public CronJobSpec Spec { get; init; } = new();
    public CronJobStatus? Status { get; init; }
}

public sealed record CronJobSpec
{
    /// <summary>Five fields: minute, hour, day of month, month, day of week.</summary>
    public string Schedule { get; init; } = "";
    public string? TimeZone { get; init; }
    /// <summary>Allow (the default), Forbid or Replace.</summary>
    public string? ConcurrencyPolicy { get; init; }
    public bool? Suspend { get; init; }
    public long? StartingDeadlineSeconds { get; init; }
    public int? SuccessfulJobsHistoryLimit { get; init; }
    public int? FailedJobsHistoryLimit { get; init; }
    public JobTemplateSpec JobTemplate { get; init; } = new();
}

public sealed record JobTemplateSpec
{
    public ObjectMeta Metadata { get; init; } = new();
    public JobSpec Spec { get; init; } = new();
}

public sealed record CronJobStatus
{
    public List<ObjectReference>? Active { get; init; }
    public DateTimeOffset? LastScheduleTime { get; init; }
    public DateTimeOffset? LastSuccessfulTime { get; init; }
}
