using GitOrch.Api.Model;
using GitOrch.Engine.Autoscaling;

namespace GitOrch.Engine.Tests;

public sealed class AutoscalerMathTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static HorizontalPodAutoscalerSpec Spec(int min = 1, int max = 20, HorizontalPodAutoscalerBehavior? behavior = null) =>
        new() { ScaleTargetRef = new CrossVersionObjectReference { Kind = "Deployment", Name = "web" }, MinReplicas = min, MaxReplicas = max, Behavior = behavior };

    private static int Decide(HorizontalPodAutoscalerSpec spec, int current, int recommended, DateTimeOffset now, TimedCount[]? earlier = null, TimedCount[]? ups = null) =>
        ScalingBehavior.Decide(spec, current, now, [.. earlier ?? [], new TimedCount(now, recommended)], ups ?? [], []);

    [Fact]
    public void ScaleIn_WaitsOutTheStabilizationWindow_TakingItsHighestRecommendation()
    {
        var spec = Spec(behavior: new HorizontalPodAutoscalerBehavior { ScaleDown = new HpaScalingRules { StabilizationWindowSeconds = 60 } });
        TimedCount[] earlier = [new(T0, 6), new(T0.AddSeconds(30), 4)];

        Assert.Equal(6, Decide(spec, 6, 2, T0.AddSeconds(45), earlier));
        Assert.Equal(4, Decide(spec, 6, 2, T0.AddSeconds(75), earlier));
        Assert.Equal(2, Decide(spec, 6, 2, T0.AddSeconds(95), earlier));
    }

    [Fact]
    public void ScaleIn_ByDefault_WaitsFiveMinutes()
    {
        TimedCount[] earlier = [new(T0, 6)];

        Assert.Equal(6, Decide(Spec(), 6, 1, T0.AddSeconds(299), earlier));
        Assert.Equal(1, Decide(Spec(), 6, 1, T0.AddSeconds(301), earlier));
    }

    [Fact]
    public void ScaleOut_ByDefault_AddsTheMoreOfFourPodsAndDoubling_PerFifteenSeconds()
    {
        Assert.Equal(6, Decide(Spec(), 2, 20, T0));
        Assert.Equal(20, Decide(Spec(), 10, 30, T0));
    }

    [Fact]
    public void ScaleOut_PolicyCountsWhatThePeriodAlreadyAdded()
    {
        var spec = Spec(behavior: new HorizontalPodAutoscalerBehavior
        {
            ScaleUp = new HpaScalingRules { Policies = [new HpaScalingPolicy { Type = "Pods", Value = 2, PeriodSeconds = 60 }] },
        });

        Assert.Equal(4, Decide(spec, 2, 10, T0));
        Assert.Equal(4, Decide(spec, 4, 10, T0.AddSeconds(30), ups: [new(T0, 2)]));
        Assert.Equal(6, Decide(spec, 4, 10, T0.AddSeconds(61), ups: [new(T0, 2)]));
    }

    [Fact]
    public void SelectPolicyDisabled_NeverScalesThatWay()
    {
        var spec = Spec(behavior: new HorizontalPodAutoscalerBehavior { ScaleDown = new HpaScalingRules { SelectPolicy = "Disabled", StabilizationWindowSeconds = 0 } });

        Assert.Equal(5, Decide(spec, 5, 1, T0));
    }

    [Fact]
    public void Decision_StaysWithinMinAndMax()
    {
        Assert.Equal(8, Decide(Spec(max: 8), 6, 50, T0));
        Assert.Equal(3, Decide(Spec(min: 3), 2, 2, T0));
    }

    [Fact]
    public void RequestRate_AboveTarget_AsksForPodsInProportion()
    {
        var pods = new[] { Pod("a"), Pod("b") };
        var rates = new Dictionary<string, double> { ["default/a"] = 30, ["default/b"] = 10 };

        var reading = MetricRecommendation.For(RequestRate("5"), 2, pods, new PodMeasurements(new Dictionary<string, PodUsage>(), rates));

        Assert.Equal(8, reading.Replicas);
        Assert.Equal("20", reading.Status!.AverageValue);
    }

    [Fact]
    public void RequestRate_WithinTenPercentOfTarget_KeepsTheCount()
    {
        var rates = new Dictionary<string, double> { ["default/a"] = 10.5 };

        Assert.Equal(3, MetricRecommendation.For(RequestRate("10"), 3, [Pod("a")], new PodMeasurements(new Dictionary<string, PodUsage>(), rates)).Replicas);
    }

    [Fact]
    public void RequestRate_BeforeTwoSamples_IsNotMeasuredYet()
    {
        var reading = MetricRecommendation.For(RequestRate("10"), 3, [Pod("a")], new PodMeasurements(new Dictionary<string, PodUsage>(), null));

        Assert.Null(reading.Replicas);
        Assert.Contains("not measured yet", reading.Problem);
    }

    [Fact]
    public void CpuUtilization_IsUsageOverRequests()
    {
        var usage = new Dictionary<string, PodUsage> { ["default/a"] = new(300, 0), ["default/b"] = new(100, 0) };
        var cpu = new MetricSpec { Type = "Resource", Resource = new ResourceMetricSource { Name = "cpu", Target = new MetricTarget { Type = "Utilization", AverageUtilization = 50 } } };

        var reading = MetricRecommendation.For(cpu, 2, [Pod("a", "200m"), Pod("b", "200m")], new PodMeasurements(usage, null));

        Assert.Equal((4, 100), (reading.Replicas, reading.Status!.AverageUtilization));
    }

    [Fact]
    public void CpuUtilization_OfPodsWithoutRequests_SaysWhy()
    {
        var usage = new Dictionary<string, PodUsage> { ["default/a"] = new(300, 0) };
        var cpu = new MetricSpec { Type = "Resource", Resource = new ResourceMetricSource { Name = "cpu", Target = new MetricTarget { Type = "Utilization", AverageUtilization = 50 } } };

        Assert.Equal("the target's pods request no cpu, which a utilization target needs", MetricRecommendation.For(cpu, 1, [Pod("a")], new PodMeasurements(usage, null)).Problem);
    }

    [Fact]
    public void ExternalMetric_IsNotOneGitOrchMeasures()
    {
        var external = new MetricSpec { Type = "External", External = new ExternalMetricSource { Metric = new MetricIdentifier { Name = "queue_depth" }, Target = new MetricTarget { Type = "Value", Value = "5" } } };

        Assert.Equal("metric External queue_depth is not one GitOrch measures: it measures Resource cpu and memory, and Pods requests_per_second",
            MetricRecommendation.For(external, 1, [Pod("a")], new PodMeasurements(new Dictionary<string, PodUsage>(), null)).Problem);
    }

    [Fact]
    public void RequestRates_AreTheGrowthOverTheWindow()
    {
        var rates = new RequestRates();

        Assert.Null(rates.Add("web", T0, new Dictionary<string, long> { ["default/a"] = 100 }));
        var after = rates.Add("web", T0.AddSeconds(5), new Dictionary<string, long> { ["default/a"] = 150, ["default/b"] = 10 })!;

        Assert.Equal((10.0, 2.0), (after["default/a"], after["default/b"]));
    }

    private static MetricSpec RequestRate(string perPod) => new()
    {
        Type = "Pods",
        Pods = new PodsMetricSource { Metric = new MetricIdentifier { Name = "requests_per_second" }, Target = new MetricTarget { Type = "AverageValue", AverageValue = perPod } },
    };

    private static Pod Pod(string name, string? cpu = null) => new()
    {
        ApiVersion = "v1", Kind = "Pod", Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodSpec
        {
            Containers = [new Container { Name = "main", Image = "busybox:1.36", Resources = cpu is null ? null : new ResourceRequirements { Requests = new() { ["cpu"] = cpu } } }],
        },
    };
}
