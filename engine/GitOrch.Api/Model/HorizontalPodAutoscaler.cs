namespace GitOrch.Api.Model;

/// <summary>
/// Scales a Deployment, StatefulSet or ReplicaSet between min and max replicas on CPU and memory
/// utilization (from the agents' container stats) and on requests per second per pod (from the service
/// proxies' own counters). While it targets a workload it owns that workload's <c>spec.replicas</c>.
/// </summary>
public sealed record HorizontalPodAutoscaler : KubeObject
{
    public HorizontalPodAutoscalerSpec Spec { get; init; } = new();
    public HorizontalPodAutoscalerStatus? Status { get; init; }
}

public sealed record HorizontalPodAutoscalerSpec
{
    public CrossVersionObjectReference ScaleTargetRef { get; init; } = new();
    public int? MinReplicas { get; init; }
    public int MaxReplicas { get; init; }
    public List<MetricSpec>? Metrics { get; init; }
    public HorizontalPodAutoscalerBehavior? Behavior { get; init; }
}

public sealed record CrossVersionObjectReference
{
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string? ApiVersion { get; init; }
}

/// <summary>One metric: <c>Resource</c> (cpu or memory) or <c>Pods</c> (a per-pod metric such as requests_per_second).</summary>
public sealed record MetricSpec
{
    public string Type { get; init; } = "";
    public ResourceMetricSource? Resource { get; init; }
    public ResourceMetricSource? ContainerResource { get; init; }
    public PodsMetricSource? Pods { get; init; }
    public ObjectMetricSource? Object { get; init; }
    public ExternalMetricSource? External { get; init; }
}

public sealed record ResourceMetricSource
{
    public string Name { get; init; } = "";
    public string? Container { get; init; }
    public MetricTarget Target { get; init; } = new();
}

public sealed record PodsMetricSource
{
    public MetricIdentifier Metric { get; init; } = new();
    public MetricTarget Target { get; init; } = new();
}

public sealed record ObjectMetricSource
{
    public CrossVersionObjectReference DescribedObject { get; init; } = new();
    public MetricIdentifier Metric { get; init; } = new();
    public MetricTarget Target { get; init; } = new();
}

public sealed record ExternalMetricSource
{
    public MetricIdentifier Metric { get; init; } = new();
    public MetricTarget Target { get; init; } = new();
}

public sealed record MetricIdentifier
{
    public string Name { get; init; } = "";
    public LabelSelector? Selector { get; init; }
}

/// <summary>Utilization (a percentage of the pods' requests), AverageValue (per pod) or Value.</summary>
public sealed record MetricTarget
{
    public string Type { get; init; } = "";
    public int? AverageUtilization { get; init; }
    public string? AverageValue { get; init; }
    public string? Value { get; init; }
}

public sealed record HorizontalPodAutoscalerBehavior
{
    public HpaScalingRules? ScaleUp { get; init; }
    public HpaScalingRules? ScaleDown { get; init; }
}

public sealed record HpaScalingRules
{
    public int? StabilizationWindowSeconds { get; init; }
    /// <summary>Max (the default), Min or Disabled.</summary>
    public string? SelectPolicy { get; init; }
    public List<HpaScalingPolicy>? Policies { get; init; }
    public string? Tolerance { get; init; }
}

/// <summary>At most <see cref="Value"/> pods (Pods) or percent (Percent) of change within <see cref="PeriodSeconds"/>.</summary>
public sealed record HpaScalingPolicy
{
    public string Type { get; init; } = "";
    public int Value { get; init; }
    public int PeriodSeconds { get; init; }
}

public sealed record HorizontalPodAutoscalerStatus
{
    public long? ObservedGeneration { get; init; }
    public DateTimeOffset? LastScaleTime { get; init; }
    public int CurrentReplicas { get; init; }
    public int DesiredReplicas { get; init; }
    public List<MetricStatus>? CurrentMetrics { get; init; }
    public List<Condition>? Conditions { get; init; }
}

/// <summary>What one metric measured: its name and the average per pod (a quantity), and for a utilization target the percentage.</summary>
public sealed record MetricStatus
{
    public string Type { get; init; } = "";
    public string Name { get; init; } = "";
    public string? AverageValue { get; init; }
    public int? AverageUtilization { get; init; }
}
